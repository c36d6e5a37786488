/*
 * S5FS: file data through the page-frame cache (fs/s5fs.h has the
 * contracts).
 *
 * A file's bytes are pages of its node's memory object, sn->sn_obj: page k
 * holds bytes k*4096 .. k*4096+4095, and its fill (in s5fs.c) reads disk
 * block s5_bmap(k), or zeros for a hole.  So reading is: for each page the
 * range touches, pframe_get() it, copy out, pframe_put().  Writing is the
 * same the other way, with two more steps for each page: once the page is
 * pinned (get it first, so that a hole fills as zeros and not with what a
 * newly allocated block held before), make sure the block exists
 * (s5_bmap() with alloc) so that the page has somewhere to go; after
 * copying in, pframe_dirty() it and set pf_hint to the block (its fill may
 * have seen a hole).  Grow the size as you go, and
 * keep the vnode's vn_len equal to it.
 *
 * Who holds a page pinned and why: only this code, between pframe_get()
 * and pframe_put() around one memcpy.  Pinning more, or longer, lets a
 * small cache (pframe_max=N) run out of pages to evict.
 *
 * A write that runs out of space part way returns what it wrote; only a
 * write that wrote nothing returns the error.  A write at or past
 * S5_MAX_FILE_SIZE is -EFBIG; one that crosses it writes up to it.
 */
#include "errno.h"
#include "fs/s5fs.h"
#include "mm/mm.h"
#include "util/debug.h"
#include "util/string.h"

ssize_t s5_file_read(s5_node_t *sn, off_t pos, void *buf, size_t count)
{
	/* BEGIN SOLUTION(s5fs, s5_file_read) -> -ENOSYS */
	uint32_t size = sn->sn_inode.s5i_size;
	if (pos < 0) {
		return -EINVAL;
	}
	if ((uint32_t)pos >= size || count == 0) {
		return 0;
	}
	if (count > size - (uint32_t)pos) {
		count = size - (uint32_t)pos;
	}
	size_t done = 0;
	while (done < count) {
		uint32_t at = (uint32_t)pos + done;
		uint32_t off = at % PAGE_SIZE;
		size_t chunk = MIN(PAGE_SIZE - off, count - done);
		pframe_t *pf;
		int err = pframe_get(&sn->sn_obj, at / PAGE_SIZE, &pf);
		if (err < 0) {
			return done > 0 ? (ssize_t)done : err;
		}
		memcpy((char *)buf + done, (char *)pf->pf_addr + off, chunk);
		pframe_put(pf);
		done += chunk;
	}
	return (ssize_t)done;
	/* END SOLUTION */
}

ssize_t s5_file_write(s5_node_t *sn, off_t pos, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(s5fs, s5_file_write) -> -ENOSYS */
	s5fs_t *fs = sn->sn_fs;
	if (pos < 0) {
		return -EINVAL;
	}
	if ((uint32_t)pos >= S5_MAX_FILE_SIZE) {
		return -EFBIG;
	}
	if (count > S5_MAX_FILE_SIZE - (uint32_t)pos) {
		count = S5_MAX_FILE_SIZE - (uint32_t)pos;
	}
	size_t done = 0;
	int err = 0;
	while (done < count) {
		uint32_t at = (uint32_t)pos + done;
		uint32_t off = at % PAGE_SIZE;
		size_t chunk = MIN(PAGE_SIZE - off, count - done);
		/* The page first: filled while the block is still a hole, it reads as zeros. */
		pframe_t *pf;
		err = pframe_get(&sn->sn_obj, at / PAGE_SIZE, &pf);
		if (err < 0) {
			break;
		}
		uint32_t block;
		err = s5_bmap(fs, sn, at / PAGE_SIZE, true, &block);
		if (err < 0) {
			pframe_put(pf);
			break;
		}
		memcpy((char *)pf->pf_addr + off, (const char *)buf + done, chunk);
		pf->pf_hint = block;
		pframe_dirty(pf);
		pframe_put(pf);
		done += chunk;
		if (at + chunk > sn->sn_inode.s5i_size) {
			sn->sn_inode.s5i_size = at + chunk;
			sn->sn_vnode->vn_len = (off_t)sn->sn_inode.s5i_size;
		}
	}
	if (done > 0) {
		int werr = s5_inode_write(fs, sn);
		if (werr < 0) {
			return werr;
		}
		return (ssize_t)done;
	}
	return err;
	/* END SOLUTION */
}

int s5_file_shrink(s5_node_t *sn, uint32_t size)
{
	/* BEGIN SOLUTION(s5fs, s5_file_shrink) -> -ENOSYS */
	KASSERT(size <= sn->sn_inode.s5i_size);
	uint32_t keep = s5_file_blocks(size);
	uint32_t had = s5_file_blocks(sn->sn_inode.s5i_size);
	for (uint32_t k = keep; k < had; k++) {
		pframe_discard(&sn->sn_obj, k);
	}
	if (size % PAGE_SIZE != 0) {
		/* The tail of the last page kept must read as zeros if the file grows again. */
		pframe_t *pf;
		if (pframe_get(&sn->sn_obj, size / PAGE_SIZE, &pf) == 0) {
			memset((char *)pf->pf_addr + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
			if (pf->pf_hint != 0) {
				pframe_dirty(pf);
			}
			pframe_put(pf);
		}
	}
	sn->sn_inode.s5i_size = size;
	sn->sn_vnode->vn_len = (off_t)size;
	return s5_free_blocks(sn->sn_fs, sn, keep);
	/* END SOLUTION */
}
