/*
 * File data on disk: what is written reads back, across page boundaries
 * and over earlier data; holes in the direct and in the indirect range
 * read as zeros and take no block (st_blocks counts only what is
 * allocated, the indirect block included); the indirect block is
 * allocated with the 27th block and freed by truncation, which gives back
 * every block; the largest file is S5_MAX_FILE_SIZE bytes and a write at
 * that size fails with EFBIG, one that crosses it stops there.
 */
#include "s5test.h"

#define F VT_DIR "/f"

static char buf[3 * 4096];

KTEST(s5fs_file_write_read, "s5fs.file.write_read")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(F, "hello, disk"), 0);
	char small[32];
	KT_CHECK_EQ(vt_readfile(F, small, sizeof(small)), 11);
	KT_CHECK_STR(small, "hello, disk");
	KT_CHECK_EQ(s5t_blocks(F), 8);
	s5t_end();
}

KTEST(s5fs_file_cross_page, "s5fs.file.cross_page")
{
	if (!s5t_begin()) {
		return;
	}
	int fd = do_open(F, O_RDWR | O_CREAT);
	s5t_pattern(buf, sizeof(buf), 4000, 1);
	KT_CHECK_EQ(do_lseek(fd, 4000, SEEK_SET), 4000);
	KT_CHECK_EQ(do_write(fd, buf, 5000), 5000);
	memset(buf, 0, sizeof(buf));
	KT_CHECK_EQ(do_lseek(fd, 4000, SEEK_SET), 4000);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 5000);
	KT_CHECK(s5t_pattern_ok(buf, 5000, 4000, 1));
	KT_CHECK_EQ(s5t_blocks(F), 24); /* bytes 4000..8999: pages 0, 1 and 2 */
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_file_overwrite, "s5fs.file.overwrite")
{
	if (!s5t_begin()) {
		return;
	}
	int fd = do_open(F, O_RDWR | O_CREAT);
	s5t_pattern(buf, sizeof(buf), 0, 2);
	KT_CHECK_EQ(do_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KT_CHECK_EQ(do_lseek(fd, 4090, SEEK_SET), 4090);
	KT_CHECK_EQ(do_write(fd, "XYZXYZXYZXYZ", 12), 12);
	do_close(fd);
	uint32_t before = s5t_free_blocks();
	static char back[sizeof(buf) + 1];
	KT_CHECK_EQ(vt_readfile(F, back, sizeof(back)), (ssize_t)sizeof(buf));
	KT_CHECK(s5t_pattern_ok(back, 4090, 0, 2));
	KT_CHECK(memcmp(back + 4090, "XYZXYZXYZXYZ", 12) == 0);
	KT_CHECK(s5t_pattern_ok(back + 4102, sizeof(buf) - 4102, 4102, 2));
	KT_CHECK_EQ(s5t_free_blocks(), before);
	s5t_end();
}

KTEST(s5fs_file_sparse_direct, "s5fs.file.sparse_direct")
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	int fd = do_open(F, O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_lseek(fd, 10 * 4096 + 5, SEEK_SET), 10 * 4096 + 5);
	KT_CHECK_EQ(do_write(fd, "tail", 4), 4);
	KT_CHECK_EQ(vt_size(F), 10 * 4096 + 9);
	KT_CHECK_EQ(s5t_blocks(F), 8);
	KT_CHECK_EQ(s5t_free_blocks(), before - 1);
	KT_CHECK_EQ(do_lseek(fd, 3 * 4096, SEEK_SET), 3 * 4096);
	memset(buf, 'x', sizeof(buf));
	KT_CHECK_EQ(do_read(fd, buf, 4096), 4096);
	bool zeros = true;
	for (int i = 0; i < 4096; i++) {
		zeros &= buf[i] == 0;
	}
	KT_CHECK(zeros);
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_file_sparse_indirect, "s5fs.file.sparse_indirect")
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	int fd = do_open(F, O_RDWR | O_CREAT);
	off_t at = 500 * 4096 + 100;
	KT_CHECK_EQ(do_lseek(fd, at, SEEK_SET), at);
	KT_CHECK_EQ(do_write(fd, "deep", 4), 4);
	/* One data block and the indirect block. */
	KT_CHECK_EQ(s5t_blocks(F), 16);
	KT_CHECK_EQ(s5t_free_blocks(), before - 2);
	KT_CHECK_EQ(do_lseek(fd, 300 * 4096, SEEK_SET), 300 * 4096);
	memset(buf, 'x', 4096);
	KT_CHECK_EQ(do_read(fd, buf, 4096), 4096);
	KT_CHECK(buf[0] == 0 && buf[4095] == 0);
	KT_CHECK_EQ(do_lseek(fd, at, SEEK_SET), at);
	char four[4];
	KT_CHECK_EQ(do_read(fd, four, 4), 4);
	KT_CHECK(memcmp(four, "deep", 4) == 0);
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_file_indirect_alloc_free, "s5fs.file.indirect_alloc_free")
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	int fd = do_open(F, O_RDWR | O_CREAT);
	s5t_pattern(buf, 4096, 0, 3);
	for (int i = 0; i < (int)S5_NDIRECT; i++) {
		KT_CHECK_EQ(do_write(fd, buf, 4096), 4096);
	}
	KT_CHECK_EQ(s5t_blocks(F), S5_NDIRECT * 8);
	KT_CHECK_EQ(s5t_free_blocks(), before - S5_NDIRECT);
	/* Block 26 is the first through the indirect block: two blocks more. */
	KT_CHECK_EQ(do_write(fd, buf, 1), 1);
	KT_CHECK_EQ(s5t_blocks(F), (S5_NDIRECT + 2) * 8);
	KT_CHECK_EQ(s5t_free_blocks(), before - S5_NDIRECT - 2);
	do_close(fd);
	/* O_TRUNC frees all of them, the indirect block too. */
	fd = do_open(F, O_RDWR | O_TRUNC);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(s5t_blocks(F), 0);
	KT_CHECK_EQ(vt_size(F), 0);
	KT_CHECK_EQ(s5t_free_blocks(), before);
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_file_largest, "s5fs.file.largest")
{
	if (!s5t_begin()) {
		return;
	}
	int fd = do_open(F, O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_lseek(fd, S5_MAX_FILE_SIZE - 1, SEEK_SET), S5_MAX_FILE_SIZE - 1);
	KT_CHECK_EQ(do_write(fd, "z", 1), 1);
	KT_CHECK_EQ(vt_size(F), S5_MAX_FILE_SIZE);
	KT_CHECK_EQ(do_write(fd, "z", 1), -EFBIG);
	KT_CHECK_EQ(do_lseek(fd, S5_MAX_FILE_SIZE - 2, SEEK_SET), S5_MAX_FILE_SIZE - 2);
	KT_CHECK_EQ(do_write(fd, "abcd", 4), 2);
	KT_CHECK_EQ(vt_size(F), S5_MAX_FILE_SIZE);
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_file_truncate_open, "s5fs.file.truncate_open")
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	KT_CHECK_EQ(vt_mkfile(F, "some data that goes away"), 0);
	int fd = do_open(F, O_RDWR);
	KT_CHECK_EQ(do_lseek(fd, 8192, SEEK_SET), 8192);
	KT_CHECK_EQ(do_write(fd, "more", 4), 4);
	int fd2 = do_open(F, O_WRONLY | O_TRUNC);
	KT_CHECK_EQ(vt_size(F), 0);
	KT_CHECK_EQ(s5t_free_blocks(), before);
	/* Written again after truncation: the old bytes are gone, not resurrected. */
	KT_CHECK_EQ(do_lseek(fd, 20, SEEK_SET), 20);
	KT_CHECK_EQ(do_write(fd, "x", 1), 1);
	char back[32];
	KT_CHECK_EQ(vt_readfile(F, back, sizeof(back)), 21);
	KT_CHECK_EQ(back[0], 0);
	KT_CHECK_EQ(back[19], 0);
	do_close(fd);
	do_close(fd2);
	s5t_end();
}

KTEST_SLOW(s5fs_file_four_mib, "s5fs.file.four_mib", 60000)
{
	if (!s5t_begin()) {
		return;
	}
	int fd = do_open(F, O_RDWR | O_CREAT);
	for (uint32_t pos = 0; pos < 4u << 20; pos += 8192) {
		s5t_pattern(buf, 8192, pos, 4);
		if (!KT_CHECK_EQ(do_write(fd, buf, 8192), 8192)) {
			break;
		}
	}
	KT_CHECK_EQ(vt_size(F), 4 << 20);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	for (uint32_t pos = 0; pos < 4u << 20; pos += 8192) {
		KT_CHECK_EQ(do_read(fd, buf, 8192), 8192);
		if (!KT_CHECK(s5t_pattern_ok(buf, 8192, pos, 4))) {
			break;
		}
	}
	do_close(fd);
	s5t_end();
}
