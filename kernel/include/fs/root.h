/*
 * Choosing and mounting the root file system (support code).
 *
 * The kernel command line's root= word says which: root=hda (the default)
 * mounts the S5FS on that block device, root=ramfs an empty ramfs.  When
 * the device holds no valid S5FS image (a blank disk, a bad superblock,
 * or an S5FS stage that cannot read its root directory yet) the kernel
 * says why in one line and mounts ramfs instead.
 */
#ifndef KEEL_FS_ROOT_H
#define KEEL_FS_ROOT_H

#include "vfs/fs.h"

/*
 * Mounts the root into 'fs' (zeroed by the caller) and takes the root
 * vnode into fs->fs_root.  Returns 0, or the error of mounting ramfs
 * (nothing held).
 */
int vfs_mount_root(fs_t *fs);

#endif
