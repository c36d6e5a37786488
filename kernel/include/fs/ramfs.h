/*
 * ramfs: a file system in memory, the root file system of the VFS stage.
 *
 * Directories hold real entries ('.' and '..' included); regular files
 * grow a page at a time up to RAMFS_MAX_FILE_SIZE bytes, and pages never
 * written inside a file are holes that read as zeros; device special
 * files store their device id.  Link counts and stat() fields are kept as
 * a disk file system keeps them.  At most RAMFS_MAX_INODES files exist at
 * once.  Everything ramfs holds is freed when its last link and its last
 * vnode reference are gone, so the leak check sees it.
 */
#ifndef KEEL_FS_RAMFS_H
#define KEEL_FS_RAMFS_H

#include "vfs/fs.h"

/* The largest regular file: 4 MiB (1024 pages, whose pointers fill one page). */
#define RAMFS_MAX_FILE_SIZE (4 * 1024 * 1024)
/* The most files (inodes) at once, the root included. */
#define RAMFS_MAX_INODES 2048

/*
 * Mounts a new, empty ramfs in 'fs' (zeroed by the caller): the root
 * directory is inode 0.  Returns 0 or -ENOMEM.
 */
int ramfs_mount(fs_t *fs);

/* How many inodes a mounted ramfs holds (tests). */
int ramfs_inode_count(fs_t *fs);

#endif
