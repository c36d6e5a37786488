/*
 * S5FS: allocating and freeing blocks and inodes (fs/s5fs.h has the
 * contracts, fs/s5fs_format.h the lists' layout).
 *
 * Both free lists start in the superblock, whose page stays pinned while
 * the file system is mounted: change fs->s5_sb, then s5_super_dirty(fs).
 *
 *   blocks   the superblock holds one group of up to S5_FREE_GROUP free
 *            block numbers and the number of the block that holds the
 *            next group.  Allocating takes from the group; an empty group
 *            is refilled from its next block, which is then itself handed
 *            out.  Freeing adds to the group; a full group is written into
 *            the freed block, which becomes the new next.
 *   inodes   a singly linked list threaded through s5i_next_free of the
 *            free inodes themselves.
 *
 * A corrupt disk must not crash the kernel or make it loop: check every
 * number taken from the disk before using it (s5_valid_data_block(), the
 * counts in the superblock) and report the first bad one with
 * s5_corrupt().  A cycle in the block list shows up as more blocks handed
 * out than s5s_nfree_blocks says there are; one in the inode list as an
 * inode on the list that is not free.
 *
 * Hint: a block that leaves or joins the free list may still have a page
 * in the device's object from its previous life (an indirect block, a
 * group): pframe_discard() it, or a later write-back of that stale page
 * would overwrite the block's new contents.
 */
#include "errno.h"
#include "fs/s5fs.h"
#include "util/debug.h"
#include "util/string.h"

int s5_alloc_block(s5fs_t *fs, uint32_t *block)
{
	/* BEGIN SOLUTION(s5fs, s5_alloc_block) -> -ENOSYS */
	s5_super_t *sb = fs->s5_sb;
	s5_free_group_t *g = &sb->s5s_free;
	if (g->s5f_count == 0 && g->s5f_next == 0) {
		if (sb->s5s_nfree_blocks != 0) {
			return s5_corrupt(fs,
					  "free-block list is empty but the superblock counts %u",
					  (unsigned)sb->s5s_nfree_blocks);
		}
		return -ENOSPC;
	}
	if (sb->s5s_nfree_blocks == 0) {
		return s5_corrupt(fs, "free-block list is longer than its count (a cycle?)");
	}
	if (g->s5f_count > S5_FREE_GROUP) {
		return s5_corrupt(fs, "free-block group holds %u entries", (unsigned)g->s5f_count);
	}
	uint32_t b;
	if (g->s5f_count > 0) {
		b = g->s5f_blocks[g->s5f_count - 1];
		if (!s5_valid_data_block(fs, b)) {
			return s5_corrupt(fs, "free-block list: block %u is not a data block",
					  (unsigned)b);
		}
		g->s5f_count--;
	} else {
		b = g->s5f_next;
		if (!s5_valid_data_block(fs, b)) {
			return s5_corrupt(fs, "free-block list: group block %u is not a data block",
					  (unsigned)b);
		}
		pframe_t *pf;
		int err = s5_dev_get(fs, b, "free-block group", &pf);
		if (err < 0) {
			return err;
		}
		const s5_free_group_t *next = pf->pf_addr;
		if (next->s5f_count > S5_FREE_GROUP || next->s5f_next == b) {
			pframe_put(pf);
			return s5_corrupt(
			    fs, "free-block group in block %u is bad (count %u, next %u)",
			    (unsigned)b, (unsigned)next->s5f_count, (unsigned)next->s5f_next);
		}
		memcpy(g, next, sizeof(*g));
		pframe_put(pf);
	}
	sb->s5s_nfree_blocks--;
	s5_super_dirty(fs);
	pframe_discard(&fs->s5_devobj, b);
	*block = b;
	return 0;
	/* END SOLUTION */
}

int s5_free_block(s5fs_t *fs, uint32_t block)
{
	/* BEGIN SOLUTION(s5fs, s5_free_block) -> -ENOSYS */
	if (!s5_valid_data_block(fs, block)) {
		return s5_corrupt(fs, "freeing block %u, which is not a data block",
				  (unsigned)block);
	}
	s5_super_t *sb = fs->s5_sb;
	s5_free_group_t *g = &sb->s5s_free;
	pframe_discard(&fs->s5_devobj, block);
	if (g->s5f_count < S5_FREE_GROUP) {
		g->s5f_blocks[g->s5f_count++] = block;
	} else {
		pframe_t *pf;
		int err = s5_dev_get(fs, block, "free-block group", &pf);
		if (err < 0) {
			return err;
		}
		memset(pf->pf_addr, 0, S5_BLOCK_SIZE);
		memcpy(pf->pf_addr, g, sizeof(*g));
		pframe_dirty(pf);
		pframe_put(pf);
		g->s5f_count = 0;
		g->s5f_next = block;
	}
	sb->s5s_nfree_blocks++;
	s5_super_dirty(fs);
	return 0;
	/* END SOLUTION */
}

int s5_alloc_inode(s5fs_t *fs, uint16_t type, uint32_t devid, uint32_t *ino)
{
	/* BEGIN SOLUTION(s5fs, s5_alloc_inode) -> -ENOSYS */
	s5_super_t *sb = fs->s5_sb;
	uint32_t n = sb->s5s_free_inode;
	if (n == S5_NO_INODE) {
		return -ENOSPC;
	}
	if (n >= sb->s5s_ninodes || n == S5_ROOT_INODE || sb->s5s_nfree_inodes == 0) {
		return s5_corrupt(fs, "free-inode list: inode %u cannot be free (count %u)",
				  (unsigned)n, (unsigned)sb->s5s_nfree_inodes);
	}
	pframe_t *pf;
	int err = s5_dev_get(fs, s5_inode_block(n), "inode table", &pf);
	if (err < 0) {
		return err;
	}
	s5_inode_t *ip = (s5_inode_t *)((char *)pf->pf_addr + s5_inode_offset(n));
	if (ip->s5i_type != S5_TYPE_FREE || ip->s5i_next_free >= sb->s5s_ninodes) {
		pframe_put(pf);
		return s5_corrupt(fs, "free-inode list: inode %u is not free (type %u, next %u)",
				  (unsigned)n, (unsigned)ip->s5i_type, (unsigned)ip->s5i_next_free);
	}
	sb->s5s_free_inode = ip->s5i_next_free;
	sb->s5s_nfree_inodes--;
	s5_super_dirty(fs);
	memset(ip, 0, sizeof(*ip));
	ip->s5i_type = type;
	ip->s5i_number = n;
	ip->s5i_devid = devid;
	pframe_dirty(pf);
	pframe_put(pf);
	*ino = n;
	return 0;
	/* END SOLUTION */
}

int s5_free_inode(s5fs_t *fs, uint32_t ino)
{
	/* BEGIN SOLUTION(s5fs, s5_free_inode) -> -ENOSYS */
	s5_super_t *sb = fs->s5_sb;
	if (ino == S5_NO_INODE || ino == S5_ROOT_INODE || ino >= sb->s5s_ninodes) {
		return s5_corrupt(fs, "freeing inode %u, which cannot be allocated", (unsigned)ino);
	}
	pframe_t *pf;
	int err = s5_dev_get(fs, s5_inode_block(ino), "inode table", &pf);
	if (err < 0) {
		return err;
	}
	s5_inode_t *ip = (s5_inode_t *)((char *)pf->pf_addr + s5_inode_offset(ino));
	memset(ip, 0, sizeof(*ip));
	ip->s5i_type = S5_TYPE_FREE;
	ip->s5i_number = ino;
	ip->s5i_next_free = sb->s5s_free_inode;
	pframe_dirty(pf);
	pframe_put(pf);
	sb->s5s_free_inode = ino;
	sb->s5s_nfree_inodes++;
	s5_super_dirty(fs);
	return 0;
	/* END SOLUTION */
}
