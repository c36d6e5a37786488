/*
 * A whence that is none of the three, or a resulting position below 0,
 * fails with EINVAL and leaves the position where it was; a bad descriptor
 * gives EBADF.
 */
#include "vfstest.h"

KTEST(vfs_seek_invalid, "vfs.seek.invalid")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "0123456789"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	KT_CHECK_EQ(do_lseek(fd, 5, SEEK_SET), 5);
	KT_CHECK_EQ(do_lseek(fd, 0, 3), -EINVAL);
	KT_CHECK_EQ(do_lseek(fd, 0, -1), -EINVAL);
	KT_CHECK_EQ(do_lseek(fd, -1, SEEK_SET), -EINVAL);
	KT_CHECK_EQ(do_lseek(fd, -6, SEEK_CUR), -EINVAL);
	KT_CHECK_EQ(do_lseek(fd, -11, SEEK_END), -EINVAL);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 5);
	KT_CHECK_EQ(do_lseek(-1, 0, SEEK_SET), -EBADF);
	KT_CHECK_EQ(do_lseek(NFILES, 0, SEEK_SET), -EBADF);
	vt_end();
}
