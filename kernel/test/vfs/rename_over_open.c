/*
 * A file replaced by rename while open stays readable through its
 * descriptor until it is closed (only its name went).
 */
#include "vfstest.h"

KTEST(vfs_rename_over_open, "vfs.rename.over_open")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "new"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", "old"), 0);
	int fd = do_open(VT_DIR "/b", O_RDONLY);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/b"), 0);
	char buf[8] = {0};
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "old");
	stat_t st;
	KT_CHECK_EQ(do_fstat(fd, &st), 0);
	KT_CHECK_EQ(st.st_nlink, 0);
	vt_end();
}
