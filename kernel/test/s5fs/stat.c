/*
 * stat on S5FS: st_dev is the disk's device id, st_blksize 4096, the
 * permission bits 0755/0644, and device special files made by mknod keep
 * their type and device id on disk (a fresh read of the inode shows them).
 */
#include "s5test.h"

KTEST(s5fs_stat_fields, "s5fs.stat.fields")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "12345"), 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/f", &st), 0);
	KT_CHECK_EQ(st.st_dev, MKDEVID(DISK_MAJOR, 0));
	KT_CHECK_EQ(st.st_mode, S_IFREG | 0644);
	KT_CHECK_EQ(st.st_size, 5);
	KT_CHECK_EQ(st.st_blksize, 4096);
	KT_CHECK_EQ(st.st_blocks, 8);
	KT_CHECK_EQ(st.st_nlink, 1);
	KT_CHECK_EQ(do_stat(VT_DIR, &st), 0);
	KT_CHECK_EQ(st.st_mode, S_IFDIR | 0755);
	KT_CHECK_EQ(st.st_size, 3 * 64);
	s5t_end();
}

KTEST(s5fs_stat_mknod, "s5fs.stat.mknod")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mknod(VT_DIR "/c", S_IFCHR, MKDEVID(2, 64)), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/b", S_IFBLK, MKDEVID(DISK_MAJOR, 1)), 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/c", &st), 0);
	KT_CHECK_EQ(st.st_mode, S_IFCHR | 0644);
	KT_CHECK_EQ(st.st_rdev, MKDEVID(2, 64));
	KT_CHECK_EQ(st.st_blocks, 0);
	/* On disk: the inode's type and device id. */
	s5_inode_t ip;
	long ino = vt_ino(VT_DIR "/b");
	KT_CHECK_EQ(s5_inode_read(s5t_fs(), (uint32_t)ino, &ip), 0);
	KT_CHECK_EQ(ip.s5i_type, S5_TYPE_BLK);
	KT_CHECK_EQ(ip.s5i_devid, MKDEVID(DISK_MAJOR, 1));
	KT_CHECK_EQ(ip.s5i_nlink, 1);
	KT_CHECK_EQ(ip.s5i_size, 0);
	s5t_end();
}
