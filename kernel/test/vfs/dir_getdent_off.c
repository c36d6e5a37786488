/*
 * do_getdent() leaves the directory's position at the entry's d_off, so
 * do_lseek(fd, 0, SEEK_CUR) after it equals d_off, and seeking back to a
 * saved d_off reads the same next entry again.  An entry removed from
 * the middle of the directory leaves a gap that a position counted one
 * by one would land in.
 */
#include "vfstest.h"

KTEST(vfs_dir_getdent_off, "vfs.dir.getdent_off")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", ""), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", ""), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/c", ""), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d", ""), 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/b"), 0);
	int fd = do_open(VT_DIR, O_RDONLY);
	if (!KT_CHECK(fd >= 0)) {
		vt_end();
		return;
	}
	dirent_t d, again;
	int n = 0;
	off_t second = -1;
	char after_second[NAME_LEN + 1] = "";
	while (do_getdent(fd, &d) > 0) {
		KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), d.d_off);
		n++;
		if (n == 2) {
			second = d.d_off;
		} else if (n == 3) {
			strlcpy(after_second, d.d_name, sizeof(after_second));
		}
	}
	KT_CHECK_EQ(n, 5);
	KT_CHECK_EQ(do_lseek(fd, second, SEEK_SET), second);
	if (KT_CHECK_EQ(do_getdent(fd, &again), 1)) {
		KT_CHECK_STR(again.d_name, after_second);
	}
	KT_CHECK_EQ(do_close(fd), 0);
	vt_end();
}
