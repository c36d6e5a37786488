/*
 * The S5FS on-disk format, shared by the kernel's S5FS driver and the host
 * tools (mkfs.s5fs, fsck.s5fs, s5dbg).  handout/s5fs.md draws the disk and
 * documents every field; this header is the same contract in C.
 *
 * The disk is an array of 4 KiB blocks:
 *
 *   block 0                 the superblock (s5_super_t)
 *   blocks 1 .. D-1         the inode table: 32 inodes of 128 bytes a block
 *   blocks D .. N-1         data blocks: file contents, directory entries,
 *                           indirect blocks and the free-block list's groups
 *
 * where D = s5_data_start(sb) and N = sb->s5s_nblocks.  Numbers are stored
 * little-endian (the byte order of both the host and the i386 kernel).
 *
 * Number 0 means "none" everywhere: block 0 is the superblock, so a block
 * pointer of 0 is a hole (it reads as zeros and takes no block), and inode 0
 * is never allocated, so an inode number of 0 ends a list.
 *
 * Every data block is exactly one of: a block of one file or directory (a
 * data block or its indirect block), or free (on the free-block list, as an
 * entry of a group or as a group block itself).
 *
 * The header compiles in the kernel (freestanding, types.h) and on the host
 * (<stdint.h>): it holds only layouts, constants and small inline helpers.
 */
#ifndef KEEL_FS_S5FS_FORMAT_H
#define KEEL_FS_S5FS_FORMAT_H

#if __STDC_HOSTED__
#include <stdint.h>
#else
#include "types.h"
#endif

#define S5_MAGIC 0x4635534bu /* the bytes "KS5F" at offset 0 of block 0 */
#define S5_VERSION 1u

#define S5_BLOCK_SIZE 4096u
#define S5_BLOCK_SHIFT 12
#define S5_INODE_SIZE 128u
#define S5_INODES_PER_BLOCK (S5_BLOCK_SIZE / S5_INODE_SIZE) /* 32 */

#define S5_SUPER_BLOCK 0u /* the superblock's block number */
#define S5_NO_INODE 0u    /* inode 0: never allocated, ends lists */
#define S5_ROOT_INODE 1u  /* the root directory */

/* Block pointers in an inode and in its indirect block. */
#define S5_NDIRECT 26u
#define S5_NINDIRECT (S5_BLOCK_SIZE / 4u)              /* 1024: 4-byte block numbers */
#define S5_MAX_FILE_BLOCKS (S5_NDIRECT + S5_NINDIRECT) /* 1050 */
/* The largest file: 4,300,800 bytes (4.1 MiB).  One byte more is EFBIG. */
#define S5_MAX_FILE_SIZE (S5_MAX_FILE_BLOCKS * S5_BLOCK_SIZE)

/* Directory entries: 64 bytes, 64 to a block; names of 1 to 59 bytes. */
#define S5_DIRENT_SIZE 64u
#define S5_NAME_LEN 60u               /* the name field, NUL included */
#define S5_NAME_MAX (S5_NAME_LEN - 1) /* longer names are ENAMETOOLONG */
#define S5_DIRENTS_PER_BLOCK (S5_BLOCK_SIZE / S5_DIRENT_SIZE)

/* The free-block list: this many block numbers in each group. */
#define S5_FREE_GROUP 1000u

/* Inode types (s5i_type).  A type not listed here is corruption. */
#define S5_TYPE_FREE 0u /* on the free-inode list */
#define S5_TYPE_FILE 1u /* a regular file */
#define S5_TYPE_DIR 2u  /* a directory */
#define S5_TYPE_CHR 3u  /* a byte (character) device */
#define S5_TYPE_BLK 4u  /* a block device */

/*
 * One group of the free-block list.  The superblock holds the first group;
 * each later group fills the start of a free block, and that block is free
 * too: it is handed out after the numbers it holds.
 *
 *   To allocate: if s5f_count > 0, take s5f_blocks[--s5f_count].  Otherwise,
 *   if s5f_next != 0, copy the group stored in block s5f_next into the
 *   superblock's group and hand out block s5f_next itself.  Otherwise the
 *   disk is full (ENOSPC).
 *   To free block b: if s5f_count < S5_FREE_GROUP, s5f_blocks[s5f_count++]
 *   = b.  Otherwise write the superblock's group into block b, then set
 *   s5f_count = 0 and s5f_next = b.
 */
typedef struct s5_free_group {
	uint32_t s5f_count;                 /* entries in use, 0..S5_FREE_GROUP */
	uint32_t s5f_next;                  /* the block holding the next group, 0: none */
	uint32_t s5f_blocks[S5_FREE_GROUP]; /* free block numbers, [0, s5f_count) valid */
} s5_free_group_t;

/* Block 0. */
typedef struct s5_super {
	uint32_t s5s_magic;        /* S5_MAGIC */
	uint32_t s5s_version;      /* S5_VERSION */
	uint32_t s5s_nblocks;      /* blocks in the file system, superblock included */
	uint32_t s5s_ninodes;      /* inodes in the table, inode 0 included; a multiple of 32 */
	uint32_t s5s_free_inode;   /* the first inode of the free-inode list, 0: none */
	uint32_t s5s_nfree_inodes; /* inodes on the free-inode list */
	uint32_t s5s_nfree_blocks; /* blocks on the free-block list, group blocks included */
	uint32_t s5s_reserved[15]; /* zero */
	s5_free_group_t s5s_free;  /* the first group of the free-block list */
} s5_super_t;

/*
 * An inode: 128 bytes, S5_INODES_PER_BLOCK to a block of the inode table.
 *
 * Block k of a file (bytes k*4096 to k*4096+4095) is s5i_direct[k] for
 * k < S5_NDIRECT, else entry k - S5_NDIRECT of the indirect block
 * s5i_indirect.  A pointer of 0 is a hole: the block reads as zeros.  An
 * indirect pointer of 0 makes all of blocks S5_NDIRECT.. holes.  No pointer
 * past the last block of s5i_size is set.  Directories have no holes;
 * device inodes have no blocks and size 0.
 */
typedef struct s5_inode {
	uint16_t s5i_type;      /* S5_TYPE_* */
	uint16_t s5i_nlink;     /* directory entries naming it (a directory: 2 + subdirectories) */
	uint32_t s5i_number;    /* its own inode number (a check against misplaced inodes) */
	uint32_t s5i_size;      /* bytes; a directory: S5_DIRENT_SIZE * entries */
	uint32_t s5i_next_free; /* a free inode: the next on the free-inode list, 0: last */
	uint32_t s5i_devid;     /* a device inode: major << 8 | minor (drivers/dev.h) */
	uint32_t s5i_indirect;  /* the indirect block, 0: none */
	uint32_t s5i_direct[S5_NDIRECT]; /* the first S5_NDIRECT blocks */
} s5_inode_t;

/*
 * A directory entry.  A directory's entries fill [0, s5i_size) with no gap:
 * entry 0 is "." (the directory itself) and entry 1 is ".." (its parent; the
 * root's is itself).  Removing an entry moves the last one into its place.
 */
typedef struct s5_dirent {
	uint32_t s5d_inode;         /* the inode named; never 0 */
	char s5d_name[S5_NAME_LEN]; /* 1..S5_NAME_MAX bytes, no '/', NUL-terminated */
} s5_dirent_t;

#define S5_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
S5_STATIC_ASSERT(sizeof(s5_free_group_t) == 8 + 4 * S5_FREE_GROUP, "s5_free_group_t size");
S5_STATIC_ASSERT(sizeof(s5_free_group_t) <= S5_BLOCK_SIZE, "a free group fits a block");
S5_STATIC_ASSERT(__builtin_offsetof(s5_super_t, s5s_free) == 88, "s5_super_t header size");
S5_STATIC_ASSERT(sizeof(s5_super_t) == S5_BLOCK_SIZE, "s5_super_t is one block");
S5_STATIC_ASSERT(sizeof(s5_inode_t) == S5_INODE_SIZE, "s5_inode_t size");
S5_STATIC_ASSERT(sizeof(s5_dirent_t) == S5_DIRENT_SIZE, "s5_dirent_t size");
S5_STATIC_ASSERT(S5_MAX_FILE_SIZE == 4300800u, "the largest file");

/* Blocks in the inode table of a file system with 'ninodes' inodes. */
static inline uint32_t s5_inode_blocks(uint32_t ninodes)
{
	return ninodes / S5_INODES_PER_BLOCK + (ninodes % S5_INODES_PER_BLOCK != 0);
}

/* The first data block: the one after the inode table. */
static inline uint32_t s5_data_start(const s5_super_t *sb)
{
	return 1 + s5_inode_blocks(sb->s5s_ninodes);
}

/* The block of the inode table that holds inode 'ino'. */
static inline uint32_t s5_inode_block(uint32_t ino)
{
	return 1 + ino / S5_INODES_PER_BLOCK;
}

/* Where inode 'ino' starts in that block, in bytes. */
static inline uint32_t s5_inode_offset(uint32_t ino)
{
	return (ino % S5_INODES_PER_BLOCK) * S5_INODE_SIZE;
}

/* The blocks a file of 'size' bytes spans (holes included). */
static inline uint32_t s5_file_blocks(uint32_t size)
{
	return (uint32_t)(((uint64_t)size + S5_BLOCK_SIZE - 1) >> S5_BLOCK_SHIFT);
}

#endif
