/*
 * Vnodes: the VFS's view of a file.
 *
 * A vnode stands for one file (an inode) of one mounted file system while
 * anything in the kernel uses it.  There is at most one vnode per (file
 * system, inode number): vget() finds a resident vnode in the vnode table
 * and hands out another reference to it, or reads the inode into a new one.
 *
 * Reference counting.  vn_refcount counts the pointers to the vnode that
 * someone will later give back with vput(): an open file's f_vnode, a
 * process's current directory, a mounted file system's root, a reference a
 * path walk holds for a moment.  The vnode lives exactly as long as its
 * count is above zero: the vput() that drops the last reference tells the
 * file system (fs_ops->release_vnode, which frees the inode if no directory
 * links to it any more), takes the vnode out of the table and frees it.  So
 * the number of resident vnodes is the number of vnodes someone holds, and
 * the test harness checks after every test that both are back where they
 * were (a leaked reference is reported with the vnode's file system, inode
 * number, type, count and path).
 *
 * Keel's kernel is not preemptible and one CPU runs it: a file system
 * operation that does not sleep runs as one atomic step.  ramfs never
 * sleeps, so it needs no locks; a file system that sleeps (S5FS, waiting for
 * the disk) locks its own inodes.
 *
 * Operations.  Every vnode has a table of operations (vn_ops) that its file
 * system fills in with designated initializers.  Every slot is set: an
 * operation a kind of file does not support is a function that returns the
 * error below (vnode_ops_check() verifies a table when a vnode is read).
 * Callers use the vop_*() helpers, which check the vnode and dispatch.
 * Names passed to operations are NOT NUL-terminated: (name, len), with
 * 1 <= len <= NAME_LEN (the VFS checks the length before it calls).
 */
#ifndef KEEL_VFS_VNODE_H
#define KEEL_VFS_VNODE_H

#include "errno.h"
#include "types.h"
#include "util/debug.h"
#include "util/list.h"
#include "vfs/stat.h"

struct fs;
struct vnode;

struct mobj;

typedef struct vnode_ops {
	/*
	 * Reads up to 'count' bytes at byte 'pos' of a regular file into
	 * 'buf'.  Returns the number read: fewer than count at the end of the
	 * file, 0 at or past it.  A hole (a range never written below the
	 * length) reads as zeros.  Errors: -EISDIR (a directory), -EINVAL
	 * (anything else that is not a regular file).
	 */
	ssize_t (*read)(struct vnode *vn, off_t pos, void *buf, size_t count);
	/*
	 * Writes 'count' bytes from 'buf' at byte 'pos' of a regular file,
	 * growing it (a gap between the old end and pos becomes a hole).
	 * Returns the number written (all of them, or fewer if the file
	 * system fills up part way).  Errors: -EFBIG (pos is at or past the
	 * file system's largest file size), -ENOSPC (no space for the first
	 * byte), -EISDIR, -EINVAL as for read.
	 */
	ssize_t (*write)(struct vnode *vn, off_t pos, const void *buf, size_t count);
	/* Makes a regular file empty, freeing its storage.  -EISDIR, -EINVAL as for read. */
	int (*truncate)(struct vnode *vn);

	/*
	 * Directory operations.  Each returns -ENOTDIR when 'dir' is not a
	 * directory; those that add an entry (create, mknod, mkdir, link,
	 * rename's newdir) return -ENOENT when 'dir' has been removed (it can
	 * still be a process's current directory).  The VFS calls them with a name that is not
	 * empty; '.' and '..' are real entries of every directory (the root's '..' is the root
	 * itself).
	 */

	/* Finds 'name' in dir: *result gets a new reference.  -ENOENT: no such entry. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **result);
	/*
	 * Creates an empty regular file 'name' in dir; *result gets a new
	 * reference to it.  -EEXIST: the name is taken; -ENOSPC: no free inode.
	 */
	int (*create)(struct vnode *dir, const char *name, size_t len, struct vnode **result);
	/*
	 * Creates a device special file 'name' (mode S_IFCHR or S_IFBLK) for
	 * device 'devid'.  -EEXIST, -ENOSPC as for create; -EINVAL: another mode.
	 */
	int (*mknod)(struct vnode *dir, const char *name, size_t len, mode_t mode, devid_t devid);
	/* Creates an empty directory 'name' (with '.' and '..').  -EEXIST, -ENOSPC. */
	int (*mkdir)(struct vnode *dir, const char *name, size_t len);
	/*
	 * Removes the empty directory 'name'.  -ENOENT; -ENOTDIR: the entry is
	 * not a directory; -ENOTEMPTY: it holds more than '.' and '..';
	 * -EINVAL: name is '.' or '..' (the VFS sorts these out first).
	 */
	int (*rmdir)(struct vnode *dir, const char *name, size_t len);
	/*
	 * Adds entry 'name' for 'target' (not a directory), whose link count
	 * goes up.  -EEXIST; -EPERM: target is a directory; -EXDEV: target
	 * is on another file system.
	 */
	int (*link)(struct vnode *dir, const char *name, size_t len, struct vnode *target);
	/*
	 * Removes entry 'name' (not a directory); the file's link count goes
	 * down, and the file itself goes when its last vnode reference does.
	 * -ENOENT; -EISDIR: the entry is a directory.
	 */
	int (*unlink)(struct vnode *dir, const char *name, size_t len);
	/*
	 * Moves entry 'oldname' of olddir to 'newname' of newdir in one
	 * step, as Linux's rename(): an existing newname is replaced
	 * atomically (there is no moment where it is missing).  A moved
	 * directory's '..' now names newdir.  If both names are links to the
	 * same file, nothing happens and it returns 0.  Errors: -ENOENT (no
	 * oldname); -EISDIR (newname is a directory, oldname is not);
	 * -ENOTDIR (oldname is a directory, newname is not); -ENOTEMPTY
	 * (newname is a non-empty directory); -EXDEV (the directories are on
	 * different file systems).  The VFS has already refused '.', '..',
	 * the root, and moving a directory into its own subtree.
	 */
	int (*rename)(struct vnode *olddir, const char *oldname, size_t oldlen,
		      struct vnode *newdir, const char *newname, size_t newlen);
	/*
	 * Reads the entry at or after directory position 'pos' into *d
	 * (d_off is the position after it).  Returns 1 with an entry, 0 at
	 * the end of the directory.  Positions are the file system's own
	 * (ramfs: slot numbers); 0 is the start.
	 */
	int (*readdir)(struct vnode *dir, off_t pos, dirent_t *d);

	/* Fills *st (stat.h says what each field holds).  Every vnode supports it. */
	int (*stat)(struct vnode *vn, stat_t *st);

	/*
	 * The memory object that holds the file's data, for mmap (the VM
	 * stage): 0 and a new reference to it in *ret, or -ENODEV when the
	 * file cannot be mapped (directories, devices, ramfs files).
	 */
	int (*mmap)(struct vnode *vn, struct mobj **ret);
} vnode_ops_t;

typedef struct vnode {
	const vnode_ops_t *vn_ops; /* set by the file system's read_vnode */
	struct fs *vn_fs;          /* the file system it belongs to */
	ino_t vn_ino;              /* its inode number there */
	mode_t vn_mode;            /* the file type: S_IFREG, S_IFDIR, S_IFCHR or S_IFBLK */
	off_t vn_len;              /* length in bytes; kept current by the file system */
	devid_t vn_devid;          /* S_IFCHR, S_IFBLK: the device; else NULL_DEVID */
	int vn_refcount;           /* references; see above */
	void *vn_i;                /* the file system's own data (ramfs: the inode) */
	list_link_t vn_link;       /* on the vnode table; owned by vnode.c */
} vnode_t;

/*
 * Reference counting (vfs/vnode.c).
 *
 * vget(): the vnode for inode 'ino' of 'fs', with a new reference for the
 * caller: the resident one if the table has it (its count goes up), or a
 * new one the file system fills in (fs_ops->read_vnode) and the table
 * records, with a count of 1.  Returns 0 and sets *result, or the error of
 * read_vnode (-ENOENT: no such inode, -EIO) or -ENOMEM, with nothing held.
 * A vnode read for the first time has its operations table checked with
 * vnode_ops_check(), which panics ("... has no 'stat' operation") if the
 * file system left a slot empty.
 */
int vget(struct fs *fs, ino_t ino, vnode_t **result);

/* Takes another reference to a vnode the caller already holds one of. */
void vref(vnode_t *vn);

/*
 * Gives back a reference.  The last one releases the vnode: the file
 * system's release_vnode runs (freeing an unlinked file), the vnode leaves
 * the table and is freed.  KASSERTs that the count was positive.
 */
void vput(vnode_t *vn);

/*
 * Support for vget() and vput(): the vnode table.  vnode_find() is the
 * resident vnode for (fs, ino) or NULL (no reference taken);
 * vnode_alloc() a zeroed vnode with vn_fs and vn_ino set, not yet in the
 * table (NULL when out of memory); vnode_insert()/vnode_remove() add it
 * to and take it out of the table; vnode_free() frees one not in the table.
 */
vnode_t *vnode_find(struct fs *fs, ino_t ino);
vnode_t *vnode_alloc(struct fs *fs, ino_t ino);
void vnode_insert(vnode_t *vn);
void vnode_remove(vnode_t *vn);
void vnode_free(vnode_t *vn);

/* Support: makes the vnode cache (vfs_init() calls it). */
void vnode_init(void);

/* The resident vnode after 'prev' (the first when NULL), or NULL: for listings. */
vnode_t *vnode_next(const vnode_t *prev);
/* How many vnodes are resident. */
int vnode_count(void);

/* Panics, naming the slot, if 'ops' has an empty slot. */
void vnode_ops_check(const vnode_ops_t *ops);

/* A short name of a file type: "dir", "reg", "chr", "blk" or "?". */
const char *vnode_type_name(mode_t mode);

/*
 * The dispatching helpers: each checks the vnode and calls its file
 * system's operation (contracts above).
 */
#define VOP_CHECK(vn) KASSERT((vn) != NULL && (vn)->vn_refcount > 0 && (vn)->vn_ops != NULL)

static inline ssize_t vop_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	VOP_CHECK(vn);
	return vn->vn_ops->read(vn, pos, buf, count);
}
static inline ssize_t vop_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	VOP_CHECK(vn);
	return vn->vn_ops->write(vn, pos, buf, count);
}
static inline int vop_truncate(vnode_t *vn)
{
	VOP_CHECK(vn);
	return vn->vn_ops->truncate(vn);
}
static inline int vop_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->lookup(dir, name, len, result);
}
static inline int vop_create(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->create(dir, name, len, result);
}
static inline int vop_mknod(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->mknod(dir, name, len, mode, devid);
}
static inline int vop_mkdir(vnode_t *dir, const char *name, size_t len)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->mkdir(dir, name, len);
}
static inline int vop_rmdir(vnode_t *dir, const char *name, size_t len)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->rmdir(dir, name, len);
}
static inline int vop_link(vnode_t *dir, const char *name, size_t len, vnode_t *target)
{
	VOP_CHECK(dir);
	VOP_CHECK(target);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->link(dir, name, len, target);
}
static inline int vop_unlink(vnode_t *dir, const char *name, size_t len)
{
	VOP_CHECK(dir);
	KASSERT(len >= 1 && len <= NAME_LEN);
	return dir->vn_ops->unlink(dir, name, len);
}
static inline int vop_rename(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
			     const char *newname, size_t newlen)
{
	VOP_CHECK(olddir);
	VOP_CHECK(newdir);
	KASSERT(oldlen >= 1 && oldlen <= NAME_LEN && newlen >= 1 && newlen <= NAME_LEN);
	return olddir->vn_ops->rename(olddir, oldname, oldlen, newdir, newname, newlen);
}
static inline int vop_readdir(vnode_t *dir, off_t pos, dirent_t *d)
{
	VOP_CHECK(dir);
	return dir->vn_ops->readdir(dir, pos, d);
}
static inline int vop_stat(vnode_t *vn, stat_t *st)
{
	VOP_CHECK(vn);
	return vn->vn_ops->stat(vn, st);
}
static inline int vop_mmap(vnode_t *vn, struct mobj **ret)
{
	VOP_CHECK(vn);
	if (vn->vn_ops->mmap == NULL) {
		return -ENODEV; /* a table made before the slot existed */
	}
	return vn->vn_ops->mmap(vn, ret);
}

/*
 * Ready-made failing operations for file systems' tables: each returns
 * the error its name says (the read/write/truncate of a directory give
 * -EISDIR, of a device -EINVAL; the directory operations of a
 * non-directory give -ENOTDIR).
 */
ssize_t vop_fail_read_isdir(vnode_t *vn, off_t pos, void *buf, size_t count);
ssize_t vop_fail_write_isdir(vnode_t *vn, off_t pos, const void *buf, size_t count);
int vop_fail_truncate_isdir(vnode_t *vn);
ssize_t vop_fail_read_inval(vnode_t *vn, off_t pos, void *buf, size_t count);
ssize_t vop_fail_write_inval(vnode_t *vn, off_t pos, const void *buf, size_t count);
int vop_fail_truncate_inval(vnode_t *vn);
int vop_fail_lookup_notdir(vnode_t *dir, const char *name, size_t len, vnode_t **result);
int vop_fail_create_notdir(vnode_t *dir, const char *name, size_t len, vnode_t **result);
int vop_fail_mknod_notdir(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid);
int vop_fail_mkdir_notdir(vnode_t *dir, const char *name, size_t len);
int vop_fail_rmdir_notdir(vnode_t *dir, const char *name, size_t len);
int vop_fail_link_notdir(vnode_t *dir, const char *name, size_t len, vnode_t *target);
int vop_fail_unlink_notdir(vnode_t *dir, const char *name, size_t len);
int vop_fail_rename_notdir(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
			   const char *newname, size_t newlen);
int vop_fail_readdir_notdir(vnode_t *dir, off_t pos, dirent_t *d);
int vop_fail_mmap_nodev(vnode_t *vn, struct mobj **ret);

#endif
