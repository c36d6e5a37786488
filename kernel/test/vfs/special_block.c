/*
 * /dev/hda is read and written at any offset and length, as on Linux: a
 * write of 5000 bytes at offset 100 (across a block boundary) reads back
 * exactly, and the bytes around it are untouched.
 */
#include "vfstest.h"

KTEST(vfs_special_block, "vfs.special.block")
{
	int fd = do_open("/dev/hda", O_RDWR);
	if (!KT_CHECK(fd >= 0)) {
		ktest_note("no /dev/hda: the runner attaches a scratch disk");
		return;
	}
	static char before[12288], data[5000], after[12288];
	KT_CHECK_EQ(do_read(fd, before, sizeof(before)), (ssize_t)sizeof(before));
	for (size_t i = 0; i < sizeof(data); i++) {
		data[i] = (char)(i * 13 + 1);
	}
	KT_CHECK_EQ(do_lseek(fd, 100, SEEK_SET), 100);
	KT_CHECK_EQ(do_write(fd, data, sizeof(data)), (ssize_t)sizeof(data));
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 5100);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_read(fd, after, sizeof(after)), (ssize_t)sizeof(after));
	KT_CHECK(memcmp(after, before, 100) == 0);
	KT_CHECK(memcmp(after + 100, data, sizeof(data)) == 0);
	KT_CHECK(memcmp(after + 5100, before + 5100, sizeof(after) - 5100) == 0);
	KT_CHECK_EQ(do_close(fd), 0);
}
