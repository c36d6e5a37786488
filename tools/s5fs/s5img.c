/*
 * The S5FS host tools' shared code: an image in memory and checked access to
 * it.  See s5img.h.
 */
#include "s5img.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *s5_prog = "s5fs";

void s5_die(int status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", s5_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

int s5img_load(s5img_t *img, const char *path)
{
	memset(img, 0, sizeof(*img));
	img->path = path;
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", s5_prog, path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "%s: %s: not a regular file\n", s5_prog, path);
		close(fd);
		return -1;
	}
	if (st.st_size < (off_t)S5_BLOCK_SIZE) {
		fprintf(stderr, "%s: %s: smaller than one block (%lld bytes)\n", s5_prog, path,
			(long long)st.st_size);
		close(fd);
		return -1;
	}
	img->size = (uint64_t)st.st_size;
	img->nblocks =
	    (uint32_t)(img->size / S5_BLOCK_SIZE > 0xffffffffu ? 0xffffffffu
							       : img->size / S5_BLOCK_SIZE);
	img->data = malloc(img->size);
	if (img->data == NULL) {
		fprintf(stderr, "%s: %s: out of memory\n", s5_prog, path);
		close(fd);
		return -1;
	}
	uint64_t done = 0;
	while (done < img->size) {
		ssize_t n = pread(fd, img->data + done, img->size - done, (off_t)done);
		if (n <= 0) {
			fprintf(stderr, "%s: %s: read error\n", s5_prog, path);
			close(fd);
			s5img_free(img);
			return -1;
		}
		done += (uint64_t)n;
	}
	close(fd);
	return 0;
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != 0) {
			return 0;
		}
	}
	return 1;
}

int s5img_save(const s5img_t *img)
{
	int fd = open(img->path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", s5_prog, img->path, strerror(errno));
		return -1;
	}
	for (uint64_t off = 0; off < img->size; off += S5_BLOCK_SIZE) {
		size_t n = img->size - off < S5_BLOCK_SIZE ? img->size - off : S5_BLOCK_SIZE;
		if (all_zero(img->data + off, n)) {
			continue;
		}
		if (pwrite(fd, img->data + off, n, (off_t)off) != (ssize_t)n) {
			fprintf(stderr, "%s: %s: write error\n", s5_prog, img->path);
			close(fd);
			return -1;
		}
	}
	if (ftruncate(fd, (off_t)img->size) < 0 || close(fd) < 0) {
		fprintf(stderr, "%s: %s: %s\n", s5_prog, img->path, strerror(errno));
		return -1;
	}
	return 0;
}

void s5img_free(s5img_t *img)
{
	free(img->data);
	img->data = NULL;
}

uint8_t *s5img_block(const s5img_t *img, uint32_t b)
{
	if (b >= img->nblocks) {
		return NULL;
	}
	return img->data + (uint64_t)b * S5_BLOCK_SIZE;
}

const char *s5img_check_super(const s5img_t *img, char *buf, size_t len)
{
	const s5_super_t *sb = s5img_super(img);
	if (sb->s5s_magic != S5_MAGIC) {
		snprintf(buf, len, "superblock: bad magic 0x%08x (not an S5FS image)",
			 sb->s5s_magic);
	} else if (sb->s5s_version != S5_VERSION) {
		snprintf(buf, len, "superblock: version %u, expected %u", sb->s5s_version,
			 S5_VERSION);
	} else if (sb->s5s_nblocks < 3) {
		snprintf(buf, len, "superblock: block count %u, too small for a file system",
			 sb->s5s_nblocks);
	} else if (sb->s5s_nblocks > img->nblocks) {
		snprintf(buf, len, "superblock: block count %u, but the image holds %u blocks",
			 sb->s5s_nblocks, img->nblocks);
	} else if (sb->s5s_ninodes < 2 || sb->s5s_ninodes % S5_INODES_PER_BLOCK != 0 ||
		   s5_inode_blocks(sb->s5s_ninodes) >= sb->s5s_nblocks - 1) {
		snprintf(buf, len,
			 "superblock: inode count %u is not a multiple of %u that fits in %u "
			 "blocks",
			 sb->s5s_ninodes, S5_INODES_PER_BLOCK, sb->s5s_nblocks);
	} else {
		return NULL;
	}
	return buf;
}

s5_inode_t *s5img_inode(const s5img_t *img, uint32_t ino)
{
	const s5_super_t *sb = s5img_super(img);
	if (ino >= sb->s5s_ninodes) {
		return NULL;
	}
	uint8_t *b = s5img_block(img, s5_inode_block(ino));
	return b == NULL ? NULL : (s5_inode_t *)(b + s5_inode_offset(ino));
}

static int in_data_area(const s5img_t *img, uint32_t b)
{
	const s5_super_t *sb = s5img_super(img);
	return b >= s5_data_start(sb) && b < sb->s5s_nblocks && b < img->nblocks;
}

uint32_t s5img_bmap(const s5img_t *img, const s5_inode_t *ip, uint32_t k)
{
	uint32_t b;
	if (k < S5_NDIRECT) {
		b = ip->s5i_direct[k];
	} else if (k < S5_MAX_FILE_BLOCKS) {
		if (ip->s5i_indirect == 0) {
			return 0;
		}
		if (!in_data_area(img, ip->s5i_indirect)) {
			return (uint32_t)-1;
		}
		const uint32_t *ind = (const uint32_t *)s5img_block(img, ip->s5i_indirect);
		b = ind[k - S5_NDIRECT];
	} else {
		return (uint32_t)-1;
	}
	if (b != 0 && !in_data_area(img, b)) {
		return (uint32_t)-1;
	}
	return b;
}

int s5img_read(const s5img_t *img, const s5_inode_t *ip, uint32_t off, void *buf, uint32_t len)
{
	uint8_t *out = buf;
	while (len > 0) {
		uint32_t k = off / S5_BLOCK_SIZE, in = off % S5_BLOCK_SIZE;
		uint32_t n = S5_BLOCK_SIZE - in < len ? S5_BLOCK_SIZE - in : len;
		uint32_t b = s5img_bmap(img, ip, k);
		if (b == (uint32_t)-1) {
			return -1;
		}
		if (b == 0) {
			memset(out, 0, n);
		} else {
			memcpy(out, s5img_block(img, b) + in, n);
		}
		out += n;
		off += n;
		len -= n;
	}
	return 0;
}

const char *s5_type_name(unsigned type)
{
	switch (type) {
	case S5_TYPE_FREE:
		return "free";
	case S5_TYPE_FILE:
		return "file";
	case S5_TYPE_DIR:
		return "directory";
	case S5_TYPE_CHR:
		return "chr";
	case S5_TYPE_BLK:
		return "blk";
	default:
		return "bad type";
	}
}

long long s5_parse_size(const char *s)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || v < 0) {
		return -1;
	}
	long long mul = 1;
	if (*end == 'K' || *end == 'k') {
		mul = 1024;
	} else if (*end == 'M' || *end == 'm') {
		mul = 1024 * 1024;
	} else if (*end == 'G' || *end == 'g') {
		mul = 1024LL * 1024 * 1024;
	} else if (*end != '\0') {
		return -1;
	}
	if (mul != 1 && end[1] != '\0') {
		return -1;
	}
	if (v > (1LL << 42) / mul) {
		return -1;
	}
	return v * mul;
}
