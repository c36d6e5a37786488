/*
 * ramfs: a file system that lives in memory (support code; see
 * fs/ramfs.h).
 *
 * An inode is a ramfs_inode_t, found by number in the file system's inode
 * table (the number is the index).  What it holds depends on its type:
 *
 *   directory   an array of slots, each empty or an entry (name, inode);
 *               slot 0 is ".", slot 1 is "..".  A directory position is a
 *               slot number, so removing an entry never moves another
 *               and a listing in progress sees each remaining entry once.
 *   regular     a page of page pointers (allocated on the first write):
 *               page i holds bytes i*4096 .. i*4096+4095; a NULL pointer
 *               below the length is a hole (reads as zeros).
 *   device      only its device id.
 *
 * Link counts are kept as on disk: a file's counts its directory entries;
 * a directory's is 2 (its entry in the parent and its own ".") plus one
 * for each subdirectory's "..".  An inode is freed when its link count is
 * 0 and no vnode is resident for it: by unlink/rmdir/rename if nothing has
 * it open, otherwise by release_vnode when the last vnode reference goes.
 *
 * ramfs never sleeps, so on Keel's one non-preemptible CPU every operation
 * is atomic and needs no lock.
 */
#include "fs/ramfs.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/vnode.h"

#define RAMFS_PAGES_PER_FILE (RAMFS_MAX_FILE_SIZE / PAGE_SIZE)
#define RAMFS_DIR_MIN_SLOTS 8
/* What stat() reports as a directory's size per entry. */
#define RAMFS_DIRENT_SIZE 32

typedef struct ramfs_dirent {
	ino_t rd_ino;
	uint8_t rd_len; /* 0: a free slot */
	char rd_name[NAME_LEN];
} ramfs_dirent_t;

typedef struct ramfs_inode {
	ino_t ri_ino;
	mode_t ri_mode;
	nlink_t ri_nlink;
	off_t ri_size;            /* regular: bytes; directory: entries * RAMFS_DIRENT_SIZE */
	devid_t ri_devid;         /* device special files */
	void **ri_pages;          /* regular: RAMFS_PAGES_PER_FILE pointers, or NULL */
	size_t ri_npages;         /* regular: data pages allocated */
	ramfs_dirent_t *ri_slots; /* directory */
	size_t ri_nslots;
} ramfs_inode_t;

typedef struct ramfs {
	ramfs_inode_t *rf_inodes[RAMFS_MAX_INODES];
	int rf_count;
} ramfs_t;

static slab_allocator_t *ramfs_inode_cache;

static const vnode_ops_t ramfs_dir_ops, ramfs_file_ops, ramfs_dev_ops;

static ramfs_t *ramfs_of(fs_t *fs)
{
	return fs->fs_i;
}

static ramfs_inode_t *ramfs_inode(vnode_t *vn)
{
	KASSERT(vn->vn_i != NULL);
	return vn->vn_i;
}

/* Inodes. */

static ramfs_inode_t *ramfs_inode_alloc(ramfs_t *rf, mode_t mode)
{
	for (ino_t ino = 0; ino < RAMFS_MAX_INODES; ino++) {
		if (rf->rf_inodes[ino] == NULL) {
			ramfs_inode_t *ri = slab_obj_alloc(ramfs_inode_cache);
			if (ri == NULL) {
				return NULL;
			}
			memset(ri, 0, sizeof(*ri));
			ri->ri_ino = ino;
			ri->ri_mode = mode;
			rf->rf_inodes[ino] = ri;
			rf->rf_count++;
			return ri;
		}
	}
	return NULL;
}

static void ramfs_file_free_pages(ramfs_inode_t *ri)
{
	if (ri->ri_pages == NULL) {
		return;
	}
	for (size_t i = 0; i < RAMFS_PAGES_PER_FILE; i++) {
		if (ri->ri_pages[i] != NULL) {
			page_free(ri->ri_pages[i]);
		}
	}
	page_free(ri->ri_pages);
	ri->ri_pages = NULL;
	ri->ri_npages = 0;
	ri->ri_size = 0;
}

static void ramfs_inode_free(ramfs_t *rf, ramfs_inode_t *ri)
{
	ramfs_file_free_pages(ri);
	kfree(ri->ri_slots);
	rf->rf_inodes[ri->ri_ino] = NULL;
	rf->rf_count--;
	slab_obj_free(ramfs_inode_cache, ri);
}

/* Frees 'ri' if no entry links to it and no vnode stands for it. */
static void ramfs_inode_maybe_free(fs_t *fs, ramfs_inode_t *ri)
{
	if (ri->ri_nlink == 0 && vnode_find(fs, ri->ri_ino) == NULL) {
		ramfs_inode_free(ramfs_of(fs), ri);
	}
}

/* Directory slots. */

static ramfs_dirent_t *ramfs_dir_find(ramfs_inode_t *dir, const char *name, size_t len)
{
	for (size_t i = 0; i < dir->ri_nslots; i++) {
		ramfs_dirent_t *e = &dir->ri_slots[i];
		if (e->rd_len == len && memcmp(e->rd_name, name, len) == 0) {
			return e;
		}
	}
	return NULL;
}

/* A free slot of 'dir', growing the array if none is free; NULL when out of memory. */
static ramfs_dirent_t *ramfs_dir_free_slot(ramfs_inode_t *dir)
{
	for (size_t i = 0; i < dir->ri_nslots; i++) {
		if (dir->ri_slots[i].rd_len == 0) {
			return &dir->ri_slots[i];
		}
	}
	size_t n = dir->ri_nslots == 0 ? RAMFS_DIR_MIN_SLOTS : dir->ri_nslots * 2;
	ramfs_dirent_t *slots = kzalloc(n * sizeof(*slots));
	if (slots == NULL) {
		return NULL;
	}
	if (dir->ri_nslots > 0) {
		memcpy(slots, dir->ri_slots, dir->ri_nslots * sizeof(*slots));
	}
	kfree(dir->ri_slots);
	dir->ri_slots = slots;
	size_t first_new = dir->ri_nslots;
	dir->ri_nslots = n;
	return &slots[first_new];
}

static void ramfs_dirent_set(ramfs_inode_t *dir, ramfs_dirent_t *e, const char *name, size_t len,
			     ino_t ino)
{
	KASSERT(len >= 1 && len <= NAME_LEN);
	memcpy(e->rd_name, name, len);
	e->rd_len = (uint8_t)len;
	e->rd_ino = ino;
	dir->ri_size += RAMFS_DIRENT_SIZE;
}

static void ramfs_dirent_clear(ramfs_inode_t *dir, ramfs_dirent_t *e)
{
	e->rd_len = 0;
	e->rd_ino = 0;
	dir->ri_size -= RAMFS_DIRENT_SIZE;
}

static bool ramfs_dir_is_empty(ramfs_inode_t *dir)
{
	for (size_t i = 2; i < dir->ri_nslots; i++) {
		if (dir->ri_slots[i].rd_len != 0) {
			return false;
		}
	}
	return true;
}

static bool ramfs_is_dot_or_dotdot(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* A new directory inode whose ".." is 'parent_ino'. */
static ramfs_inode_t *ramfs_dir_new(ramfs_t *rf, ino_t parent_ino)
{
	ramfs_inode_t *ri = ramfs_inode_alloc(rf, S_IFDIR);
	if (ri == NULL) {
		return NULL;
	}
	ramfs_dirent_t *dot = ramfs_dir_free_slot(ri);
	if (dot == NULL) {
		ramfs_inode_free(rf, ri);
		return NULL;
	}
	ramfs_dirent_set(ri, &ri->ri_slots[0], ".", 1, ri->ri_ino);
	ramfs_dirent_set(ri, &ri->ri_slots[1], "..", 2, parent_ino);
	ri->ri_nlink = 2;
	return ri;
}

/* The file system interface. */

static int ramfs_read_vnode(fs_t *fs, vnode_t *vn)
{
	ramfs_t *rf = ramfs_of(fs);
	if (vn->vn_ino >= RAMFS_MAX_INODES || rf->rf_inodes[vn->vn_ino] == NULL) {
		return -ENOENT;
	}
	ramfs_inode_t *ri = rf->rf_inodes[vn->vn_ino];
	vn->vn_i = ri;
	vn->vn_mode = ri->ri_mode & S_IFMT;
	vn->vn_len = ri->ri_size;
	vn->vn_devid = NULL_DEVID;
	switch (ri->ri_mode & S_IFMT) {
	case S_IFDIR:
		vn->vn_ops = &ramfs_dir_ops;
		break;
	case S_IFREG:
		vn->vn_ops = &ramfs_file_ops;
		break;
	default:
		vn->vn_ops = &ramfs_dev_ops;
		vn->vn_devid = ri->ri_devid;
		break;
	}
	return 0;
}

static void ramfs_release_vnode(fs_t *fs, vnode_t *vn)
{
	ramfs_inode_t *ri = ramfs_inode(vn);
	if (ri->ri_nlink == 0) {
		ramfs_inode_free(ramfs_of(fs), ri);
	}
	vn->vn_i = NULL;
}

static int ramfs_unmount(fs_t *fs)
{
	for (vnode_t *vn = vnode_next(NULL); vn != NULL; vn = vnode_next(vn)) {
		if (vn->vn_fs == fs) {
			return -EBUSY;
		}
	}
	ramfs_t *rf = ramfs_of(fs);
	for (ino_t ino = 0; ino < RAMFS_MAX_INODES; ino++) {
		if (rf->rf_inodes[ino] != NULL) {
			ramfs_inode_free(rf, rf->rf_inodes[ino]);
		}
	}
	KASSERT(rf->rf_count == 0);
	kfree(rf);
	fs->fs_i = NULL;
	return 0;
}

static const fs_ops_t ramfs_fs_ops = {
    .read_vnode = ramfs_read_vnode,
    .release_vnode = ramfs_release_vnode,
    .unmount = ramfs_unmount,
};

int ramfs_mount(fs_t *fs)
{
	if (ramfs_inode_cache == NULL) {
		ramfs_inode_cache = slab_allocator_create("ramfs_inode", sizeof(ramfs_inode_t));
		if (ramfs_inode_cache == NULL) {
			return -ENOMEM;
		}
	}
	ramfs_t *rf = kzalloc(sizeof(*rf));
	if (rf == NULL) {
		return -ENOMEM;
	}
	ramfs_inode_t *root = ramfs_dir_new(rf, 0);
	if (root == NULL) {
		kfree(rf);
		return -ENOMEM;
	}
	KASSERT(root->ri_ino == 0);
	fs->fs_ops = &ramfs_fs_ops;
	fs->fs_type = "ramfs";
	fs->fs_dev = 0;
	fs->fs_root_ino = root->ri_ino;
	fs->fs_i = rf;
	return 0;
}

int ramfs_inode_count(fs_t *fs)
{
	return ramfs_of(fs)->rf_count;
}

/* Regular files. */

static ssize_t ramfs_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	ramfs_inode_t *ri = ramfs_inode(vn);
	KASSERT(pos >= 0);
	if (pos >= ri->ri_size) {
		return 0;
	}
	count = MIN(count, (size_t)(ri->ri_size - pos));
	size_t done = 0;
	while (done < count) {
		size_t off = (size_t)pos + done;
		size_t in_page = off & PAGE_MASK;
		size_t n = MIN(count - done, PAGE_SIZE - in_page);
		void *page = ri->ri_pages != NULL ? ri->ri_pages[off / PAGE_SIZE] : NULL;
		if (page == NULL) {
			memset((char *)buf + done, 0, n);
		} else {
			memcpy((char *)buf + done, (char *)page + in_page, n);
		}
		done += n;
	}
	return (ssize_t)done;
}

static ssize_t ramfs_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	ramfs_inode_t *ri = ramfs_inode(vn);
	KASSERT(pos >= 0);
	if (pos >= RAMFS_MAX_FILE_SIZE) {
		return -EFBIG;
	}
	count = MIN(count, (size_t)(RAMFS_MAX_FILE_SIZE - pos));
	if (count == 0) {
		return 0;
	}
	if (ri->ri_pages == NULL) {
		ri->ri_pages = page_alloc();
		if (ri->ri_pages == NULL) {
			return -ENOSPC;
		}
		memset(ri->ri_pages, 0, PAGE_SIZE);
	}
	size_t done = 0;
	while (done < count) {
		size_t off = (size_t)pos + done;
		size_t in_page = off & PAGE_MASK;
		size_t n = MIN(count - done, PAGE_SIZE - in_page);
		void **slot = &ri->ri_pages[off / PAGE_SIZE];
		if (*slot == NULL) {
			*slot = page_alloc();
			if (*slot == NULL) {
				break;
			}
			memset(*slot, 0, PAGE_SIZE);
			ri->ri_npages++;
		}
		memcpy((char *)*slot + in_page, (const char *)buf + done, n);
		done += n;
	}
	if (done == 0) {
		return -ENOSPC;
	}
	if (pos + (off_t)done > ri->ri_size) {
		ri->ri_size = pos + (off_t)done;
	}
	vn->vn_len = ri->ri_size;
	return (ssize_t)done;
}

static int ramfs_truncate(vnode_t *vn)
{
	ramfs_inode_t *ri = ramfs_inode(vn);
	ramfs_file_free_pages(ri);
	vn->vn_len = 0;
	return 0;
}

static int ramfs_stat(vnode_t *vn, stat_t *st)
{
	ramfs_inode_t *ri = ramfs_inode(vn);
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->vn_fs->fs_dev;
	st->st_ino = ri->ri_ino;
	st->st_mode = ri->ri_mode | (S_ISDIR(ri->ri_mode) ? 0755 : 0644);
	st->st_nlink = ri->ri_nlink;
	st->st_rdev = ri->ri_devid;
	st->st_size = S_ISREG(ri->ri_mode) || S_ISDIR(ri->ri_mode) ? ri->ri_size : 0;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = ri->ri_npages * (PAGE_SIZE / 512);
	return 0;
}

/* Directories. */

static int ramfs_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	ramfs_dirent_t *e = ramfs_dir_find(ramfs_inode(dir), name, len);
	if (e == NULL) {
		return -ENOENT;
	}
	return vget(dir->vn_fs, e->rd_ino, result);
}

/* Adds an entry (name, len) for a new inode of 'mode'; returns the inode or NULL (*err set). */
static ramfs_inode_t *ramfs_make(vnode_t *dir, const char *name, size_t len, mode_t mode, int *err)
{
	ramfs_inode_t *d = ramfs_inode(dir);
	ramfs_t *rf = ramfs_of(dir->vn_fs);
	if (d->ri_nlink == 0) {
		*err = -ENOENT; /* a removed directory (someone's current directory) */
		return NULL;
	}
	if (ramfs_dir_find(d, name, len) != NULL) {
		*err = -EEXIST;
		return NULL;
	}
	ramfs_dirent_t *e = ramfs_dir_free_slot(d);
	if (e == NULL) {
		*err = -ENOSPC;
		return NULL;
	}
	ramfs_inode_t *ri =
	    S_ISDIR(mode) ? ramfs_dir_new(rf, d->ri_ino) : ramfs_inode_alloc(rf, mode);
	if (ri == NULL) {
		*err = -ENOSPC;
		return NULL;
	}
	if (!S_ISDIR(mode)) {
		ri->ri_nlink = 1;
	} else {
		d->ri_nlink++; /* the new directory's ".." */
	}
	ramfs_dirent_set(d, e, name, len, ri->ri_ino);
	dir->vn_len = d->ri_size;
	return ri;
}

static int ramfs_create(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	int err = 0;
	ramfs_inode_t *ri = ramfs_make(dir, name, len, S_IFREG, &err);
	if (ri == NULL) {
		return err;
	}
	return vget(dir->vn_fs, ri->ri_ino, result);
}

static int ramfs_mknod(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid)
{
	if (!S_ISCHR(mode) && !S_ISBLK(mode)) {
		return -EINVAL;
	}
	int err = 0;
	ramfs_inode_t *ri = ramfs_make(dir, name, len, mode & S_IFMT, &err);
	if (ri == NULL) {
		return err;
	}
	ri->ri_devid = devid;
	return 0;
}

static int ramfs_mkdir(vnode_t *dir, const char *name, size_t len)
{
	int err = 0;
	return ramfs_make(dir, name, len, S_IFDIR, &err) == NULL ? err : 0;
}

static int ramfs_rmdir(vnode_t *dir, const char *name, size_t len)
{
	if (ramfs_is_dot_or_dotdot(name, len)) {
		return -EINVAL;
	}
	ramfs_inode_t *d = ramfs_inode(dir);
	ramfs_dirent_t *e = ramfs_dir_find(d, name, len);
	if (e == NULL) {
		return -ENOENT;
	}
	ramfs_inode_t *child = ramfs_of(dir->vn_fs)->rf_inodes[e->rd_ino];
	if (!S_ISDIR(child->ri_mode)) {
		return -ENOTDIR;
	}
	if (!ramfs_dir_is_empty(child)) {
		return -ENOTEMPTY;
	}
	ramfs_dirent_clear(d, e);
	dir->vn_len = d->ri_size;
	d->ri_nlink--;
	child->ri_nlink = 0;
	ramfs_inode_maybe_free(dir->vn_fs, child);
	return 0;
}

static int ramfs_link(vnode_t *dir, const char *name, size_t len, vnode_t *target)
{
	if (target->vn_fs != dir->vn_fs) {
		return -EXDEV;
	}
	ramfs_inode_t *ri = ramfs_inode(target);
	if (S_ISDIR(ri->ri_mode)) {
		return -EPERM;
	}
	ramfs_inode_t *d = ramfs_inode(dir);
	if (d->ri_nlink == 0) {
		return -ENOENT;
	}
	if (ramfs_dir_find(d, name, len) != NULL) {
		return -EEXIST;
	}
	ramfs_dirent_t *e = ramfs_dir_free_slot(d);
	if (e == NULL) {
		return -ENOSPC;
	}
	ramfs_dirent_set(d, e, name, len, ri->ri_ino);
	dir->vn_len = d->ri_size;
	ri->ri_nlink++;
	return 0;
}

static int ramfs_unlink(vnode_t *dir, const char *name, size_t len)
{
	ramfs_inode_t *d = ramfs_inode(dir);
	ramfs_dirent_t *e = ramfs_dir_find(d, name, len);
	if (e == NULL) {
		return -ENOENT;
	}
	ramfs_inode_t *ri = ramfs_of(dir->vn_fs)->rf_inodes[e->rd_ino];
	if (S_ISDIR(ri->ri_mode)) {
		return -EISDIR;
	}
	ramfs_dirent_clear(d, e);
	dir->vn_len = d->ri_size;
	ri->ri_nlink--;
	ramfs_inode_maybe_free(dir->vn_fs, ri);
	return 0;
}

static int ramfs_rename(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
			const char *newname, size_t newlen)
{
	if (olddir->vn_fs != newdir->vn_fs) {
		return -EXDEV;
	}
	if (ramfs_is_dot_or_dotdot(oldname, oldlen) || ramfs_is_dot_or_dotdot(newname, newlen)) {
		return -EINVAL;
	}
	ramfs_t *rf = ramfs_of(olddir->vn_fs);
	ramfs_inode_t *od = ramfs_inode(olddir), *nd = ramfs_inode(newdir);
	ramfs_dirent_t *oe = ramfs_dir_find(od, oldname, oldlen);
	if (oe == NULL) {
		return -ENOENT;
	}
	ramfs_inode_t *src = rf->rf_inodes[oe->rd_ino];
	if (nd->ri_nlink == 0) {
		return -ENOENT;
	}
	ramfs_dirent_t *ne = ramfs_dir_find(nd, newname, newlen);
	ramfs_inode_t *dst = ne != NULL ? rf->rf_inodes[ne->rd_ino] : NULL;
	if (dst == src) {
		return 0;
	}
	bool src_dir = S_ISDIR(src->ri_mode);
	if (dst != NULL) {
		if (S_ISDIR(dst->ri_mode) && !src_dir) {
			return -EISDIR;
		}
		if (!S_ISDIR(dst->ri_mode) && src_dir) {
			return -ENOTDIR;
		}
		if (S_ISDIR(dst->ri_mode) && !ramfs_dir_is_empty(dst)) {
			return -ENOTEMPTY;
		}
	} else {
		/* The only step that can fail comes before any change. */
		ne = ramfs_dir_free_slot(nd);
		if (ne == NULL) {
			return -ENOSPC;
		}
		/* Growing the slots may have moved the old entry. */
		oe = ramfs_dir_find(od, oldname, oldlen);
		KASSERT(oe != NULL);
		ramfs_dirent_set(nd, ne, newname, newlen, src->ri_ino);
	}
	if (dst != NULL) {
		ne->rd_ino = src->ri_ino; /* the replacement: one step */
		if (S_ISDIR(dst->ri_mode)) {
			dst->ri_nlink = 0;
			nd->ri_nlink--; /* dst's ".." */
		} else {
			dst->ri_nlink--;
		}
	}
	ramfs_dirent_clear(od, oe);
	if (src_dir && od != nd) {
		src->ri_slots[1].rd_ino = nd->ri_ino;
		od->ri_nlink--;
		nd->ri_nlink++;
	}
	olddir->vn_len = od->ri_size;
	newdir->vn_len = nd->ri_size;
	if (dst != NULL) {
		ramfs_inode_maybe_free(olddir->vn_fs, dst);
	}
	return 0;
}

static int ramfs_readdir(vnode_t *dir, off_t pos, dirent_t *d)
{
	ramfs_inode_t *ri = ramfs_inode(dir);
	ramfs_t *rf = ramfs_of(dir->vn_fs);
	for (size_t i = pos < 0 ? 0 : (size_t)pos; i < ri->ri_nslots; i++) {
		ramfs_dirent_t *e = &ri->ri_slots[i];
		if (e->rd_len != 0) {
			d->d_ino = e->rd_ino;
			d->d_off = (off_t)(i + 1);
			d->d_type = dt_from_mode(rf->rf_inodes[e->rd_ino]->ri_mode);
			memcpy(d->d_name, e->rd_name, e->rd_len);
			d->d_name[e->rd_len] = '\0';
			return 1;
		}
	}
	return 0;
}

static const vnode_ops_t ramfs_dir_ops = {
    .read = vop_fail_read_isdir,
    .write = vop_fail_write_isdir,
    .truncate = vop_fail_truncate_isdir,
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .mknod = ramfs_mknod,
    .mkdir = ramfs_mkdir,
    .rmdir = ramfs_rmdir,
    .link = ramfs_link,
    .unlink = ramfs_unlink,
    .rename = ramfs_rename,
    .readdir = ramfs_readdir,
    .stat = ramfs_stat,
    .mmap = vop_fail_mmap_nodev,
};

static const vnode_ops_t ramfs_file_ops = {
    .read = ramfs_read,
    .write = ramfs_write,
    .truncate = ramfs_truncate,
    .lookup = vop_fail_lookup_notdir,
    .create = vop_fail_create_notdir,
    .mknod = vop_fail_mknod_notdir,
    .mkdir = vop_fail_mkdir_notdir,
    .rmdir = vop_fail_rmdir_notdir,
    .link = vop_fail_link_notdir,
    .unlink = vop_fail_unlink_notdir,
    .rename = vop_fail_rename_notdir,
    .readdir = vop_fail_readdir_notdir,
    .stat = ramfs_stat,
    .mmap = vop_fail_mmap_nodev,
};

/* Device special files: the VFS sends their reads and writes to the drivers. */
static const vnode_ops_t ramfs_dev_ops = {
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
    .stat = ramfs_stat,
    .mmap = vop_fail_mmap_nodev,
};
