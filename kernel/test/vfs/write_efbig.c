/*
 * ramfs's largest file is RAMFS_MAX_FILE_SIZE: a write that starts there
 * fails with EFBIG, one that crosses it writes up to it.
 */
#include "fs/ramfs.h"
#include "vfstest.h"

KTEST(vfs_write_efbig, "vfs.write.efbig")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/f", O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_lseek(fd, RAMFS_MAX_FILE_SIZE, SEEK_SET), RAMFS_MAX_FILE_SIZE);
	KT_CHECK_EQ(do_write(fd, "x", 1), -EFBIG);
	KT_CHECK_EQ(do_lseek(fd, RAMFS_MAX_FILE_SIZE - 2, SEEK_SET), RAMFS_MAX_FILE_SIZE - 2);
	KT_CHECK_EQ(do_write(fd, "abcd", 4), 2);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), RAMFS_MAX_FILE_SIZE);
	vt_end();
}
