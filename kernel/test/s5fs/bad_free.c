/*
 * Corrupt free lists make allocation fail with -EIO and a report, never
 * hand out a block or inode twice, loop or panic: a free-block entry
 * outside the data area, a block list longer than its count (what a cycle
 * looks like), a free-inode list that names an inode in use or one out of
 * range.  Each test damages the superblock on the overlay device and
 * creates or writes a file on a second mount.
 */
#include "s5test.h"

static int try_super(uint32_t off, uint32_t value, int what, uint32_t *reports)
{
	if (!s5t_overlay_begin()) {
		return 1;
	}
	s5t_poke32(S5_SUPER_BLOCK, off, value);
	int err = s5t_overlay_try("newfile", what, reports);
	s5t_overlay_end();
	return err;
}

KTEST(s5fs_bad_free_block_range, "s5fs.bad.free_block_range")
{
	/* The top of the superblock's group is handed out first: make it block 1. */
	uint32_t n = s5t_fs()->s5_sb->s5s_free.s5f_count;
	KT_CHECK(n > 0);
	uint32_t reports = 0;
	KT_CHECK_EQ(try_super(offsetof(s5_super_t, s5s_free.s5f_blocks) + (n - 1) * 4, 1, S5T_WRITE,
			      &reports),
		    -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_free_block_count, "s5fs.bad.free_block_count")
{
	/* The list says more than the count: after 3 blocks the count runs out. */
	uint32_t reports = 0;
	KT_CHECK_EQ(try_super(offsetof(s5_super_t, s5s_nfree_blocks), 3, S5T_WRITE, &reports),
		    -EIO);
	/* One report per write that met it: the one that stopped short, and the next. */
	KT_CHECK(reports >= 1 && reports <= 2);
}

KTEST(s5fs_bad_free_inode_used, "s5fs.bad.free_inode_used")
{
	/* The free-inode list starts at the README's inode, which is in use. */
	uint32_t reports = 0;
	KT_CHECK_EQ(try_super(offsetof(s5_super_t, s5s_free_inode), 2, S5T_CREATE, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_free_inode_cycle, "s5fs.bad.free_inode_cycle")
{
	/* The first free inode's next is itself: the second allocation meets an inode in use. */
	if (!s5t_overlay_begin()) {
		return;
	}
	uint32_t first = s5t_fs()->s5_sb->s5s_free_inode;
	s5t_poke32(s5t_inode_block(first),
		   s5t_inode_off(first) + offsetof(s5_inode_t, s5i_next_free), first);
	fs_t fs;
	char why[128];
	if (KT_CHECK_EQ(s5t_mount(&fs, why, sizeof(why)), 0)) {
		vnode_t *root, *a = NULL, *b = NULL;
		KT_CHECK_EQ(vget(&fs, fs.fs_root_ino, &root), 0);
		KT_CHECK_EQ(vop_create(root, "a", 1, &a), 0);
		KT_CHECK_EQ(vop_create(root, "b", 1, &b), -EIO);
		if (a != NULL) {
			vput(a);
		}
		vput(root);
		s5t_umount(&fs);
	}
	s5t_overlay_end();
}
