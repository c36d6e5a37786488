/*
 * S5FS support code: mounting, unmounting and syncing, the lock, the
 * memory objects of the disk and of each file, vnodes in and out, and the
 * operations tables (fs/s5fs.h has every contract).
 *
 * Mounting reads block 0 into the page-frame cache through the device's
 * memory object and keeps its page pinned: the superblock stays in memory,
 * and writing it back is the cache's job like any other dirty page.  Before
 * anything else trusts it, s5fs_mount() checks every field that later code
 * would use as a bound (see s5_check_super()), so a bad disk is refused
 * with one line instead of crashing the kernel later.
 *
 * Two kinds of memory objects:
 *
 *   the device   page n is disk block n: superblock, inode table, indirect
 *                blocks, free-list groups.  Filled and written back with
 *                blockdev_read()/blockdev_write().
 *   a file       page k is file block k (s5_node_t's sn_obj).  fill asks
 *                the block map where block k lives (a hole reads as zeros)
 *                and remembers the disk block in pf_hint; flush writes the
 *                page to that block.  When the file's next blocks follow
 *                block k on the disk, fill reads up to S5_READAHEAD of them
 *                in one request and puts the extra pages in the cache
 *                clean: sequential reads then cost one disk request per
 *                64 KiB instead of one per 4 KiB.  The request goes into a
 *                run of fresh frames that become the pages themselves
 *                (pframe_preload_frame(): no copy), or, when no run of n
 *                frames is free, into s5_ra_buf and is copied
 *                (pframe_preload()).
 *
 * Closing a file (its last vnode reference: release_vnode) must not sleep,
 * or another thread could find the vnode in the VFS's table while it is
 * being released.  So the file's dirty pages are not written then: each
 * moves, unchanged, to the device's object under its disk block number
 * (pframe_move()), and a clean page is simply dropped.  The data reaches
 * the disk on the next sync, eviction or unmount; if the file is opened
 * again first, its fill finds the newer copy in the device's object and
 * takes it back.  A file with no links left is different: nothing can name
 * it, so its release takes the lock and frees its blocks and inode.
 */
#include "fs/s5fs.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "proc/kthread.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/vfs.h"

/* The lock. */

void s5_lock(s5fs_t *fs)
{
	if (kmutex_owns(&fs->s5_mutex)) {
		fs->s5_lock_depth++;
		return;
	}
	kmutex_lock(&fs->s5_mutex);
	fs->s5_lock_depth = 1;
}

void s5_unlock(s5fs_t *fs)
{
	KASSERT(kmutex_owns(&fs->s5_mutex) && fs->s5_lock_depth > 0);
	if (--fs->s5_lock_depth == 0) {
		kmutex_unlock(&fs->s5_mutex);
	}
}

/* Reports and small helpers. */

int s5_corrupt(s5fs_t *fs, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	kprintf("s5fs: %s: %s\n", fs->s5_bdev->bd_name, line);
	fs->s5_corruptions++;
	return -EIO;
}

void s5_super_dirty(s5fs_t *fs)
{
	pframe_dirty(fs->s5_sbpf);
}

bool s5_valid_data_block(s5fs_t *fs, uint32_t block)
{
	return block >= fs->s5_data_start && block < fs->s5_sb->s5s_nblocks;
}

int s5_dev_get(s5fs_t *fs, uint32_t block, const char *what, pframe_t **pf)
{
	if (block == 0 || block >= fs->s5_sb->s5s_nblocks) {
		return s5_corrupt(fs, "%s: block %u is outside the file system", what,
				  (unsigned)block);
	}
	int err = pframe_get(&fs->s5_devobj, block, pf);
	if (err == -EIO || err == -EINVAL) {
		kprintf("s5fs: %s: %s: reading block %u failed (%d)\n", fs->s5_bdev->bd_name, what,
			(unsigned)block, err);
		return -EIO;
	}
	return err;
}

/* The device's memory object. */

static int s5_dev_fill(mobj_t *o, pframe_t *pf)
{
	s5fs_t *fs = container_of(o, s5fs_t, s5_devobj);
	return blockdev_read(fs->s5_bdev, pf->pf_pagenum, pf->pf_addr, 1);
}

static int s5_dev_flush(mobj_t *o, pframe_t *pf)
{
	s5fs_t *fs = container_of(o, s5fs_t, s5_devobj);
	return blockdev_write(fs->s5_bdev, pf->pf_pagenum, pf->pf_addr, 1);
}

static void s5_dev_release(mobj_t *o)
{
	(void)o; /* embedded in the s5fs_t, which unmount frees */
}

static const mobj_ops_t s5_dev_mobj_ops = {
    .fill = s5_dev_fill,
    .flush = s5_dev_flush,
    .release = s5_dev_release,
};

/* A file's memory object. */

static int s5_node_fill(mobj_t *o, pframe_t *pf)
{
	s5_node_t *sn = container_of(o, s5_node_t, sn_obj);
	s5fs_t *fs = sn->sn_fs;
	uint32_t block;
	int err = s5_bmap(fs, sn, pf->pf_pagenum, false, &block);
	if (err < 0) {
		return err;
	}
	pf->pf_hint = block;
	if (block == 0) {
		memset(pf->pf_addr, 0, PAGE_SIZE);
		return 0;
	}
	/* A newer copy left by a closed vnode (release_vnode) comes back. */
	pframe_t *older = pframe_find(&fs->s5_devobj, block);
	if (older != NULL) {
		memcpy(pf->pf_addr, older->pf_addr, PAGE_SIZE);
		bool dirty = older->pf_dirty;
		pframe_put(older);
		pframe_discard(&fs->s5_devobj, block);
		if (dirty) {
			pframe_dirty(pf);
		}
		return 0;
	}
	/* Read-ahead: the following blocks, while they are the file's next ones on the disk. */
	uint32_t n = 1;
	uint32_t nblocks = s5_file_blocks(sn->sn_inode.s5i_size);
	while (fs->s5_ra_buf != NULL && n < S5_READAHEAD && pf->pf_pagenum + n < nblocks) {
		uint32_t next;
		if (s5_bmap(fs, sn, pf->pf_pagenum + n, false, &next) < 0 || next != block + n ||
		    pframe_resident(o, pf->pf_pagenum + n) ||
		    pframe_resident(&fs->s5_devobj, block + n)) {
			break;
		}
		n++;
	}
	if (n > 1) {
		/*
		 * Into fresh frames when n contiguous ones are free: each becomes
		 * its page as it is (no copy); else through s5_ra_buf, copied.
		 */
		char *run = page_alloc_run(n, PAGE_SIZE);
		char *buf = run != NULL ? run : fs->s5_ra_buf;
		err = blockdev_read(fs->s5_bdev, block, buf, n);
		if (err == 0) {
			memcpy(pf->pf_addr, buf, PAGE_SIZE);
			for (uint32_t i = 1; i < n; i++) {
				char *page = buf + i * PAGE_SIZE;
				if (run == NULL) {
					pframe_preload(o, pf->pf_pagenum + i, page, block + i);
				} else if (pframe_preload_frame(o, pf->pf_pagenum + i, page,
								block + i) < 0) {
					page_free(page);
				}
			}
			if (run != NULL) {
				page_free(run);
			}
			return 0;
		}
		if (run != NULL) {
			page_free_run(run, n);
		}
	}
	err = blockdev_read(fs->s5_bdev, block, pf->pf_addr, 1);
	if (err < 0) {
		kprintf("s5fs: %s: inode %u: reading block %u failed (%d)\n", fs->s5_bdev->bd_name,
			(unsigned)sn->sn_inode.s5i_number, (unsigned)block, err);
		return -EIO;
	}
	return 0;
}

static int s5_node_flush(mobj_t *o, pframe_t *pf)
{
	s5_node_t *sn = container_of(o, s5_node_t, sn_obj);
	if (pf->pf_hint == 0) {
		return 0; /* a hole's zeros: nothing on disk to write */
	}
	return blockdev_write(sn->sn_fs->s5_bdev, pf->pf_hint, pf->pf_addr, 1);
}

static void s5_node_release(mobj_t *o)
{
	(void)o; /* embedded in the s5_node_t, which release_vnode frees */
}

static const mobj_ops_t s5_node_mobj_ops = {
    .fill = s5_node_fill,
    .flush = s5_node_flush,
    .release = s5_node_release,
};

/*
 * The operations tables.  Each entry takes the file system's lock around
 * the students' function.
 */

static ssize_t s5_locked_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	s5_lock(s5_fs_of(vn));
	ssize_t n = s5_vop_read(vn, pos, buf, count);
	s5_unlock(s5_fs_of(vn));
	return n;
}
static ssize_t s5_locked_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	s5_lock(s5_fs_of(vn));
	ssize_t n = s5_vop_write(vn, pos, buf, count);
	s5_unlock(s5_fs_of(vn));
	return n;
}
static int s5_locked_truncate(vnode_t *vn)
{
	s5_lock(s5_fs_of(vn));
	int err = s5_vop_truncate(vn);
	s5_unlock(s5_fs_of(vn));
	return err;
}
static int s5_locked_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_lookup(dir, name, len, result);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_create(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_create(dir, name, len, result);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_mknod(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_mknod(dir, name, len, mode, devid);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_mkdir(vnode_t *dir, const char *name, size_t len)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_mkdir(dir, name, len);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_rmdir(vnode_t *dir, const char *name, size_t len)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_rmdir(dir, name, len);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_link(vnode_t *dir, const char *name, size_t len, vnode_t *target)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_link(dir, name, len, target);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_unlink(vnode_t *dir, const char *name, size_t len)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_unlink(dir, name, len);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_rename(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
			    const char *newname, size_t newlen)
{
	s5_lock(s5_fs_of(olddir));
	int err = s5_vop_rename(olddir, oldname, oldlen, newdir, newname, newlen);
	s5_unlock(s5_fs_of(olddir));
	return err;
}
static int s5_locked_readdir(vnode_t *dir, off_t pos, dirent_t *d)
{
	s5_lock(s5_fs_of(dir));
	int err = s5_vop_readdir(dir, pos, d);
	s5_unlock(s5_fs_of(dir));
	return err;
}
static int s5_locked_stat(vnode_t *vn, stat_t *st)
{
	s5_lock(s5_fs_of(vn));
	int err = s5_vop_stat(vn, st);
	s5_unlock(s5_fs_of(vn));
	return err;
}

/*
 * mmap: the file's data object is sn_obj itself, embedded in the node, so
 * it lives exactly as long as the vnode.  A mapping holds the vnode
 * (vmarea_t's vma_vnode) as well as this reference, and gives the object
 * back before the vnode, so release_vnode always finds its own reference
 * to sn_obj the last one.
 */
static int s5fs_mmap(vnode_t *vn, mobj_t **ret)
{
	s5_node_t *sn = s5_node(vn);
	mobj_ref(&sn->sn_obj);
	*ret = &sn->sn_obj;
	return 0;
}

static const vnode_ops_t s5_dir_ops = {
    .read = vop_fail_read_isdir,
    .write = vop_fail_write_isdir,
    .truncate = vop_fail_truncate_isdir,
    .lookup = s5_locked_lookup,
    .create = s5_locked_create,
    .mknod = s5_locked_mknod,
    .mkdir = s5_locked_mkdir,
    .rmdir = s5_locked_rmdir,
    .link = s5_locked_link,
    .unlink = s5_locked_unlink,
    .rename = s5_locked_rename,
    .readdir = s5_locked_readdir,
    .stat = s5_locked_stat,
    .mmap = vop_fail_mmap_nodev,
};

static const vnode_ops_t s5_file_ops = {
    .read = s5_locked_read,
    .write = s5_locked_write,
    .truncate = s5_locked_truncate,
    .lookup = vop_fail_lookup_notdir,
    .create = vop_fail_create_notdir,
    .mknod = vop_fail_mknod_notdir,
    .mkdir = vop_fail_mkdir_notdir,
    .rmdir = vop_fail_rmdir_notdir,
    .link = vop_fail_link_notdir,
    .unlink = vop_fail_unlink_notdir,
    .rename = vop_fail_rename_notdir,
    .readdir = vop_fail_readdir_notdir,
    .stat = s5_locked_stat,
    .mmap = s5fs_mmap,
};

static const vnode_ops_t s5_dev_ops = {
    .read = vop_fail_read_inval,
    .write = vop_fail_write_inval,
    .truncate = vop_fail_truncate_inval,
    .lookup = vop_fail_lookup_notdir,
    .create = vop_fail_create_notdir,
    .mknod = vop_fail_mknod_notdir,
    .mkdir = vop_fail_mkdir_notdir,
    .rmdir = vop_fail_rmdir_notdir,
    .link = vop_fail_link_notdir,
    .unlink = vop_fail_unlink_notdir,
    .rename = vop_fail_rename_notdir,
    .readdir = vop_fail_readdir_notdir,
    .stat = s5_locked_stat,
    .mmap = vop_fail_mmap_nodev,
};

/* Vnodes in and out. */

static int s5fs_read_vnode(fs_t *vfs, vnode_t *vn)
{
	s5fs_t *fs = vfs->fs_i;
	s5_lock(fs);
	s5_inode_t ip;
	int err = s5_inode_read(fs, vn->vn_ino, &ip);
	if (err == 0 && ip.s5i_type == S5_TYPE_FREE) {
		err = s5_corrupt(fs, "inode %u is free but was asked for", (unsigned)vn->vn_ino);
	}
	if (err < 0) {
		s5_unlock(fs);
		return err;
	}
	s5_node_t *sn = kzalloc(sizeof(*sn));
	if (sn == NULL) {
		s5_unlock(fs);
		return -ENOMEM;
	}
	sn->sn_vnode = vn;
	sn->sn_fs = fs;
	sn->sn_inode = ip;
	snprintf(sn->sn_name, sizeof(sn->sn_name), "s5fs ino %u", (unsigned)vn->vn_ino);
	mobj_init(&sn->sn_obj, MOBJ_VNODE, &s5_node_mobj_ops, sn->sn_name);
	vn->vn_i = sn;
	vn->vn_len = (off_t)ip.s5i_size;
	vn->vn_devid = NULL_DEVID;
	switch (ip.s5i_type) {
	case S5_TYPE_DIR:
		vn->vn_mode = S_IFDIR;
		vn->vn_ops = &s5_dir_ops;
		break;
	case S5_TYPE_FILE:
		vn->vn_mode = S_IFREG;
		vn->vn_ops = &s5_file_ops;
		break;
	case S5_TYPE_CHR:
	case S5_TYPE_BLK:
		vn->vn_mode = ip.s5i_type == S5_TYPE_CHR ? S_IFCHR : S_IFBLK;
		vn->vn_devid = (devid_t)ip.s5i_devid;
		vn->vn_len = 0;
		vn->vn_ops = &s5_dev_ops;
		break;
	}
	s5_unlock(fs);
	return 0;
}

static void s5fs_release_vnode(fs_t *vfs, vnode_t *vn)
{
	s5fs_t *fs = vfs->fs_i;
	s5_node_t *sn = s5_node(vn);
	if (sn->sn_inode.s5i_nlink == 0) {
		/* Unlinked: nothing can name it, so sleeping here is safe. */
		s5_lock(fs);
		pframe_discard_obj(&sn->sn_obj);
		int err = s5_free_blocks(fs, sn, 0);
		if (err == 0) {
			err = s5_free_inode(fs, vn->vn_ino);
		}
		if (err < 0) {
			kprintf("s5fs: %s: inode %u: could not free it (%d)\n",
				fs->s5_bdev->bd_name, (unsigned)vn->vn_ino, err);
		}
		s5_unlock(fs);
	} else {
		pframe_move_dirty(&sn->sn_obj, &fs->s5_devobj);
	}
	mobj_put(&sn->sn_obj);
	vn->vn_i = NULL;
	kfree(sn);
}

/* Mounting and unmounting. */

/* Why the superblock cannot be used, or NULL if it can. */
static const char *s5_check_super(const s5_super_t *sb, blocknum_t dev_blocks, char *buf,
				  size_t size)
{
	if (sb->s5s_magic != S5_MAGIC) {
		snprintf(buf, size, "not an S5FS image (magic 0x%08x, want 0x%08x)",
			 (unsigned)sb->s5s_magic, S5_MAGIC);
	} else if (sb->s5s_version != S5_VERSION) {
		snprintf(buf, size, "S5FS version %u, this kernel reads %u",
			 (unsigned)sb->s5s_version, S5_VERSION);
	} else if (sb->s5s_ninodes == 0 || sb->s5s_ninodes % S5_INODES_PER_BLOCK != 0 ||
		   sb->s5s_ninodes > (1u << 24)) {
		snprintf(buf, size, "bad inode count %u", (unsigned)sb->s5s_ninodes);
	} else if (sb->s5s_nblocks > dev_blocks) {
		snprintf(buf, size, "%u blocks, but the device has %u", (unsigned)sb->s5s_nblocks,
			 (unsigned)dev_blocks);
	} else if (sb->s5s_nblocks <= s5_data_start(sb)) {
		snprintf(buf, size, "%u blocks leave no room for data", (unsigned)sb->s5s_nblocks);
	} else if (sb->s5s_free_inode >= sb->s5s_ninodes ||
		   sb->s5s_nfree_inodes >= sb->s5s_ninodes) {
		snprintf(buf, size, "bad free-inode list (first %u, count %u)",
			 (unsigned)sb->s5s_free_inode, (unsigned)sb->s5s_nfree_inodes);
	} else if (sb->s5s_nfree_blocks > sb->s5s_nblocks - s5_data_start(sb) ||
		   sb->s5s_free.s5f_count > S5_FREE_GROUP ||
		   (sb->s5s_free.s5f_next != 0 && (sb->s5s_free.s5f_next < s5_data_start(sb) ||
						   sb->s5s_free.s5f_next >= sb->s5s_nblocks))) {
		snprintf(buf, size, "bad free-block list (count %u, group of %u, next %u)",
			 (unsigned)sb->s5s_nfree_blocks, (unsigned)sb->s5s_free.s5f_count,
			 (unsigned)sb->s5s_free.s5f_next);
	} else {
		return NULL;
	}
	return buf;
}

static const fs_ops_t s5fs_fs_ops;

int s5fs_mount(fs_t *vfs, const char *devname, char *why, size_t size)
{
	blockdev_t *bd = blockdev_lookup_name(devname);
	if (bd == NULL) {
		snprintf(why, size, "no block device %s", devname);
		return -ENODEV;
	}
	s5fs_t *fs = kzalloc(sizeof(*fs));
	if (fs == NULL) {
		snprintf(why, size, "out of memory");
		return -ENOMEM;
	}
	fs->s5_fs = vfs;
	fs->s5_bdev = bd;
	kmutex_init(&fs->s5_mutex);
	mobj_init(&fs->s5_devobj, MOBJ_BLOCKDEV, &s5_dev_mobj_ops, bd->bd_name);
	int err = pframe_get(&fs->s5_devobj, S5_SUPER_BLOCK, &fs->s5_sbpf);
	if (err < 0) {
		snprintf(why, size, "%s: cannot read the superblock (%d)", bd->bd_name, err);
		mobj_put(&fs->s5_devobj);
		kfree(fs);
		return err == -ENOMEM ? err : -EIO;
	}
	fs->s5_sb = fs->s5_sbpf->pf_addr;
	char reason[96];
	if (s5_check_super(fs->s5_sb, bd->bd_nblocks, reason, sizeof(reason)) != NULL) {
		snprintf(why, size, "%s: %s", bd->bd_name, reason);
		pframe_put(fs->s5_sbpf);
		pframe_discard_obj(&fs->s5_devobj);
		mobj_put(&fs->s5_devobj);
		kfree(fs);
		return -EINVAL;
	}
	fs->s5_data_start = s5_data_start(fs->s5_sb);
	fs->s5_ra_buf = page_alloc_run(S5_READAHEAD, PAGE_SIZE); /* none: no read-ahead */
	vfs->fs_ops = &s5fs_fs_ops;
	vfs->fs_type = "s5fs";
	vfs->fs_dev = bd->bd_id;
	vfs->fs_root_ino = S5_ROOT_INODE;
	vfs->fs_i = fs;
	dbg(DBG_S5FS, "%s mounted: %u blocks, %u inodes, %u blocks and %u inodes free\n",
	    bd->bd_name, (unsigned)fs->s5_sb->s5s_nblocks, (unsigned)fs->s5_sb->s5s_ninodes,
	    (unsigned)fs->s5_sb->s5s_nfree_blocks, (unsigned)fs->s5_sb->s5s_nfree_inodes);
	return 0;
}

static int s5fs_unmount(fs_t *vfs)
{
	s5fs_t *fs = vfs->fs_i;
	for (vnode_t *vn = vnode_next(NULL); vn != NULL; vn = vnode_next(vn)) {
		if (vn->vn_fs == vfs) {
			return -EBUSY;
		}
	}
	pframe_dirty(fs->s5_sbpf);
	pframe_put(fs->s5_sbpf);
	int err = pframe_free_obj(&fs->s5_devobj);
	if (err < 0) {
		kprintf("s5fs: %s: writing back at unmount failed (%d)\n", fs->s5_bdev->bd_name,
			err);
	}
	mobj_put(&fs->s5_devobj);
	if (fs->s5_ra_buf != NULL) {
		page_free_run(fs->s5_ra_buf, S5_READAHEAD);
	}
	vfs->fs_i = NULL;
	kfree(fs);
	return err < 0 ? -EIO : 0;
}

int s5fs_sync(fs_t *vfs)
{
	s5fs_t *fs = vfs->fs_i;
	s5_lock(fs);
	int err = pframe_sync();
	s5_unlock(fs);
	return err < 0 ? -EIO : 0;
}

bool s5fs_is(const fs_t *vfs)
{
	return vfs != NULL && vfs->fs_ops == &s5fs_fs_ops;
}

static const fs_ops_t s5fs_fs_ops = {
    .read_vnode = s5fs_read_vnode,
    .release_vnode = s5fs_release_vnode,
    .unmount = s5fs_unmount,
};
