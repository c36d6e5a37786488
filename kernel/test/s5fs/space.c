/*
 * Running out: filling the disk gives ENOSPC (a write that runs out part
 * way returns what it wrote), loses nothing already written, and after
 * the files are unlinked every block is free again and writing works.
 * The same for inodes: creating files until ENOSPC, then removing them,
 * gives every inode back.
 */
#include "s5test.h"

static char chunk[8 * 4096];

KTEST_SLOW(s5fs_space_blocks, "s5fs.space.blocks", 60000)
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	s5t_pattern(chunk, sizeof(chunk), 0, 9);
	char path[32];
	int files = 0;
	ssize_t last = 0;
	/* Files of at most 4 MiB each (the largest file is a little more). */
	for (files = 0; files < 16 && last >= 0; files++) {
		snprintf(path, sizeof(path), VT_DIR "/fill%d", files);
		int fd = do_open(path, O_WRONLY | O_CREAT);
		if (!KT_CHECK(fd >= 0)) {
			break;
		}
		for (int i = 0; i < 128; i++) {
			last = do_write(fd, chunk, sizeof(chunk));
			if (last != (ssize_t)sizeof(chunk)) {
				break;
			}
		}
		do_close(fd);
		if (last >= 0 && last < (ssize_t)sizeof(chunk)) {
			/* Stopped short: the next write must say ENOSPC. */
			fd = do_open(path, O_WRONLY | O_APPEND);
			last = do_write(fd, chunk, sizeof(chunk));
			do_close(fd);
		}
	}
	KT_CHECK_EQ(last, -ENOSPC);
	KT_CHECK_EQ(s5t_free_blocks(), 0);
	/* Nothing written was lost: the first file reads back whole. */
	int fd = do_open(VT_DIR "/fill0", O_RDONLY);
	static char back[sizeof(chunk)];
	KT_CHECK_EQ(do_read(fd, back, sizeof(back)), (ssize_t)sizeof(back));
	KT_CHECK(s5t_pattern_ok(back, sizeof(back), 0, 9));
	do_close(fd);
	for (int i = 0; i < files; i++) {
		snprintf(path, sizeof(path), VT_DIR "/fill%d", i);
		KT_CHECK_EQ(do_unlink(path), 0);
	}
	KT_CHECK_EQ(s5t_free_blocks(), before);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/after", "space again"), 0);
	s5t_end();
	KT_CHECK_EQ(s5t_free_blocks(), before + 1); /* /t's own block went too */
}

KTEST_SLOW(s5fs_space_inodes, "s5fs.space.inodes", 60000)
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_inodes();
	char path[32];
	int made = 0;
	int err = 0;
	for (;;) {
		snprintf(path, sizeof(path), VT_DIR "/i%d", made);
		int fd = do_open(path, O_WRONLY | O_CREAT);
		if (fd < 0) {
			err = fd;
			break;
		}
		do_close(fd);
		made++;
	}
	KT_CHECK_EQ(err, -ENOSPC);
	KT_CHECK_EQ(made, (int)before);
	KT_CHECK_EQ(s5t_free_inodes(), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), -ENOSPC);
	/* The failed create left no entry behind. */
	KT_CHECK_EQ(vt_ino(path), -ENOENT);
	for (int i = 0; i < made; i++) {
		snprintf(path, sizeof(path), VT_DIR "/i%d", i);
		KT_CHECK_EQ(do_unlink(path), 0);
	}
	KT_CHECK_EQ(s5t_free_inodes(), before);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	s5t_end();
}

/* Fills the disk with files VT_DIR/fN; returns how many it made. */
static int fill_disk(void)
{
	char path[32];
	int files = 0;
	ssize_t n = 1;
	s5t_pattern(chunk, sizeof(chunk), 0, 5);
	while (n > 0 && files < 16) {
		snprintf(path, sizeof(path), VT_DIR "/f%d", files++);
		int fd = do_open(path, O_WRONLY | O_CREAT);
		if (fd < 0) {
			break;
		}
		while ((n = do_write(fd, chunk, sizeof(chunk))) > 0) {
		}
		do_close(fd);
		n = n == -EFBIG ? 1 : n; /* this file is full, the disk is not */
	}
	return files;
}

KTEST_SLOW(s5fs_space_mkdir_nospc, "s5fs.space.mkdir_nospc", 60000)
{
	/* mkdir with no free block for the new directory leaves nothing half made. */
	if (!s5t_begin()) {
		return;
	}
	uint32_t inodes = s5t_free_inodes();
	int files = fill_disk();
	KT_CHECK_EQ(s5t_free_blocks(), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/sub"), -ENOSPC);
	KT_CHECK_EQ(vt_ino(VT_DIR "/sub"), -ENOENT);
	KT_CHECK_EQ(s5t_free_inodes(), inodes - (uint32_t)files);
	s5t_end();
	KT_CHECK_EQ(s5t_free_inodes(), inodes + 1); /* /t went too */
}
