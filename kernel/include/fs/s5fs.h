/*
 * S5FS: the System V file system on a block device.
 *
 * The on-disk format is fs/s5fs_format.h (and handout/s5fs.md, which draws
 * it).  This header is the driver's inside: the structures a mounted S5FS
 * and each of its resident files have in memory, and the contract of every
 * function of the driver.  Who writes what:
 *
 *   support   fs/s5fs/s5fs.c: mounting (checking the superblock),
 *             unmounting, sync, the lock, the memory objects of the device
 *             and of each file, read_vnode/release_vnode, the operations
 *             tables, corruption reports
 *   students  fs/s5fs/s5fs_alloc.c  blocks and inodes: allocate, free
 *             fs/s5fs/s5fs_inode.c  inodes: read, write; the block map
 *             fs/s5fs/s5fs_file.c   file data through the page-frame cache
 *             fs/s5fs/s5fs_dir.c    directory entries: find, add, remove
 *             fs/s5fs/s5fs_vnops.c  the vnode operations
 *
 * Where things live in memory.  The superblock's page (block 0 in the
 * device's object) is pinned for as long as the file system is mounted:
 * fs->s5_sb points into it and every change to it is followed by
 * s5_super_dirty().  Other metadata (inode table blocks, indirect blocks,
 * groups of the free-block list) is read and written a page at a time
 * through the device's object (s5_dev_get(), then pframe_put()), pinned
 * only while one function uses it.  A resident file's inode is copied into
 * its s5_node_t (sn_inode) by read_vnode; whoever changes the copy calls
 * s5_inode_write() before it returns, so the cache always holds the current
 * inode and `sync` writes it.  A file's data (a directory's entries too) is
 * in its node's object sn_obj: page k is file block k.
 *
 * Locking.  The disk makes S5FS sleep, so each mounted file system has one
 * lock, held by every vnode operation for its whole run (the operations
 * tables in s5fs.c take it before calling the functions below, which
 * therefore run with it held and may call vget() and vput() themselves:
 * the lock is recursive for its holder).
 *
 * Errors.  Functions return 0 (or a count) or -errno.  Corruption found on
 * the disk (an impossible inode, a block number outside the data area, a
 * looping free list, a directory entry naming a free inode) makes the
 * operation fail with -EIO after s5_corrupt() prints one line naming the
 * inode or block; it never panics.  A full disk is -ENOSPC; a file past
 * S5_MAX_FILE_SIZE is -EFBIG.
 */
#ifndef KEEL_FS_S5FS_H
#define KEEL_FS_S5FS_H

#include "drivers/blockdev.h"
#include "fs/s5fs_format.h"
#include "mm/mobj.h"
#include "mm/pframe.h"
#include "proc/kmutex.h"
#include "types.h"
#include "vfs/fs.h"
#include "vfs/vnode.h"

/*
 * Read-ahead: filling a page of a file reads up to this many blocks in one
 * request when the blocks that follow it on the disk are the file's next
 * ones, and puts the extra pages in the cache (pframe_preload_frame(), or
 * pframe_preload() when no run of free frames is left).
 */
#define S5_READAHEAD 16

/* A mounted S5FS (fs_t's fs_i). */
typedef struct s5fs {
	fs_t *s5_fs;             /* the VFS's side */
	blockdev_t *s5_bdev;     /* the device it lives on */
	mobj_t s5_devobj;        /* the device's blocks, page n = block n */
	pframe_t *s5_sbpf;       /* block 0's page: pinned while mounted */
	s5_super_t *s5_sb;       /* = s5_sbpf->pf_addr */
	uint32_t s5_data_start;  /* the first data block */
	kmutex_t s5_mutex;       /* the file system's lock (s5_lock()) */
	int s5_lock_depth;       /* how many times its holder took it */
	uint32_t s5_corruptions; /* reports made (tests read it) */
	void *s5_ra_buf;         /* S5_READAHEAD pages for read-ahead (used under the lock) */
} s5fs_t;

/* A resident file (vnode_t's vn_i). */
typedef struct s5_node {
	vnode_t *sn_vnode;
	s5fs_t *sn_fs;
	s5_inode_t sn_inode; /* the inode; s5_inode_write() puts it back in the cache */
	mobj_t sn_obj;       /* its data pages: page k is file block k */
	char sn_name[24];    /* "s5fs ino 12", the object's name */
} s5_node_t;

/* The node of an S5FS vnode. */
static inline s5_node_t *s5_node(vnode_t *vn)
{
	return (s5_node_t *)vn->vn_i;
}
/* The file system a node belongs to. */
static inline s5fs_t *s5_fs_of(vnode_t *vn)
{
	return (s5fs_t *)vn->vn_fs->fs_i;
}

/*
 * Support (fs/s5fs/s5fs.c).
 */

/*
 * Mounts the S5FS on block device 'devname' ("hda") into 'fs' (zeroed by
 * the caller).  Checks the superblock first: the magic number, the version,
 * a block count that fits the device and exceeds the inode table, an inode
 * count that is a multiple of 32, free counts and the first free group
 * within range.  Returns 0, or -ENODEV (no such device), -EINVAL (not an
 * S5FS image, or a superblock that fails a check), -EIO (the disk cannot
 * be read), -ENOMEM; on an error 'why' (of 'size' bytes) says in a few
 * words what was wrong ("hda: not an S5FS image (magic 0x00000000, ...)")
 * and nothing was printed.  The caller then vget()s the root
 * (S5_ROOT_INODE).
 */
int s5fs_mount(fs_t *fs, const char *devname, char *why, size_t size);

/* Writes every dirty page of this file system back to its disk.  0 or -EIO. */
int s5fs_sync(fs_t *fs);

/* Whether 'fs' is an S5FS. */
bool s5fs_is(const fs_t *fs);

/* Takes and releases the file system's lock (recursive for its holder). */
void s5_lock(s5fs_t *fs);
void s5_unlock(s5fs_t *fs);

/* Marks the superblock changed (its page is pinned; this dirties it). */
void s5_super_dirty(s5fs_t *fs);

/*
 * Block 'block' of the device, pinned, in *pf: give it back with
 * pframe_put() (after pframe_dirty() if you changed it).  Returns 0, or
 * -EIO if 'block' is not a block of this file system (reported with
 * s5_corrupt(), naming 'what': "inode 12 indirect") or the disk fails.
 */
int s5_dev_get(s5fs_t *fs, uint32_t block, const char *what, pframe_t **pf);

/* Whether 'block' is a data block (s5_data_start <= block < s5s_nblocks). */
bool s5_valid_data_block(s5fs_t *fs, uint32_t block);

/*
 * Reports corruption in one line ("s5fs: hda: inode 12: block 99999 is
 * outside the disk") and returns -EIO, so a caller writes
 * `return s5_corrupt(fs, "inode %u: ...", ino);`.
 */
int s5_corrupt(s5fs_t *fs, const char *fmt, ...) __printf(2, 3);

/*
 * Students: blocks and inodes (fs/s5fs/s5fs_alloc.c).
 */

/*
 * Takes a block off the free-block list (format.h says how the groups
 * work) into *block.  Returns 0, -ENOSPC (the list is empty), or -EIO (a
 * block number on the list outside the data area, a group count over
 * S5_FREE_GROUP, or more blocks on the list than s5s_nfree_blocks says: a
 * cycle).  The block's contents are undefined; any page of it in the
 * device's object is discarded.
 */
int s5_alloc_block(s5fs_t *fs, uint32_t *block);

/*
 * Puts data block 'block' back on the free-block list.  Any page of it in
 * the device's object is discarded first.  Returns 0, or -EIO ('block' is
 * not a data block: nothing changes).
 */
int s5_free_block(s5fs_t *fs, uint32_t block);

/*
 * Takes an inode off the free-inode list and writes it as a new inode of
 * type 'type' (S5_TYPE_FILE, _DIR, _CHR, _BLK): link count 0, size 0, no
 * blocks, s5i_devid 'devid', s5i_number its number.  Sets *ino.  Returns 0,
 * -ENOSPC (no free inode), -EIO (the list names an inode out of range or
 * one that is not free).
 */
int s5_alloc_inode(s5fs_t *fs, uint16_t type, uint32_t devid, uint32_t *ino);

/*
 * Marks inode 'ino' free and puts it at the head of the free-inode list.
 * Its blocks must have been freed already.  0 or -EIO.
 */
int s5_free_inode(s5fs_t *fs, uint32_t ino);

/*
 * Students: inodes and the block map (fs/s5fs/s5fs_inode.c).
 */

/*
 * Reads inode 'ino' into *ip and checks it: a known type, s5i_number ==
 * ino, a size no larger than S5_MAX_FILE_SIZE (a directory: a multiple of
 * S5_DIRENT_SIZE holding at least '.' and '..', unless its link count is 0
 * because mkdir is making it), every block pointer 0 or
 * a data block, no pointer past the blocks its size spans, devices with no
 * blocks.  Returns 0, -EIO (ino out of range, or a check failed: one
 * report naming the inode).  A free inode is returned as it is (type
 * S5_TYPE_FREE): callers decide.
 */
int s5_inode_read(s5fs_t *fs, uint32_t ino, s5_inode_t *ip);

/* Copies sn->sn_inode into its inode table block in the cache (dirty).  0 or -EIO. */
int s5_inode_write(s5fs_t *fs, s5_node_t *sn);

/*
 * The block map: the disk block holding file block 'fblock' of 'sn', in
 * *block (0 for a hole).  With 'alloc', a hole is filled: a new block (and
 * the indirect block, zeroed, if it is needed and missing) is allocated
 * and recorded, and the inode written.  Returns 0, -EFBIG (fblock >=
 * S5_MAX_FILE_BLOCKS), -ENOSPC (alloc and no free block; nothing is
 * left allocated), -EIO (a pointer outside the data area).
 */
int s5_bmap(s5fs_t *fs, s5_node_t *sn, uint32_t fblock, bool alloc, uint32_t *block);

/*
 * Frees every block of 'sn' from file block 'from' on (the indirect
 * block too when no entry of it is left in use), clears the pointers and
 * writes the inode; the size is the caller's business.  Pages of the freed
 * blocks must already be gone from sn->sn_obj.  0 or -EIO.
 */
int s5_free_blocks(s5fs_t *fs, s5_node_t *sn, uint32_t from);

/* The blocks 'sn' holds (data and indirect), for st_blocks.  0 or -EIO. */
int s5_count_blocks(s5fs_t *fs, s5_node_t *sn, uint32_t *count);

/*
 * Students: file data through the page-frame cache (fs/s5fs/s5fs_file.c).
 */

/*
 * Reads up to 'count' bytes at 'pos' of the file (or directory) 'sn' into
 * buf through sn->sn_obj: fewer at the end of the file, 0 at or past it;
 * holes read as zeros.  Returns the bytes read or -EIO.
 */
ssize_t s5_file_read(s5_node_t *sn, off_t pos, void *buf, size_t count);

/*
 * Writes 'count' bytes from buf at 'pos' of 'sn' through sn->sn_obj,
 * allocating blocks for the pages it touches (a gap before pos stays a
 * hole) and growing the size.  Returns the bytes written: all, or fewer
 * if the disk filled up part way.  Errors when nothing was written:
 * -EFBIG (pos at or past S5_MAX_FILE_SIZE), -ENOSPC, -EIO.
 */
ssize_t s5_file_write(s5_node_t *sn, off_t pos, const void *buf, size_t count);

/*
 * Makes 'sn' 'size' bytes long, size <= its current size: its pages past
 * the new end are discarded, its blocks past it freed, the size written.
 * 0 or -EIO.
 */
int s5_file_shrink(s5_node_t *sn, uint32_t size);

/*
 * Students: directory entries (fs/s5fs/s5fs_dir.c).  Entries fill the
 * directory's bytes without a gap (format.h); names are (name, len).
 */

/*
 * Finds entry 'name' in directory 'dir': its inode in *ino, its index in
 * *index (either may be NULL).  Returns 0, -ENOENT, -EIO (an entry names
 * inode 0 or one out of range).
 */
int s5_dir_find(s5_node_t *dir, const char *name, size_t len, uint32_t *ino, uint32_t *index);

/*
 * Appends entry (name, ino) to 'dir'.  The caller has checked that the
 * name is new.  Returns 0, -ENAMETOOLONG (len > S5_NAME_MAX), -ENOSPC,
 * -EFBIG (the directory is at its largest size).
 */
int s5_dir_add(s5_node_t *dir, const char *name, size_t len, uint32_t ino);

/*
 * Removes entry 'name' of 'dir' by moving the last entry into its place
 * and shrinking the directory by one entry (its last block is freed when
 * it empties).  Returns 0, -ENOENT, -EIO.
 */
int s5_dir_remove(s5_node_t *dir, const char *name, size_t len);

/* Makes entry number 'index' of 'dir' name inode 'ino' (rename, '..').  0 or -EIO. */
int s5_dir_set(s5_node_t *dir, uint32_t index, uint32_t ino);

/*
 * Students: the vnode operations (fs/s5fs/s5fs_vnops.c).  Each has the
 * contract of its slot in vfs/vnode.h; the tables in s5fs.c call them with
 * the file system's lock held.  Beyond vnode.h's errors, each may return
 * -EIO (corruption, reported) and the ones that allocate -ENOSPC; a link
 * count would pass 65535: -EMLINK.
 */
ssize_t s5_vop_read(vnode_t *vn, off_t pos, void *buf, size_t count);
ssize_t s5_vop_write(vnode_t *vn, off_t pos, const void *buf, size_t count);
int s5_vop_truncate(vnode_t *vn);
int s5_vop_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result);
int s5_vop_create(vnode_t *dir, const char *name, size_t len, vnode_t **result);
int s5_vop_mknod(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid);
int s5_vop_mkdir(vnode_t *dir, const char *name, size_t len);
int s5_vop_rmdir(vnode_t *dir, const char *name, size_t len);
int s5_vop_link(vnode_t *dir, const char *name, size_t len, vnode_t *target);
int s5_vop_unlink(vnode_t *dir, const char *name, size_t len);
int s5_vop_rename(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
		  const char *newname, size_t newlen);
int s5_vop_readdir(vnode_t *dir, off_t pos, dirent_t *d);
int s5_vop_stat(vnode_t *vn, stat_t *st);

#endif
