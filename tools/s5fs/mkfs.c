/*
 * mkfs.s5fs: makes an S5FS image, optionally filled from a host directory
 * and a manifest of device nodes and directories.
 *
 * The image is built in memory and written out at the end (blocks of zeros
 * become holes of the host file).  Blocks and inodes are handed out in
 * order, from the first data block and from inode 2 (inode 1 is the root);
 * what is left over becomes the free lists, arranged so that the kernel's
 * allocator hands out the lowest numbers first.
 *
 * A host file's blocks of zeros become holes: they read back the same and
 * take no block.  Hard links of the host tree stay hard links: the second
 * name of a host file (same device and inode number, link count above 1)
 * becomes another directory entry for the image inode the first one made,
 * so BusyBox's hundreds of applet names cost one copy of its file.
 *
 * Everything mkfs refuses (a file over the size limit, a name too long, a
 * symbolic link, a full image) stops it with one line
 * naming the host path and exit status 1, and no image is written.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "s5img.h"

static const char usage[] =
    "usage: mkfs.s5fs [-s SIZE] [-i INODES] [-d DIR] [-m MANIFEST] [-q] IMAGE\n"
    "\n"
    "Makes the S5FS file system IMAGE (created or overwritten).\n"
    "\n"
    "  -s SIZE      the image's size: bytes, or with K, M or G (default: the size\n"
    "               of an existing IMAGE); whole 4 KiB blocks are used\n"
    "  -i INODES    the number of inodes, rounded up to a multiple of 32\n"
    "               (default: one per 16 KiB)\n"
    "  -d DIR       copy the host directory DIR into the root: regular files,\n"
    "               directories, and device nodes; blocks of zeros become holes,\n"
    "               and hard links of one host file are links of one image file\n"
    "  -m MANIFEST  then add what MANIFEST lists, one entry a line:\n"
    "                 PATH c MAJOR MINOR   a byte (character) device\n"
    "                 PATH b MAJOR MINOR   a block device\n"
    "                 PATH d               a directory\n"
    "               PATH is absolute in the image; missing parent directories\n"
    "               are made; '#' starts a comment\n"
    "  -q           print nothing on success\n"
    "\n"
    "Refuses (exit status 1, no image written): a file larger than 4300800 bytes\n"
    "(EFBIG), a name longer than 59 bytes (ENAMETOOLONG), a full image (ENOSPC),\n"
    "symbolic links and other file types.\n";

static s5img_t img;
static s5_super_t *sb;
static uint32_t next_block; /* the next block to hand out */
static uint32_t next_inode; /* the next inode to hand out */
static uint32_t nfiles;

/* The host files with several links copied so far, and their image inodes. */
typedef struct host_link {
	dev_t hl_dev;
	ino_t hl_ino;
	uint32_t hl_image_ino;
} host_link_t;
static host_link_t *host_links;
static size_t nhost_links, host_links_cap;

/* The image inode of the host file (dev, ino) if it was copied already, or 0. */
static uint32_t host_link_find(dev_t dev, ino_t ino)
{
	for (size_t i = 0; i < nhost_links; i++) {
		if (host_links[i].hl_dev == dev && host_links[i].hl_ino == ino) {
			return host_links[i].hl_image_ino;
		}
	}
	return 0;
}

static void host_link_add(dev_t dev, ino_t ino, uint32_t image_ino)
{
	if (nhost_links == host_links_cap) {
		host_links_cap = host_links_cap ? 2 * host_links_cap : 64;
		host_links = realloc(host_links, host_links_cap * sizeof(*host_links));
		if (host_links == NULL) {
			s5_die(1, "out of memory for the table of hard links");
		}
	}
	host_links[nhost_links++] = (host_link_t){dev, ino, image_ino};
}

static uint32_t alloc_block(const char *what)
{
	if (next_block >= sb->s5s_nblocks) {
		s5_die(1, "%s: no space left on the image (ENOSPC)", what);
	}
	return next_block++;
}

static uint32_t alloc_inode(unsigned type, const char *what)
{
	if (next_inode >= sb->s5s_ninodes) {
		s5_die(1, "%s: no inodes left on the image (ENOSPC); give more with -i", what);
	}
	uint32_t ino = next_inode++;
	s5_inode_t *ip = s5img_inode(&img, ino);
	memset(ip, 0, sizeof(*ip));
	ip->s5i_type = (uint16_t)type;
	ip->s5i_number = ino;
	nfiles++;
	return ino;
}

/* Block 'k' of inode 'ino', allocated now (with the indirect block if needed). */
static uint8_t *file_block(uint32_t ino, uint32_t k, const char *what)
{
	s5_inode_t *ip = s5img_inode(&img, ino);
	uint32_t *slot;
	if (k < S5_NDIRECT) {
		slot = &ip->s5i_direct[k];
	} else {
		if (ip->s5i_indirect == 0) {
			ip->s5i_indirect = alloc_block(what);
		}
		slot = (uint32_t *)s5img_block(&img, ip->s5i_indirect) + (k - S5_NDIRECT);
	}
	if (*slot == 0) {
		*slot = alloc_block(what);
	}
	return s5img_block(&img, *slot);
}

static void check_name(const char *name, const char *what)
{
	size_t n = strlen(name);
	if (n > S5_NAME_MAX) {
		s5_die(1, "%s: name too long (%zu bytes, at most %u) (ENAMETOOLONG)", what, n,
		       S5_NAME_MAX);
	}
}

/* The inode 'name' names in directory 'dir', or 0. */
static uint32_t dir_lookup(uint32_t dir, const char *name)
{
	s5_inode_t *dp = s5img_inode(&img, dir);
	s5_dirent_t d;
	for (uint32_t off = 0; off < dp->s5i_size; off += S5_DIRENT_SIZE) {
		s5img_read(&img, dp, off, &d, sizeof(d));
		if (strcmp(d.s5d_name, name) == 0) {
			return d.s5d_inode;
		}
	}
	return 0;
}

static void dir_add(uint32_t dir, const char *name, uint32_t ino, const char *what)
{
	check_name(name, what);
	s5_inode_t *dp = s5img_inode(&img, dir);
	uint32_t off = dp->s5i_size;
	if (off + S5_DIRENT_SIZE > S5_MAX_FILE_SIZE) {
		s5_die(1, "%s: directory full (EFBIG)", what);
	}
	uint8_t *blk = file_block(dir, off / S5_BLOCK_SIZE, what);
	dp = s5img_inode(&img, dir);
	s5_dirent_t *d = (s5_dirent_t *)(blk + off % S5_BLOCK_SIZE);
	memset(d, 0, sizeof(*d));
	d->s5d_inode = ino;
	strcpy(d->s5d_name, name);
	dp->s5i_size = off + S5_DIRENT_SIZE;
	s5img_inode(&img, ino)->s5i_nlink++;
}

/* A new directory in 'parent' (0: the root), with its "." and "..". */
static uint32_t make_dir(uint32_t parent, const char *name, const char *what)
{
	uint32_t ino = alloc_inode(S5_TYPE_DIR, what);
	if (parent == 0) {
		parent = ino;
	} else {
		dir_add(parent, name, ino, what);
	}
	dir_add(ino, ".", ino, what);
	dir_add(ino, "..", parent, what);
	return ino;
}

static void make_device(uint32_t dir, const char *name, unsigned type, unsigned major,
			unsigned minor, const char *what)
{
	if (major > 0xffffff || minor > 0xff) {
		s5_die(1, "%s: device %u,%u does not fit the id's encoding (minor < 256)", what,
		       major, minor);
	}
	check_name(name, what);
	uint32_t ino = alloc_inode(type, what);
	s5img_inode(&img, ino)->s5i_devid = major << 8 | minor;
	dir_add(dir, name, ino, what);
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

static void copy_file(uint32_t dir, const char *name, const char *path)
{
	check_name(name, path);
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		s5_die(1, "%s: %s", path, strerror(errno));
	}
	if (st.st_nlink > 1) {
		uint32_t ino = host_link_find(st.st_dev, st.st_ino);
		if (ino != 0) {
			close(fd); /* another name of a file already on the image */
			dir_add(dir, name, ino, path);
			return;
		}
	}
	if (st.st_size > (off_t)S5_MAX_FILE_SIZE) {
		s5_die(1,
		       "%s: file too large (%lld bytes; the largest S5FS file is %u bytes) (EFBIG)",
		       path, (long long)st.st_size, S5_MAX_FILE_SIZE);
	}
	uint32_t ino = alloc_inode(S5_TYPE_FILE, path);
	uint8_t buf[S5_BLOCK_SIZE];
	uint32_t size = 0;
	for (uint32_t k = 0;; k++) {
		ssize_t n = 0, got;
		while (n < (ssize_t)sizeof(buf) &&
		       (got = read(fd, buf + n, sizeof(buf) - (size_t)n)) > 0) {
			n += got;
		}
		if (n < 0 || (n == 0 && got < 0)) {
			s5_die(1, "%s: read error", path);
		}
		if (n == 0) {
			break;
		}
		if (size + (uint64_t)n > S5_MAX_FILE_SIZE) {
			s5_die(1, "%s: file too large (it grew past %u bytes) (EFBIG)", path,
			       S5_MAX_FILE_SIZE);
		}
		if (!all_zero(buf, (size_t)n)) {
			memcpy(file_block(ino, k, path), buf, (size_t)n);
		}
		size += (uint32_t)n;
	}
	close(fd);
	s5img_inode(&img, ino)->s5i_size = size;
	dir_add(dir, name, ino, path);
	if (st.st_nlink > 1) {
		host_link_add(st.st_dev, st.st_ino, ino);
	}
}

static int name_order(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Copies the host directory 'path' into directory 'dir' of the image. */
static void copy_tree(uint32_t dir, const char *path)
{
	struct dirent **names;
	int n = scandir(path, &names, NULL, name_order);
	if (n < 0) {
		s5_die(1, "%s: %s", path, strerror(errno));
	}
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			free(names[i]);
			continue;
		}
		char sub[4096];
		snprintf(sub, sizeof(sub), "%s/%s", path, name);
		check_name(name, sub);
		struct stat st;
		if (lstat(sub, &st) < 0) {
			s5_die(1, "%s: %s", sub, strerror(errno));
		}
		if (S_ISDIR(st.st_mode)) {
			copy_tree(make_dir(dir, name, sub), sub);
		} else if (S_ISREG(st.st_mode)) {
			copy_file(dir, name, sub);
		} else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
			make_device(dir, name, S_ISCHR(st.st_mode) ? S5_TYPE_CHR : S5_TYPE_BLK,
				    major(st.st_rdev), minor(st.st_rdev), sub);
		} else {
			s5_die(1, "%s: %s are not supported", sub,
			       S_ISLNK(st.st_mode) ? "symbolic links" : "files of this type");
		}
		free(names[i]);
	}
	free(names);
}

/* The directory at image path 'path' (made if missing, with its parents). */
static uint32_t make_path(char *path, const char *what)
{
	uint32_t dir = S5_ROOT_INODE;
	for (char *name = strtok(path, "/"); name != NULL; name = strtok(NULL, "/")) {
		uint32_t ino = dir_lookup(dir, name);
		if (ino == 0) {
			check_name(name, what);
			ino = make_dir(dir, name, what);
		} else if (s5img_inode(&img, ino)->s5i_type != S5_TYPE_DIR) {
			s5_die(1, "%s: %s is not a directory", what, name);
		}
		dir = ino;
	}
	return dir;
}

static void read_manifest(const char *file)
{
	FILE *f = fopen(file, "r");
	if (f == NULL) {
		s5_die(1, "%s: %s", file, strerror(errno));
	}
	char line[1024];
	for (int lineno = 1; fgets(line, sizeof(line), f) != NULL; lineno++) {
		char *hash = strchr(line, '#');
		if (hash != NULL) {
			*hash = '\0';
		}
		char path[1024], type[8], what[1100];
		unsigned major = 0, minor = 0;
		int n = sscanf(line, "%1023s %7s %u %u", path, type, &major, &minor);
		if (n <= 0) {
			continue;
		}
		snprintf(what, sizeof(what), "%s:%d: %s", file, lineno, path);
		int dev = strcmp(type, "c") == 0 || strcmp(type, "b") == 0;
		if (path[0] != '/' || (n != 2 && n != 4) || (n == 2) == dev ||
		    (!dev && strcmp(type, "d") != 0)) {
			s5_die(1, "%s:%d: expected 'PATH c|b MAJOR MINOR' or 'PATH d'", file,
			       lineno);
		}
		char *slash = strrchr(path, '/');
		char *name = slash + 1;
		*slash = '\0';
		uint32_t dir = make_path(path, what);
		if (*name == '\0') {
			continue; /* the root, or a path ending in '/' */
		}
		if (dir_lookup(dir, name) != 0) {
			if (!dev &&
			    s5img_inode(&img, dir_lookup(dir, name))->s5i_type == S5_TYPE_DIR) {
				continue;
			}
			s5_die(1, "%s: already exists", what);
		}
		if (dev) {
			make_device(dir, name, type[0] == 'c' ? S5_TYPE_CHR : S5_TYPE_BLK, major,
				    minor, what);
		} else {
			check_name(name, what);
			make_dir(dir, name, what);
		}
	}
	fclose(f);
}

/* The free lists: the rest of the inodes and blocks, lowest handed out first. */
static void make_free_lists(void)
{
	sb->s5s_free_inode = next_inode < sb->s5s_ninodes ? next_inode : 0;
	sb->s5s_nfree_inodes = sb->s5s_ninodes - next_inode;
	for (uint32_t ino = next_inode; ino < sb->s5s_ninodes; ino++) {
		s5_inode_t *ip = s5img_inode(&img, ino);
		memset(ip, 0, sizeof(*ip));
		ip->s5i_number = ino;
		ip->s5i_next_free = ino + 1 < sb->s5s_ninodes ? ino + 1 : 0;
	}
	sb->s5s_nfree_blocks = sb->s5s_nblocks - next_block;
	s5_free_group_t *g = &sb->s5s_free;
	uint32_t b = next_block;
	for (;;) {
		uint32_t n =
		    sb->s5s_nblocks - b < S5_FREE_GROUP ? sb->s5s_nblocks - b : S5_FREE_GROUP;
		g->s5f_count = n;
		for (uint32_t i = 0; i < n; i++) {
			g->s5f_blocks[n - 1 - i] = b + i;
		}
		b += n;
		if (b >= sb->s5s_nblocks) {
			g->s5f_next = 0;
			break;
		}
		g->s5f_next = b;
		g = (s5_free_group_t *)s5img_block(&img, b);
		b++;
	}
}

int main(int argc, char **argv)
{
	s5_prog = "mkfs.s5fs";
	long long size = -1, inodes = -1;
	const char *dir = NULL, *manifest = NULL;
	int quiet = 0;
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "s:i:d:m:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if ((size = s5_parse_size(optarg)) < 0) {
				s5_die(2, "bad size '%s'", optarg);
			}
			break;
		case 'i':
			if ((inodes = s5_parse_size(optarg)) < 0) {
				s5_die(2, "bad inode count '%s'", optarg);
			}
			break;
		case 'd':
			dir = optarg;
			break;
		case 'm':
			manifest = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	const char *path = argv[optind];
	struct stat st;
	if (size < 0) {
		if (stat(path, &st) < 0) {
			s5_die(2, "%s does not exist: give its size with -s", path);
		}
		size = st.st_size;
	}
	uint64_t nblocks = (uint64_t)size / S5_BLOCK_SIZE;
	if (nblocks > 0xffffffffu) {
		s5_die(2, "size %lld is too large", size);
	}
	if (inodes < 0) {
		inodes = (long long)nblocks / 4;
	}
	if (inodes < 2) {
		inodes = 2;
	}
	inodes = (inodes + S5_INODES_PER_BLOCK - 1) / S5_INODES_PER_BLOCK * S5_INODES_PER_BLOCK;
	if (inodes > 0xffffffffLL || 1 + s5_inode_blocks((uint32_t)inodes) + 1 > nblocks) {
		s5_die(2, "%lld bytes is too small for %lld inodes and a root directory", size,
		       inodes);
	}

	img.path = path;
	img.size = nblocks * S5_BLOCK_SIZE;
	img.nblocks = (uint32_t)nblocks;
	img.data = calloc(1, img.size);
	if (img.data == NULL) {
		s5_die(1, "out of memory for a %lld-byte image", size);
	}
	sb = s5img_super(&img);
	sb->s5s_magic = S5_MAGIC;
	sb->s5s_version = S5_VERSION;
	sb->s5s_nblocks = (uint32_t)nblocks;
	sb->s5s_ninodes = (uint32_t)inodes;
	next_block = s5_data_start(sb);
	next_inode = S5_ROOT_INODE;
	make_dir(0, NULL, "/");
	if (dir != NULL) {
		copy_tree(S5_ROOT_INODE, dir);
	}
	if (manifest != NULL) {
		read_manifest(manifest);
	}
	make_free_lists();
	if (s5img_save(&img) < 0) {
		return 1;
	}
	if (!quiet) {
		printf("%s: %u blocks of 4 KiB (%u free), %u inodes (%u in use: %u files and "
		       "directories)\n",
		       path, sb->s5s_nblocks, sb->s5s_nfree_blocks, sb->s5s_ninodes,
		       sb->s5s_ninodes - sb->s5s_nfree_inodes - 1, nfiles);
	}
	s5img_free(&img);
	return 0;
}
