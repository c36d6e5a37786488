/*
 * do_stat() and do_fstat() agree and report what the file is: inode,
 * type and permission bits, link count, size, blocks of 512 bytes, block
 * size 4096.
 */
#include "vfstest.h"

KTEST(vfs_stat_fields, "vfs.stat.fields")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "12345"), 0);
	stat_t a, b;
	KT_CHECK_EQ(do_stat(VT_DIR "/f", &a), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	KT_CHECK_EQ(do_fstat(fd, &b), 0);
	KT_CHECK(memcmp(&a, &b, sizeof(a)) == 0);
	KT_CHECK_EQ(a.st_mode, S_IFREG | 0644);
	KT_CHECK_EQ(a.st_size, 5);
	KT_CHECK_EQ(a.st_nlink, 1);
	KT_CHECK_EQ(a.st_blocks, 8);
	KT_CHECK_EQ(a.st_blksize, 4096);
	KT_CHECK_EQ(a.st_rdev, 0);
	KT_CHECK_EQ(do_stat(VT_DIR, &a), 0);
	KT_CHECK_EQ(a.st_mode, S_IFDIR | 0755);
	vt_end();
}
