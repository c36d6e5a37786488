/*
 * SEEK_SET, SEEK_CUR and SEEK_END move the position from the start, from
 * the position and from the end; each returns the new position.
 */
#include "vfstest.h"

KTEST(vfs_seek_whence, "vfs.seek.whence")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "0123456789"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	char c;
	KT_CHECK_EQ(do_lseek(fd, 4, SEEK_SET), 4);
	KT_CHECK_EQ(do_read(fd, &c, 1), 1);
	KT_CHECK_EQ(c, '4');
	KT_CHECK_EQ(do_lseek(fd, 2, SEEK_CUR), 7);
	KT_CHECK_EQ(do_lseek(fd, -3, SEEK_CUR), 4);
	KT_CHECK_EQ(do_lseek(fd, -1, SEEK_END), 9);
	KT_CHECK_EQ(do_read(fd, &c, 1), 1);
	KT_CHECK_EQ(c, '9');
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_END), 10);
	vt_end();
}
