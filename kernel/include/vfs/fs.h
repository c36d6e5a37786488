/*
 * File systems, as the VFS sees them.
 *
 * A mounted file system is an fs_t.  Its type's mount function fills it in
 * (operations, private data, the root directory's inode number); the VFS
 * then holds a reference to the root vnode for as long as it is mounted.
 * Vnodes come from the file system only through vget(), which calls
 * read_vnode the first time an inode is wanted, and go back through
 * release_vnode when their last reference is dropped.
 *
 * In this stage one file system is mounted, ramfs, at '/'.  The S5FS stage
 * plugs its on-disk file system into the same interface (and the kernel
 * command line's root= chooses).
 */
#ifndef KEEL_VFS_FS_H
#define KEEL_VFS_FS_H

#include "drivers/dev.h"
#include "types.h"
#include "vfs/stat.h"

struct fs;
struct vnode;

typedef struct fs_ops {
	/*
	 * Fills in a new vnode for inode vn->vn_ino: vn_ops, vn_mode,
	 * vn_len, vn_devid and vn_i.  May take references of its own on the
	 * inode (given back in release_vnode).  Returns 0, or -ENOENT (no
	 * such inode), -EIO.
	 */
	int (*read_vnode)(struct fs *fs, struct vnode *vn);
	/*
	 * The last reference to 'vn' is gone (vput()): write back what
	 * needs it and free the inode if no directory entry names it any
	 * more.  The vnode is freed after this returns.
	 */
	void (*release_vnode)(struct fs *fs, struct vnode *vn);
	/*
	 * Frees everything the file system holds.  Called after the VFS has
	 * put the root; returns -EBUSY (and frees nothing) if a vnode of this
	 * file system is still resident.
	 */
	int (*unmount)(struct fs *fs);
} fs_ops_t;

typedef struct fs {
	const fs_ops_t *fs_ops;
	const char *fs_type;   /* "ramfs" */
	devid_t fs_dev;        /* reported as st_dev; 0 for ramfs */
	ino_t fs_root_ino;     /* the root directory's inode, set by mount */
	struct vnode *fs_root; /* a reference the VFS holds while mounted */
	void *fs_i;            /* the file system's own data */
} fs_t;

/* A mount function: fills in 'fs' (zeroed by the caller).  0 or -errno. */
typedef int (*fs_mount_func_t)(fs_t *fs);

#endif
