/*
 * What the S5FS host tools share: an image held in memory, checked access
 * to its blocks and inodes, and reading a file's bytes through its block map.
 *
 * The tools read images that may be corrupt (that is what fsck is for), so
 * every accessor checks its numbers against the image and returns NULL or
 * an error instead of reading past the end.
 */
#ifndef KEEL_TOOLS_S5IMG_H
#define KEEL_TOOLS_S5IMG_H

#include <stddef.h>
#include <stdint.h>

#include "fs/s5fs_format.h"

typedef struct s5img {
	const char *path;
	uint8_t *data;    /* the whole image */
	uint64_t size;    /* its size in bytes */
	uint32_t nblocks; /* whole blocks in the image (not the superblock's count) */
} s5img_t;

/* The program's name in messages ("fsck.s5fs"); set by main. */
extern const char *s5_prog;

/* Prints "prog: message" on stderr and exits with 'status'. */
void s5_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

/*
 * Reads the image at 'path' into memory.  Returns 0, or -1 with a message
 * printed (no such file, unreadable, smaller than one block).
 */
int s5img_load(s5img_t *img, const char *path);

/* Writes the image back to its file (blocks of zeros become holes). */
int s5img_save(const s5img_t *img);

void s5img_free(s5img_t *img);

/* Block 'b' of the image, or NULL when the image does not hold it. */
uint8_t *s5img_block(const s5img_t *img, uint32_t b);

static inline s5_super_t *s5img_super(const s5img_t *img)
{
	return (s5_super_t *)img->data;
}

/*
 * Checks the superblock enough that the accessors below can be trusted to
 * stay inside the image: the magic, the version, the block count (at most
 * the image's) and the inode count (the table ends before the last block).
 * Returns NULL, or a one-line description of the first problem.
 */
const char *s5img_check_super(const s5img_t *img, char *buf, size_t len);

/* Inode 'ino', or NULL when it is outside the inode table. */
s5_inode_t *s5img_inode(const s5img_t *img, uint32_t ino);

/*
 * The block holding block 'k' of the file of 'ip': 0 for a hole, or
 * (uint32_t)-1 when a pointer on the way lies outside the data area or k
 * is past S5_MAX_FILE_BLOCKS.
 */
uint32_t s5img_bmap(const s5img_t *img, const s5_inode_t *ip, uint32_t k);

/*
 * Copies 'len' bytes at 'off' of the file of 'ip' into 'buf' (holes as
 * zeros; the caller keeps off + len within the size).  Returns 0, or -1
 * when a block pointer is bad.
 */
int s5img_read(const s5img_t *img, const s5_inode_t *ip, uint32_t off, void *buf, uint32_t len);

/* A type's name for messages: "file", "directory", "chr", "blk", "free". */
const char *s5_type_name(unsigned type);

/* Parses "16M", "64M", "4096", "1G", "512K"; returns -1 when malformed. */
long long s5_parse_size(const char *s);

#endif
