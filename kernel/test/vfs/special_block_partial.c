/*
 * A write of part of a block of /dev/hda reads the block, changes the
 * bytes written and writes the whole block back: with the block first
 * filled with a pattern, 10 bytes written at offset 100 read back, and
 * every other byte of the block keeps the pattern (a blank disk would
 * not show a block written back with zeros around the new bytes).
 */
#include "vfstest.h"

#include "drivers/blockdev.h"

#define BLK BLOCK_SIZE

KTEST(vfs_special_block_partial, "vfs.special.block_partial")
{
	int fd = do_open("/dev/hda", O_RDWR);
	if (!KT_CHECK(fd >= 0)) {
		ktest_note("no /dev/hda: the runner attaches a scratch disk");
		return;
	}
	static char pattern[2 * BLK], back[2 * BLK];
	for (size_t i = 0; i < sizeof(pattern); i++) {
		pattern[i] = (char)(0xa5 ^ (i * 7));
	}
	KT_CHECK_EQ(do_write(fd, pattern, sizeof(pattern)), (ssize_t)sizeof(pattern));
	static const char ten[10] = "0123456789";
	KT_CHECK_EQ(do_lseek(fd, 100, SEEK_SET), 100);
	KT_CHECK_EQ(do_write(fd, ten, sizeof(ten)), (ssize_t)sizeof(ten));
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 110);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_read(fd, back, sizeof(back)), (ssize_t)sizeof(back));
	KT_CHECK(memcmp(back, pattern, 100) == 0);
	KT_CHECK(memcmp(back + 100, ten, sizeof(ten)) == 0);
	KT_CHECK(memcmp(back + 110, pattern + 110, sizeof(back) - 110) == 0);
	KT_CHECK_EQ(do_close(fd), 0);
}
