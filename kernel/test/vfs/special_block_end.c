/*
 * At the end of a block device a read returns what is left (0 at the end),
 * and a write at the end fails with ENOSPC.
 */
#include "drivers/blockdev.h"
#include "vfstest.h"

KTEST(vfs_special_block_end, "vfs.special.block_end")
{
	int fd = do_open("/dev/hda", O_RDWR);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	blockdev_t *bd = blockdev_lookup_name("hda");
	off_t size = (off_t)(bd->bd_nblocks * BLOCK_SIZE);
	char buf[64];
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_END), size);
	KT_CHECK_EQ(do_lseek(fd, size - 10, SEEK_SET), size - 10);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 10);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
	KT_CHECK_EQ(do_write(fd, buf, 1), -ENOSPC);
	KT_CHECK_EQ(do_close(fd), 0);
}
