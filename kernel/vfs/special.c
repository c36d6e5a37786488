/*
 * Device special files (see vfs/special.h for the contracts).
 *
 * A character device file forwards each read and write to its byte device
 * as it is.  A block device file turns a byte range into whole blocks: a
 * range that covers whole aligned blocks goes straight between the
 * caller's buffer and the device; a piece of a block goes through a page
 * of the kernel's own (read the block, copy the piece, and for a write,
 * write the block back).
 *
 * Hints: look the device up on every call (bytedev_lookup(),
 * blockdev_lookup()): a driver may be unregistered while a file stays
 * open.  A block device's size is bd_nblocks * BLOCK_SIZE bytes.
 */
#include "vfs/special.h"
#include "drivers/blockdev.h"
#include "drivers/bytedev.h"
#include "errno.h"
#include "mm/page.h"
#include "util/debug.h"
#include "util/string.h"

bool special_file_has_driver(vnode_t *vn)
{
	/* BEGIN SOLUTION(vfs, special_file_has_driver) -> false */
	if (S_ISCHR(vn->vn_mode)) {
		return bytedev_lookup(vn->vn_devid) != NULL;
	}
	if (S_ISBLK(vn->vn_mode)) {
		return blockdev_lookup(vn->vn_devid) != NULL;
	}
	return false;
	/* END SOLUTION */
}

off_t special_file_length(vnode_t *vn)
{
	blockdev_t *bd = S_ISBLK(vn->vn_mode) ? blockdev_lookup(vn->vn_devid) : NULL;
	if (bd == NULL) {
		return 0;
	}
	uint64_t size = (uint64_t)bd->bd_nblocks * BLOCK_SIZE;
	return size > 0x7fffffff ? 0x7fffffff : (off_t)size;
}

/*
 * Reads count bytes at pos into rbuf (wbuf NULL), or writes count bytes
 * from wbuf at pos (wbuf not NULL), of block device bd, as
 * special_file_read() and special_file_write() say (special.h).
 */
static ssize_t special_block_io(blockdev_t *bd, off_t pos, void *rbuf, const void *wbuf,
				size_t count)
{
	/* BEGIN SOLUTION(vfs, special_block_io) -> -ENOSYS */
	uint64_t size = (uint64_t)bd->bd_nblocks * BLOCK_SIZE;
	if ((uint64_t)pos >= size) {
		return wbuf != NULL ? -ENOSPC : 0;
	}
	count = (size_t)MIN((uint64_t)count, size - (uint64_t)pos);
	char *bounce = NULL;
	size_t done = 0;
	int err = 0;
	while (done < count) {
		uint32_t off = (uint32_t)pos + done;
		blocknum_t block = off / BLOCK_SIZE;
		size_t in_block = off % BLOCK_SIZE;
		if (in_block == 0 && count - done >= BLOCK_SIZE) {
			size_t nblocks = (count - done) / BLOCK_SIZE;
			err = wbuf != NULL
				  ? blockdev_write(bd, block, (const char *)wbuf + done, nblocks)
				  : blockdev_read(bd, block, (char *)rbuf + done, nblocks);
			if (err < 0) {
				break;
			}
			done += nblocks * BLOCK_SIZE;
			continue;
		}
		if (bounce == NULL) {
			bounce = page_alloc();
			if (bounce == NULL) {
				err = -ENOMEM;
				break;
			}
		}
		size_t n = MIN(count - done, BLOCK_SIZE - in_block);
		err = blockdev_read(bd, block, bounce, 1);
		if (err < 0) {
			break;
		}
		if (wbuf != NULL) {
			memcpy(bounce + in_block, (const char *)wbuf + done, n);
			err = blockdev_write(bd, block, bounce, 1);
			if (err < 0) {
				break;
			}
		} else {
			memcpy((char *)rbuf + done, bounce + in_block, n);
		}
		done += n;
	}
	if (bounce != NULL) {
		page_free(bounce);
	}
	return done > 0 ? (ssize_t)done : err;
	/* END SOLUTION */
}

ssize_t special_file_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	/* BEGIN SOLUTION(vfs, special_file_read) -> -ENOSYS */
	KASSERT(S_ISCHR(vn->vn_mode) || S_ISBLK(vn->vn_mode));
	if (pos < 0) {
		return -EINVAL;
	}
	if (S_ISCHR(vn->vn_mode)) {
		bytedev_t *dev = bytedev_lookup(vn->vn_devid);
		return dev == NULL ? -ENXIO : bytedev_read(dev, pos, buf, count);
	}
	blockdev_t *bd = blockdev_lookup(vn->vn_devid);
	if (bd == NULL) {
		return -ENXIO;
	}
	return special_block_io(bd, pos, buf, NULL, count);
	/* END SOLUTION */
}

ssize_t special_file_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(vfs, special_file_write) -> -ENOSYS */
	KASSERT(S_ISCHR(vn->vn_mode) || S_ISBLK(vn->vn_mode));
	if (pos < 0) {
		return -EINVAL;
	}
	if (S_ISCHR(vn->vn_mode)) {
		bytedev_t *dev = bytedev_lookup(vn->vn_devid);
		return dev == NULL ? -ENXIO : bytedev_write(dev, pos, buf, count);
	}
	blockdev_t *bd = blockdev_lookup(vn->vn_devid);
	if (bd == NULL) {
		return -ENXIO;
	}
	return special_block_io(bd, pos, NULL, buf, count);
	/* END SOLUTION */
}
