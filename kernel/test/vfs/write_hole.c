/*
 * Writing past the end leaves a hole that reads as zeros: seek to 10000,
 * write, and the file is 10000 + n bytes whose first 10000 are 0; only the
 * page written is allocated (st_blocks).
 */
#include "vfstest.h"

KTEST(vfs_write_hole, "vfs.write.hole")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/f", O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_lseek(fd, 3 * 4096 + 100, SEEK_SET), 3 * 4096 + 100);
	KT_CHECK_EQ(do_write(fd, "end", 3), 3);
	stat_t st;
	KT_CHECK_EQ(do_fstat(fd, &st), 0);
	KT_CHECK_EQ(st.st_size, 3 * 4096 + 103);
	KT_CHECK_EQ(st.st_blocks, 8);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	static char buf[3 * 4096 + 103];
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	bool zeros = true;
	for (size_t i = 0; i < 3 * 4096 + 100; i++) {
		zeros &= buf[i] == 0;
	}
	KT_CHECK(zeros);
	KT_CHECK(memcmp(buf + 3 * 4096 + 100, "end", 3) == 0);
	vt_end();
}
