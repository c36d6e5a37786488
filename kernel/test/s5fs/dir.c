/*
 * Directories on disk: entries are packed 64 to a block, so 300 names take
 * five blocks and each is found again; removing entries moves the last one
 * into the gap (the size drops by 64 for each, and the last block is freed
 * when it empties); removed names can be added again and a listing shows
 * each remaining name exactly once; '.' and '..' are real entries and
 * readdir reports each entry's type; a removed directory takes no new
 * entries.
 */
#include "s5test.h"

#define D VT_DIR "/d"
#define DIR_NAMES 300

static int make_files(int n)
{
	char path[48];
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), D "/name%03d", i);
		int fd = do_open(path, O_WRONLY | O_CREAT);
		if (fd < 0) {
			return fd;
		}
		do_close(fd);
	}
	return 0;
}

/* Counts the entries of D other than . and ..; -1 if one appears twice. */
static int count_entries(int n, bool *seen)
{
	memset(seen, 0, (size_t)n);
	int fd = do_open(D, O_RDONLY);
	dirent_t d;
	int count = 0;
	while (do_getdent(fd, &d) > 0) {
		if (strncmp(d.d_name, "name", 4) != 0) {
			continue;
		}
		int i = (int)strtol(d.d_name + 4, NULL, 10);
		if (i < 0 || i >= n || seen[i]) {
			count = -1;
			break;
		}
		seen[i] = true;
		count++;
	}
	do_close(fd);
	return count;
}

KTEST_SLOW(s5fs_dir_many_entries, "s5fs.dir.many_entries", 30000)
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(D), 0);
	KT_CHECK_EQ(make_files(DIR_NAMES), 0);
	KT_CHECK_EQ(vt_size(D), (DIR_NAMES + 2) * 64);
	KT_CHECK_EQ(s5t_blocks(D), 5 * 8);
	char path[48];
	bool found = true;
	for (int i = 0; i < DIR_NAMES; i++) {
		snprintf(path, sizeof(path), D "/name%03d", i);
		found &= vt_ino(path) > 0;
	}
	KT_CHECK(found);
	static bool seen[DIR_NAMES];
	KT_CHECK_EQ(count_entries(DIR_NAMES, seen), DIR_NAMES);
	s5t_end();
}

KTEST_SLOW(s5fs_dir_remove_compact, "s5fs.dir.remove_compact", 30000)
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(D), 0);
	KT_CHECK_EQ(make_files(130), 0); /* 132 entries: 3 blocks */
	KT_CHECK_EQ(s5t_blocks(D), 3 * 8);
	KT_CHECK_EQ(do_unlink(D "/name000"), 0);
	KT_CHECK_EQ(vt_size(D), 131 * 64);
	KT_CHECK_EQ(vt_ino(D "/name129") > 0, 1); /* the last entry moved, still found */
	KT_CHECK_EQ(do_unlink(D "/name001"), 0);
	KT_CHECK_EQ(do_unlink(D "/name002"), 0);
	KT_CHECK_EQ(do_unlink(D "/name003"), 0);
	KT_CHECK_EQ(vt_size(D), 128 * 64);
	KT_CHECK_EQ(s5t_blocks(D), 2 * 8); /* the third block emptied and went */
	static bool seen[130];
	KT_CHECK_EQ(count_entries(130, seen), 126);
	KT_CHECK(!seen[0] && !seen[3] && seen[4] && seen[129]);
	s5t_end();
}

KTEST(s5fs_dir_reuse, "s5fs.dir.reuse")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(D), 0);
	KT_CHECK_EQ(make_files(20), 0);
	for (int round = 0; round < 3; round++) {
		KT_CHECK_EQ(do_unlink(D "/name005"), 0);
		KT_CHECK_EQ(do_unlink(D "/name011"), 0);
		KT_CHECK_EQ(vt_ino(D "/name005"), -ENOENT);
		KT_CHECK_EQ(vt_mkfile(D "/name011", "back"), 0);
		KT_CHECK_EQ(vt_mkfile(D "/name005", "back"), 0);
	}
	KT_CHECK_EQ(vt_size(D), 22 * 64);
	static bool seen[20];
	KT_CHECK_EQ(count_entries(20, seen), 20);
	s5t_end();
}

KTEST(s5fs_dir_types, "s5fs.dir.types")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/sub"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/reg", ""), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/chr", S_IFCHR, DEVID_NULL), 0);
	int fd = do_open(VT_DIR, O_RDONLY);
	dirent_t d;
	int seen = 0;
	while (do_getdent(fd, &d) > 0) {
		if (strcmp(d.d_name, ".") == 0) {
			KT_CHECK_EQ(d.d_ino, (ino_t)vt_ino(VT_DIR));
			KT_CHECK_EQ(d.d_type, DT_DIR);
			seen |= 1;
		} else if (strcmp(d.d_name, "..") == 0) {
			KT_CHECK_EQ(d.d_ino, S5_ROOT_INODE);
			seen |= 2;
		} else if (strcmp(d.d_name, "sub") == 0) {
			KT_CHECK_EQ(d.d_type, DT_DIR);
			seen |= 4;
		} else if (strcmp(d.d_name, "reg") == 0) {
			KT_CHECK_EQ(d.d_type, DT_REG);
			seen |= 8;
		} else if (strcmp(d.d_name, "chr") == 0) {
			KT_CHECK_EQ(d.d_type, DT_CHR);
			seen |= 16;
		}
	}
	do_close(fd);
	KT_CHECK_EQ(seen, 31);
	s5t_end();
}

KTEST(s5fs_dir_new_dir, "s5fs.dir.new_dir")
{
	/* A new directory: two entries (128 bytes), one block, link count 2. */
	if (!s5t_begin()) {
		return;
	}
	uint32_t before = s5t_free_blocks();
	KT_CHECK_EQ(do_mkdir(D), 0);
	KT_CHECK_EQ(vt_size(D), 2 * 64);
	KT_CHECK_EQ(s5t_blocks(D), 8);
	KT_CHECK_EQ(vt_nlink(D), 2);
	KT_CHECK_EQ(vt_ino(D "/."), vt_ino(D));
	KT_CHECK_EQ(vt_ino(D "/.."), vt_ino(VT_DIR));
	KT_CHECK_EQ(s5t_free_blocks(), before - 1);
	KT_CHECK_EQ(do_rmdir(D), 0);
	KT_CHECK_EQ(s5t_free_blocks(), before);
	s5t_end();
}

KTEST(s5fs_dir_removed, "s5fs.dir.removed")
{
	/* A removed directory that is still the current directory takes no new entries. */
	if (!s5t_begin()) {
		return;
	}
	uint32_t inodes = s5t_free_inodes();
	KT_CHECK_EQ(do_mkdir(D), 0);
	KT_CHECK_EQ(do_chdir(D), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_open("f", O_WRONLY | O_CREAT), -ENOENT);
	KT_CHECK_EQ(do_mkdir("sub"), -ENOENT);
	KT_CHECK_EQ(do_mknod("n", S_IFCHR, DEVID_NULL), -ENOENT);
	KT_CHECK_EQ(do_chdir("/"), 0);
	/* Its inode went with the last reference. */
	KT_CHECK_EQ(s5t_free_inodes(), inodes);
	s5t_end();
}
