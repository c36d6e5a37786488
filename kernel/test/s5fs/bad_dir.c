/*
 * A directory entry that names inode 0, an inode past the table, or a
 * free inode makes the lookup (and a listing) fail with -EIO and a report,
 * never a panic.  Each test changes the README's entry in the root
 * directory on the overlay device.
 */
#include "s5test.h"

/* The root directory's first block and the index of README's entry in it (via hda). */
static bool find_readme(uint32_t *block, uint32_t *index)
{
	s5_inode_t root;
	s5t_peek(s5t_inode_block(S5_ROOT_INODE), s5t_inode_off(S5_ROOT_INODE), &root, sizeof(root));
	*block = root.s5i_direct[0];
	for (uint32_t i = 0; i < root.s5i_size / S5_DIRENT_SIZE && i < S5_DIRENTS_PER_BLOCK; i++) {
		s5_dirent_t d;
		s5t_peek(*block, i * S5_DIRENT_SIZE, &d, sizeof(d));
		if (strcmp(d.s5d_name, "README") == 0) {
			*index = i;
			return true;
		}
	}
	return KT_CHECK(false);
}

/* The README entry names inode 'ino' on the overlay; runs 'what' on README. */
static int try_entry(uint32_t ino, int what, uint32_t *reports)
{
	if (!s5t_overlay_begin()) {
		return 1;
	}
	uint32_t block = 0, index = 0;
	int err = 1;
	if (find_readme(&block, &index)) {
		s5t_poke32(block, index * S5_DIRENT_SIZE, ino);
		err = s5t_overlay_try("README", what, reports);
	}
	s5t_overlay_end();
	return err;
}

KTEST(s5fs_bad_dirent_range, "s5fs.bad.dirent_range")
{
	uint32_t reports = 0;
	KT_CHECK_EQ(try_entry(0x00ffffff, S5T_LOOKUP, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
	KT_CHECK_EQ(try_entry(0, S5T_LOOKUP, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_dirent_free, "s5fs.bad.dirent_free")
{
	/* The last inode of the table is free in a fresh image. */
	uint32_t last = s5t_fs()->s5_sb->s5s_ninodes - 1;
	uint32_t reports = 0;
	KT_CHECK_EQ(try_entry(last, S5T_LOOKUP, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_dirent_walk, "s5fs.bad.dirent_walk")
{
	uint32_t last = s5t_fs()->s5_sb->s5s_ninodes - 1;
	uint32_t reports = 0;
	KT_CHECK_EQ(try_entry(last, S5T_WALK, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}
