/*
 * With O_APPEND every write goes to the end of the file, wherever the
 * position was moved, and the position ends up at the new end.
 */
#include "vfstest.h"

KTEST(vfs_open_append, "vfs.open.append")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "abc"), 0);
	int fd = do_open(VT_DIR "/f", O_RDWR | O_APPEND);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_write(fd, "de", 2), 2);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 5);
	KT_CHECK_EQ(do_lseek(fd, 1, SEEK_SET), 1);
	KT_CHECK_EQ(do_write(fd, "f", 1), 1);
	do_close(fd);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/f", buf, sizeof(buf)), 6);
	KT_CHECK_STR(buf, "abcdef");
	vt_end();
}
