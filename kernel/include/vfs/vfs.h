/*
 * The virtual file system: one tree of files for the whole kernel.
 *
 * The layers, from the top:
 *
 *   vfs_syscall.h  do_open(), do_read(), do_mkdir(), ... : the file system
 *                  calls, by path and by file descriptor (Linux semantics)
 *   file.h         open files (position, mode, count) and descriptors
 *   vfs_proc.h     each process's current directory and descriptor table
 *   namev.h        path lookup: from a path to a vnode
 *   vnode.h        vnodes, their reference counts and operations
 *   special.h      device special files: reads and writes go to drivers
 *   fs.h           the interface a file system provides (ramfs, S5FS)
 *
 * At boot (vfs_init(), from the init process) ramfs is mounted as the
 * root, and /dev gets a device special file for every registered device:
 * a character device for each byte device (tty0, ttyS0, null, zero, ...),
 * a block device for each block device (hda, ...).
 */
#ifndef KEEL_VFS_VFS_H
#define KEEL_VFS_VFS_H

#include "types.h"
#include "vfs/fs.h"
#include "vfs/vnode.h"

/* The root file system, or NULL before vfs_init() (or if mounting failed). */
extern fs_t *vfs_root_fs;

/*
 * The root directory, with no new reference (the root file system holds
 * one for as long as it is mounted), or NULL before vfs_init().  It first
 * releases the files of processes that have exited (vfs_proc_sweep()).
 */
vnode_t *vfs_root_vnode(void);

/*
 * Mounts ramfs as the root, makes /dev and its nodes, and gives the
 * calling process (init) its current directory.  Called once by init
 * before the tests or the shell run.  If it fails (the VFS stage not yet
 * written) it says why and the kernel goes on without files.
 */
void vfs_init(void);

/*
 * At shutdown: drops what the VFS itself holds (every process's files and
 * directory, the root), unmounts the root, and checks that no vnode is
 * left.  Returns the number of vnodes still referenced (each printed as
 * vnode_describe() gives it), 0 when everything was released.
 */
int vfs_shutdown(void);

/*
 * Code above the VFS that holds vnodes only to go faster (the exec cache,
 * api/exec.h) registers here how to let them go: the VFS calls 'fn' before
 * it counts vnodes for the tests' leak check and before it unmounts the
 * root at shutdown.  One such function; registering it again is harmless.
 */
void vfs_set_cache_release(void (*fn)(void));

/*
 * Writes the path of 'vn' (from '/') into buf: found for directories by
 * walking '..', for other files by searching the tree.  Returns 0, or
 * -ENOENT (not reachable from the root: unlinked), -ENAMETOOLONG (buf too
 * small).  Takes and gives back references as it goes (the count of 'vn'
 * is the same afterwards).
 */
int vfs_path_of(vnode_t *vn, char *buf, size_t size);

/*
 * "ramfs ino 5 reg count 2 /a/f": one line about a vnode for leak reports,
 * kvnodes and halt (the path when it can be found).
 */
void vnode_describe(vnode_t *vn, char *buf, size_t size);

#endif
