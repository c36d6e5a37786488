/*
 * s5dbg: looks inside an S5FS image without a kernel: lists directories,
 * prints files, shows inodes, the superblock and raw blocks, and extracts
 * the whole tree into a host directory.  It only reads the image.
 *
 * Paths are absolute in the image ("/", "/dev/null"); "#N" names inode N
 * directly.  The image may be corrupt: every number is checked before it
 * is followed, and a walk of the tree stops at MAX_DEPTH levels.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "s5img.h"

#define MAX_DEPTH 64

static const char usage[] =
    "usage: s5dbg IMAGE COMMAND [ARGS]\n"
    "\n"
    "Shows what is in the S5FS file system IMAGE (it only reads it).  PATH is a\n"
    "path in the image (\"/dev/null\"), or #N for inode N.\n"
    "\n"
    "  ls [PATH]                the entries of a directory: inode, type, links,\n"
    "                           size, name\n"
    "  ls -R [PATH]             the same for every directory below, recursively\n"
    "  cat PATH                 a file's bytes on standard output\n"
    "  stat PATH                an inode's fields and its block pointers\n"
    "  inode N                  the same for inode N, in use or free\n"
    "  block N                  a hex dump of block N\n"
    "  super                    the superblock and the free lists' heads\n"
    "  extract DIR [MANIFEST]   copy the tree into the host directory DIR (made\n"
    "                           if missing); device nodes are listed in MANIFEST\n"
    "                           in mkfs.s5fs's manifest format instead of made\n"
    "\n"
    "Exit status: 0, or 1 with a message (no such path, a bad block pointer).\n";

static s5img_t img;

static const s5_inode_t *inode_or_die(uint32_t ino)
{
	const s5_inode_t *ip = s5img_inode(&img, ino);
	if (ip == NULL) {
		s5_die(1, "inode %u: outside the inode table", ino);
	}
	return ip;
}

/* Reads entry 'i' of directory 'dp'; returns 0, or -1 past the end or on a bad block. */
static int dir_entry(const s5_inode_t *dp, uint32_t i, s5_dirent_t *d)
{
	uint32_t size = dp->s5i_size > S5_MAX_FILE_SIZE ? S5_MAX_FILE_SIZE : dp->s5i_size;
	if ((uint64_t)(i + 1) * S5_DIRENT_SIZE > size ||
	    s5img_read(&img, dp, i * S5_DIRENT_SIZE, d, sizeof(*d)) < 0) {
		return -1;
	}
	d->s5d_name[S5_NAME_LEN - 1] = '\0';
	return 0;
}

static uint32_t lookup(const char *path)
{
	if (path[0] == '#') {
		char *end;
		unsigned long n = strtoul(path + 1, &end, 10);
		if (*end != '\0' || n >= s5img_super(&img)->s5s_ninodes) {
			s5_die(1, "%s: no such inode", path);
		}
		return (uint32_t)n;
	}
	if (path[0] != '/') {
		s5_die(1, "%s: paths in the image start with '/'", path);
	}
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	uint32_t ino = S5_ROOT_INODE;
	for (char *name = strtok(copy, "/"); name != NULL; name = strtok(NULL, "/")) {
		const s5_inode_t *dp = inode_or_die(ino);
		if (dp->s5i_type != S5_TYPE_DIR) {
			s5_die(1, "%s: not a directory on the way", path);
		}
		s5_dirent_t d;
		uint32_t found = 0;
		for (uint32_t i = 0; dir_entry(dp, i, &d) == 0; i++) {
			if (strcmp(d.s5d_name, name) == 0) {
				found = d.s5d_inode;
				break;
			}
		}
		if (found == 0) {
			s5_die(1, "%s: no such file or directory", path);
		}
		ino = found;
	}
	inode_or_die(ino);
	return ino;
}

static void ls_dir(const char *path, uint32_t ino, int recurse, int depth)
{
	const s5_inode_t *dp = inode_or_die(ino);
	if (dp->s5i_type != S5_TYPE_DIR) {
		s5_die(1, "%s: not a directory", path);
	}
	if (recurse) {
		printf("%s:\n", path);
	}
	s5_dirent_t d;
	for (uint32_t i = 0; dir_entry(dp, i, &d) == 0; i++) {
		const s5_inode_t *ip = s5img_inode(&img, d.s5d_inode);
		if (ip == NULL) {
			printf("%6u  (outside the inode table)  %s\n", d.s5d_inode, d.s5d_name);
			continue;
		}
		printf("%6u  %-9s %3u %8u  %s\n", d.s5d_inode, s5_type_name(ip->s5i_type),
		       ip->s5i_nlink, ip->s5i_size, d.s5d_name);
	}
	if (!recurse || depth >= MAX_DEPTH) {
		return;
	}
	for (uint32_t i = 2; dir_entry(dp, i, &d) == 0; i++) {
		const s5_inode_t *ip = s5img_inode(&img, d.s5d_inode);
		if (ip != NULL && ip->s5i_type == S5_TYPE_DIR) {
			char sub[4096];
			snprintf(sub, sizeof(sub), "%s%s%s", path,
				 path[strlen(path) - 1] == '/' ? "" : "/", d.s5d_name);
			printf("\n");
			ls_dir(sub, d.s5d_inode, 1, depth + 1);
		}
	}
}

static void cat(uint32_t ino)
{
	const s5_inode_t *ip = inode_or_die(ino);
	if (ip->s5i_type != S5_TYPE_FILE && ip->s5i_type != S5_TYPE_DIR) {
		s5_die(1, "inode %u: a %s has no bytes to show", ino, s5_type_name(ip->s5i_type));
	}
	uint32_t size = ip->s5i_size > S5_MAX_FILE_SIZE ? S5_MAX_FILE_SIZE : ip->s5i_size;
	uint8_t buf[S5_BLOCK_SIZE];
	for (uint32_t off = 0; off < size; off += S5_BLOCK_SIZE) {
		uint32_t n = size - off < S5_BLOCK_SIZE ? size - off : S5_BLOCK_SIZE;
		if (s5img_read(&img, ip, off, buf, n) < 0) {
			s5_die(1, "inode %u: bad block pointer for offset %u", ino, off);
		}
		fwrite(buf, 1, n, stdout);
	}
}

static void show_inode(uint32_t ino)
{
	const s5_inode_t *ip = inode_or_die(ino);
	printf("inode %u\n  type %u (%s)\n  nlink %u\n  number %u\n  size %u\n", ino, ip->s5i_type,
	       s5_type_name(ip->s5i_type), ip->s5i_nlink, ip->s5i_number, ip->s5i_size);
	printf("  next_free %u\n  devid %u (%u,%u)\n  indirect %u\n  direct", ip->s5i_next_free,
	       ip->s5i_devid, ip->s5i_devid >> 8, ip->s5i_devid & 0xff, ip->s5i_indirect);
	for (uint32_t k = 0; k < S5_NDIRECT; k++) {
		printf(" %u", ip->s5i_direct[k]);
	}
	printf("\n");
	uint32_t used = 0;
	for (uint32_t k = 0; k < S5_MAX_FILE_BLOCKS; k++) {
		uint32_t b = s5img_bmap(&img, ip, k);
		used += b != 0 && b != (uint32_t)-1;
	}
	printf("  blocks %u of data (holes read as zeros)\n", used);
}

static void show_block(uint32_t b)
{
	const uint8_t *p = s5img_block(&img, b);
	if (p == NULL) {
		s5_die(1, "block %u: outside the image (%u blocks)", b, img.nblocks);
	}
	for (uint32_t off = 0; off < S5_BLOCK_SIZE; off += 16) {
		printf("%08x ", off);
		for (int i = 0; i < 16; i++) {
			printf(" %02x", p[off + i]);
		}
		printf("  |");
		for (int i = 0; i < 16; i++) {
			putchar(p[off + i] >= 32 && p[off + i] < 127 ? p[off + i] : '.');
		}
		printf("|\n");
	}
}

static void show_super(void)
{
	const s5_super_t *sb = s5img_super(&img);
	printf("magic 0x%08x\nversion %u\nnblocks %u\nninodes %u\n", sb->s5s_magic, sb->s5s_version,
	       sb->s5s_nblocks, sb->s5s_ninodes);
	printf("data_start %u\nfree_inode %u\nnfree_inodes %u\nnfree_blocks %u\n",
	       s5_data_start(sb), sb->s5s_free_inode, sb->s5s_nfree_inodes, sb->s5s_nfree_blocks);
	printf("free group: count %u next %u\n", sb->s5s_free.s5f_count, sb->s5s_free.s5f_next);
}

static void extract_file(uint32_t ino, const char *host)
{
	const s5_inode_t *ip = inode_or_die(ino);
	int fd = open(host, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		s5_die(1, "%s: %s", host, strerror(errno));
	}
	uint32_t size = ip->s5i_size > S5_MAX_FILE_SIZE ? S5_MAX_FILE_SIZE : ip->s5i_size;
	for (uint32_t k = 0; k < s5_file_blocks(size); k++) {
		uint32_t b = s5img_bmap(&img, ip, k), off = k * S5_BLOCK_SIZE;
		uint32_t n = size - off < S5_BLOCK_SIZE ? size - off : S5_BLOCK_SIZE;
		if (b == (uint32_t)-1) {
			s5_die(1, "inode %u: bad block pointer for block %u", ino, k);
		}
		if (b != 0 && pwrite(fd, s5img_block(&img, b), n, off) != (ssize_t)n) {
			s5_die(1, "%s: write error", host);
		}
	}
	if (ftruncate(fd, size) < 0 || close(fd) < 0) {
		s5_die(1, "%s: %s", host, strerror(errno));
	}
}

static void extract_dir(uint32_t ino, const char *host, const char *path, FILE *manifest, int depth)
{
	if (mkdir(host, 0755) < 0 && errno != EEXIST) {
		s5_die(1, "%s: %s", host, strerror(errno));
	}
	const s5_inode_t *dp = inode_or_die(ino);
	s5_dirent_t d;
	for (uint32_t i = 2; depth < MAX_DEPTH && dir_entry(dp, i, &d) == 0; i++) {
		if (strchr(d.s5d_name, '/') != NULL || strcmp(d.s5d_name, ".") == 0 ||
		    strcmp(d.s5d_name, "..") == 0 || d.s5d_name[0] == '\0') {
			s5_die(1, "inode %u: entry %u has a bad name", ino, i);
		}
		char sub[4096], subpath[4096];
		snprintf(sub, sizeof(sub), "%s/%s", host, d.s5d_name);
		snprintf(subpath, sizeof(subpath), "%s/%s", path, d.s5d_name);
		const s5_inode_t *ip = inode_or_die(d.s5d_inode);
		switch (ip->s5i_type) {
		case S5_TYPE_DIR:
			extract_dir(d.s5d_inode, sub, subpath, manifest, depth + 1);
			break;
		case S5_TYPE_FILE:
			extract_file(d.s5d_inode, sub);
			break;
		case S5_TYPE_CHR:
		case S5_TYPE_BLK: {
			char t = ip->s5i_type == S5_TYPE_CHR ? 'c' : 'b';
			if (manifest != NULL) {
				fprintf(manifest, "%s %c %u %u\n", subpath, t, ip->s5i_devid >> 8,
					ip->s5i_devid & 0xff);
			} else if (mknod(sub, (t == 'c' ? S_IFCHR : S_IFBLK) | 0644,
					 makedev(ip->s5i_devid >> 8, ip->s5i_devid & 0xff)) < 0) {
				s5_die(1, "%s: %s (give a MANIFEST to list device nodes instead)",
				       sub, strerror(errno));
			}
			break;
		}
		default:
			s5_die(1, "inode %u: %s, named \"%s\"", d.s5d_inode,
			       s5_type_name(ip->s5i_type), subpath);
		}
	}
}

static uint32_t number(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 0);
	if (*s == '\0' || *end != '\0' || n > 0xffffffffu) {
		s5_die(2, "'%s' is not a number", s);
	}
	return (uint32_t)n;
}

int main(int argc, char **argv)
{
	s5_prog = "s5dbg";
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 3) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[2];
	if (s5img_load(&img, argv[1]) < 0) {
		return 1;
	}
	char msg[200];
	if (s5img_check_super(&img, msg, sizeof(msg)) != NULL) {
		s5_die(1, "%s", msg);
	}
	int nargs = argc - 3;
	char **args = argv + 3;
	if (strcmp(cmd, "ls") == 0 && nargs <= 2) {
		int recurse = nargs >= 1 && strcmp(args[0], "-R") == 0;
		if (nargs == 2 && !recurse) {
			s5_die(2, "ls takes [-R] [PATH]");
		}
		const char *path = nargs > recurse ? args[recurse] : "/";
		ls_dir(path, lookup(path), recurse, 0);
	} else if (strcmp(cmd, "cat") == 0 && nargs == 1) {
		cat(lookup(args[0]));
	} else if (strcmp(cmd, "stat") == 0 && nargs == 1) {
		show_inode(lookup(args[0]));
	} else if (strcmp(cmd, "inode") == 0 && nargs == 1) {
		show_inode(number(args[0]));
	} else if (strcmp(cmd, "block") == 0 && nargs == 1) {
		show_block(number(args[0]));
	} else if (strcmp(cmd, "super") == 0 && nargs == 0) {
		show_super();
	} else if (strcmp(cmd, "extract") == 0 && (nargs == 1 || nargs == 2)) {
		FILE *manifest = NULL;
		if (nargs == 2 && (manifest = fopen(args[1], "w")) == NULL) {
			s5_die(1, "%s: %s", args[1], strerror(errno));
		}
		extract_dir(S5_ROOT_INODE, args[0], "", manifest, 0);
		if (manifest != NULL && fclose(manifest) != 0) {
			s5_die(1, "%s: write error", args[1]);
		}
	} else {
		fprintf(stderr, "s5dbg: unknown command or wrong arguments: %s\n", cmd);
		fputs(usage, stderr);
		return 2;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
