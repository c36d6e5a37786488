/*
 * Seeking past the end is allowed and does not change the file: reading
 * there gives 0, and the length only grows when something is written.
 */
#include "vfstest.h"

KTEST(vfs_seek_past_end, "vfs.seek.past_end")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "abc"), 0);
	int fd = do_open(VT_DIR "/f", O_RDWR);
	KT_CHECK_EQ(do_lseek(fd, 100, SEEK_END), 103);
	char buf[4];
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), 3);
	KT_CHECK_EQ(do_write(fd, "z", 1), 1);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), 104);
	vt_end();
}
