/*
 * ramfs holds a file of 1 MiB (at least what its contract promises):
 * written in 4 KiB pieces with a pattern, it reads back whole, and
 * removing it gives every page back (the leak check).
 */
#include "vfstest.h"

KTEST(vfs_write_large, "vfs.write.large")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/big", O_RDWR | O_CREAT);
	static uint32_t block[1024];
	for (uint32_t b = 0; b < 256; b++) {
		for (int i = 0; i < 1024; i++) {
			block[i] = b * 1024 + i;
		}
		if (!KT_CHECK_EQ(do_write(fd, block, sizeof(block)), (ssize_t)sizeof(block))) {
			break;
		}
	}
	KT_CHECK_EQ(vt_size(VT_DIR "/big"), 1024 * 1024);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	bool same = true;
	for (uint32_t b = 0; b < 256 && same; b++) {
		same = do_read(fd, block, sizeof(block)) == (ssize_t)sizeof(block);
		for (int i = 0; i < 1024 && same; i++) {
			same = block[i] == b * 1024 + i;
		}
	}
	KT_CHECK(same);
	vt_end();
}
