/*
 * do_dup() gives the lowest free descriptor for the same open file: the two
 * share one position.
 */
#include "vfstest.h"

KTEST(vfs_fd_dup, "vfs.fd.dup")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "abcdef"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	int fd2 = do_dup(fd);
	KT_CHECK_EQ(fd2, fd + 1);
	char c;
	KT_CHECK_EQ(do_read(fd, &c, 1), 1);
	KT_CHECK_EQ(do_read(fd2, &c, 1), 1);
	KT_CHECK_EQ(c, 'b');
	KT_CHECK_EQ(do_lseek(fd2, 0, SEEK_CUR), 2);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(do_read(fd2, &c, 1), 1);
	KT_CHECK_EQ(c, 'c');
	vt_end();
}
