/*
 * A corrupt inode makes the operation that reads it fail with -EIO and one
 * report naming the inode, never a panic: an unknown type, a wrong
 * recorded number, a size past the largest file, a direct block outside
 * the data area, an indirect block outside the disk.  Each test damages
 * the README's inode (2) on the overlay device and looks it up (or reads
 * it) on a second mount.
 */
#include "s5test.h"

#define README_INO 2

/* Sets 4 bytes at 'off' of README's inode on the overlay, then runs 'what' on it. */
static int try_with(uint32_t off, uint32_t value, size_t width, int what, uint32_t *reports)
{
	if (!s5t_overlay_begin()) {
		return 1;
	}
	s5t_poke(s5t_inode_block(README_INO), s5t_inode_off(README_INO) + off, &value, width);
	int err = s5t_overlay_try("README", what, reports);
	s5t_overlay_end();
	return err;
}

KTEST(s5fs_bad_inode_type, "s5fs.bad.inode_type")
{
	uint32_t reports = 0;
	KT_CHECK_EQ(try_with(offsetof(s5_inode_t, s5i_type), 77, 2, S5T_LOOKUP, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_inode_number, "s5fs.bad.inode_number")
{
	uint32_t reports = 0;
	KT_CHECK_EQ(try_with(offsetof(s5_inode_t, s5i_number), 9, 4, S5T_LOOKUP, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_inode_size, "s5fs.bad.inode_size")
{
	uint32_t reports = 0;
	KT_CHECK_EQ(
	    try_with(offsetof(s5_inode_t, s5i_size), S5_MAX_FILE_SIZE + 1, 4, S5T_LOOKUP, &reports),
	    -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_inode_block, "s5fs.bad.inode_block")
{
	uint32_t reports = 0;
	KT_CHECK_EQ(
	    try_with(offsetof(s5_inode_t, s5i_direct[0]), 0x7fffffff, 4, S5T_READ, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
	/* A pointer into the inode table is as wrong as one past the end. */
	KT_CHECK_EQ(try_with(offsetof(s5_inode_t, s5i_direct[0]), 1, 4, S5T_READ, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}

KTEST(s5fs_bad_inode_indirect, "s5fs.bad.inode_indirect")
{
	/* README is one block: an indirect block there is impossible, and one outside the disk too.
	 */
	uint32_t reports = 0;
	KT_CHECK_EQ(
	    try_with(offsetof(s5_inode_t, s5i_indirect), 0xfffffff0u, 4, S5T_READ, &reports), -EIO);
	KT_CHECK_EQ(reports, 1);
}
