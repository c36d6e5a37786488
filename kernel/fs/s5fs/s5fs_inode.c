/*
 * S5FS: inodes and the block map (fs/s5fs.h has the contracts).
 *
 * An inode lives in the inode table (blocks 1 .. s5_data_start - 1), 32 to
 * a block: s5_inode_block() and s5_inode_offset() say where.  A resident
 * file keeps a copy in its s5_node_t; s5_inode_read() fills a copy from the
 * cache and checks it, s5_inode_write() puts the copy back (and marks the
 * cached block dirty, so `sync` writes it).
 *
 * The block map turns file block k into a disk block:
 *
 *   k < S5_NDIRECT                   s5i_direct[k]
 *   S5_NDIRECT <= k < MAX_FILE_BLOCKS entry k - S5_NDIRECT of the indirect
 *                                    block s5i_indirect
 *
 * 0 at either level is a hole.  Writing into a hole allocates the block
 * (and the indirect block first, zeroed, if there is none); reading a hole
 * allocates nothing.  Every block number read from the disk is checked
 * with s5_valid_data_block() before it is used.
 *
 * Common mistakes: forgetting s5_inode_write() after changing sn_inode (the
 * change is lost when the vnode goes); leaving an allocated block behind
 * when a later step fails (free it: a full disk must lose nothing);
 * freeing the indirect block while entries in it are still in use.
 */
#include "errno.h"
#include "fs/s5fs.h"
#include "util/debug.h"
#include "util/string.h"

/* Whether 'type' is one of the types an inode may have. */
static bool s5_type_ok(uint16_t type)
{
	return type <= S5_TYPE_BLK;
}

int s5_inode_read(s5fs_t *fs, uint32_t ino, s5_inode_t *ip)
{
	/* BEGIN SOLUTION(s5fs, s5_inode_read) -> -ENOSYS */
	if (ino == S5_NO_INODE || ino >= fs->s5_sb->s5s_ninodes) {
		return s5_corrupt(fs, "inode %u is out of range (%u inodes)", (unsigned)ino,
				  (unsigned)fs->s5_sb->s5s_ninodes);
	}
	pframe_t *pf;
	int err = s5_dev_get(fs, s5_inode_block(ino), "inode table", &pf);
	if (err < 0) {
		return err;
	}
	memcpy(ip, (char *)pf->pf_addr + s5_inode_offset(ino), sizeof(*ip));
	pframe_put(pf);
	if (!s5_type_ok(ip->s5i_type)) {
		return s5_corrupt(fs, "inode %u: bad type %u", (unsigned)ino,
				  (unsigned)ip->s5i_type);
	}
	if (ip->s5i_type == S5_TYPE_FREE) {
		return 0;
	}
	if (ip->s5i_number != ino) {
		return s5_corrupt(fs, "inode %u: records number %u", (unsigned)ino,
				  (unsigned)ip->s5i_number);
	}
	if (ip->s5i_size > S5_MAX_FILE_SIZE) {
		return s5_corrupt(fs, "inode %u: size %u is past the largest file", (unsigned)ino,
				  (unsigned)ip->s5i_size);
	}
	/* A directory with no links may be empty: it is being made or removed. */
	if (ip->s5i_type == S5_TYPE_DIR &&
	    (ip->s5i_size % S5_DIRENT_SIZE != 0 ||
	     (ip->s5i_size < 2 * S5_DIRENT_SIZE && ip->s5i_nlink != 0))) {
		return s5_corrupt(fs,
				  "inode %u: directory size %u is not whole entries with . and ..",
				  (unsigned)ino, (unsigned)ip->s5i_size);
	}
	uint32_t nblocks = s5_file_blocks(ip->s5i_size);
	bool device = ip->s5i_type == S5_TYPE_CHR || ip->s5i_type == S5_TYPE_BLK;
	for (uint32_t k = 0; k < S5_NDIRECT; k++) {
		uint32_t b = ip->s5i_direct[k];
		if (b == 0) {
			continue;
		}
		if (!s5_valid_data_block(fs, b) || k >= nblocks || device) {
			return s5_corrupt(fs,
					  "inode %u: direct block %u is %u, not one of its blocks",
					  (unsigned)ino, (unsigned)k, (unsigned)b);
		}
	}
	if (ip->s5i_indirect != 0 &&
	    (!s5_valid_data_block(fs, ip->s5i_indirect) || nblocks <= S5_NDIRECT || device)) {
		return s5_corrupt(fs, "inode %u: indirect block %u is not one of its blocks",
				  (unsigned)ino, (unsigned)ip->s5i_indirect);
	}
	return 0;
	/* END SOLUTION */
}

int s5_inode_write(s5fs_t *fs, s5_node_t *sn)
{
	/* BEGIN SOLUTION(s5fs, s5_inode_write) -> -ENOSYS */
	uint32_t ino = sn->sn_inode.s5i_number;
	KASSERT(ino != S5_NO_INODE && ino < fs->s5_sb->s5s_ninodes);
	pframe_t *pf;
	int err = s5_dev_get(fs, s5_inode_block(ino), "inode table", &pf);
	if (err < 0) {
		return err;
	}
	memcpy((char *)pf->pf_addr + s5_inode_offset(ino), &sn->sn_inode, sizeof(sn->sn_inode));
	pframe_dirty(pf);
	pframe_put(pf);
	return 0;
	/* END SOLUTION */
}

int s5_bmap(s5fs_t *fs, s5_node_t *sn, uint32_t fblock, bool alloc, uint32_t *block)
{
	/* BEGIN SOLUTION(s5fs, s5_bmap) -> -ENOSYS */
	s5_inode_t *ip = &sn->sn_inode;
	unsigned ino = (unsigned)ip->s5i_number;
	if (fblock >= S5_MAX_FILE_BLOCKS) {
		return -EFBIG;
	}
	if (fblock < S5_NDIRECT) {
		uint32_t b = ip->s5i_direct[fblock];
		if (b != 0 && !s5_valid_data_block(fs, b)) {
			return s5_corrupt(fs,
					  "inode %u: direct block %u is %u, outside the data area",
					  ino, (unsigned)fblock, (unsigned)b);
		}
		if (b == 0 && alloc) {
			int err = s5_alloc_block(fs, &b);
			if (err < 0) {
				return err;
			}
			ip->s5i_direct[fblock] = b;
			err = s5_inode_write(fs, sn);
			if (err < 0) {
				return err;
			}
		}
		*block = b;
		return 0;
	}
	bool new_indirect = false;
	if (ip->s5i_indirect == 0) {
		if (!alloc) {
			*block = 0;
			return 0;
		}
		uint32_t ind;
		int err = s5_alloc_block(fs, &ind);
		if (err < 0) {
			return err;
		}
		ip->s5i_indirect = ind;
		new_indirect = true;
	} else if (!s5_valid_data_block(fs, ip->s5i_indirect)) {
		return s5_corrupt(fs, "inode %u: indirect block %u is outside the data area", ino,
				  (unsigned)ip->s5i_indirect);
	}
	pframe_t *pf;
	int err = s5_dev_get(fs, ip->s5i_indirect, "indirect block", &pf);
	if (err < 0) {
		if (new_indirect) {
			s5_free_block(fs, ip->s5i_indirect);
			ip->s5i_indirect = 0;
		}
		return err;
	}
	uint32_t *entries = pf->pf_addr;
	if (new_indirect) {
		memset(entries, 0, S5_BLOCK_SIZE);
		pframe_dirty(pf);
	}
	uint32_t b = entries[fblock - S5_NDIRECT];
	if (b != 0 && !s5_valid_data_block(fs, b)) {
		pframe_put(pf);
		return s5_corrupt(fs, "inode %u: indirect entry %u is %u, outside the data area",
				  ino, (unsigned)(fblock - S5_NDIRECT), (unsigned)b);
	}
	if (b == 0 && alloc) {
		err = s5_alloc_block(fs, &b);
		if (err < 0) {
			pframe_put(pf);
			if (new_indirect) {
				pframe_discard(&fs->s5_devobj, ip->s5i_indirect);
				s5_free_block(fs, ip->s5i_indirect);
				ip->s5i_indirect = 0;
			}
			return err;
		}
		entries[fblock - S5_NDIRECT] = b;
		pframe_dirty(pf);
	}
	pframe_put(pf);
	if (new_indirect) {
		err = s5_inode_write(fs, sn);
		if (err < 0) {
			return err;
		}
	}
	*block = b;
	return 0;
	/* END SOLUTION */
}

int s5_free_blocks(s5fs_t *fs, s5_node_t *sn, uint32_t from)
{
	/* BEGIN SOLUTION(s5fs, s5_free_blocks) -> -ENOSYS */
	s5_inode_t *ip = &sn->sn_inode;
	int first_err = 0;
	for (uint32_t k = from; k < S5_NDIRECT; k++) {
		if (ip->s5i_direct[k] != 0) {
			int err = s5_free_block(fs, ip->s5i_direct[k]);
			if (err < 0 && first_err == 0) {
				first_err = err;
			}
			ip->s5i_direct[k] = 0;
		}
	}
	if (ip->s5i_indirect != 0) {
		pframe_t *pf;
		int err = s5_dev_get(fs, ip->s5i_indirect, "indirect block", &pf);
		if (err < 0) {
			s5_inode_write(fs, sn);
			return err;
		}
		uint32_t *entries = pf->pf_addr;
		uint32_t start = from > S5_NDIRECT ? from - S5_NDIRECT : 0;
		bool in_use = false;
		for (uint32_t i = 0; i < S5_NINDIRECT; i++) {
			if (entries[i] == 0) {
				continue;
			}
			if (i < start) {
				in_use = true;
				continue;
			}
			err = s5_free_block(fs, entries[i]);
			if (err < 0 && first_err == 0) {
				first_err = err;
			}
			entries[i] = 0;
			pframe_dirty(pf);
		}
		pframe_put(pf);
		if (!in_use) {
			err = s5_free_block(fs, ip->s5i_indirect);
			if (err < 0 && first_err == 0) {
				first_err = err;
			}
			ip->s5i_indirect = 0;
		}
	}
	int err = s5_inode_write(fs, sn);
	return first_err < 0 ? first_err : err;
	/* END SOLUTION */
}

int s5_count_blocks(s5fs_t *fs, s5_node_t *sn, uint32_t *count)
{
	/* BEGIN SOLUTION(s5fs, s5_count_blocks) -> -ENOSYS */
	const s5_inode_t *ip = &sn->sn_inode;
	uint32_t n = 0;
	for (uint32_t k = 0; k < S5_NDIRECT; k++) {
		n += ip->s5i_direct[k] != 0;
	}
	if (ip->s5i_indirect != 0) {
		pframe_t *pf;
		int err = s5_dev_get(fs, ip->s5i_indirect, "indirect block", &pf);
		if (err < 0) {
			return err;
		}
		const uint32_t *entries = pf->pf_addr;
		n++;
		for (uint32_t i = 0; i < S5_NINDIRECT; i++) {
			n += entries[i] != 0;
		}
		pframe_put(pf);
	}
	*count = n;
	return 0;
	/* END SOLUTION */
}
