/*
 * The largest file of the root file system (vt_max_file_size(): ramfs's
 * or S5FS's): a write that starts there fails with EFBIG, one that
 * crosses it writes up to it.
 */
#include "vfstest.h"

KTEST(vfs_write_efbig, "vfs.write.efbig")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/f", O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_lseek(fd, vt_max_file_size(), SEEK_SET), vt_max_file_size());
	KT_CHECK_EQ(do_write(fd, "x", 1), -EFBIG);
	KT_CHECK_EQ(do_lseek(fd, vt_max_file_size() - 2, SEEK_SET), vt_max_file_size() - 2);
	KT_CHECK_EQ(do_write(fd, "abcd", 4), 2);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), vt_max_file_size());
	vt_end();
}
