/*
 * fsck.s5fs: checks an S5FS image and changes nothing.
 *
 * It reads the whole image into memory and checks, in this order:
 *
 *   1. the superblock: magic, version, block and inode counts (a failure
 *      here stops the check: nothing else can be trusted);
 *   2. the free-block list: every entry and group block inside the data
 *      area, none twice (so the chain of groups has no cycle), and the
 *      count against the superblock's;
 *   3. the free-inode list the same way, and every inode on it free;
 *   4. each inode: its type and number, its size, its block pointers, each
 *      block used by one inode at most and not also free; directories
 *      without holes and of a whole number of entries; device inodes
 *      without blocks;
 *   5. every data block free or used (none lost);
 *   6. each directory's entries: names, inode numbers, "." and "..", no
 *      name twice, no directory named from two places;
 *   7. every inode in use reachable from the root, with a link count equal
 *      to the directory entries that name it.
 *
 * Each problem is one line on standard output naming the superblock, an
 * inode or a block.  The exit status is e2fsck -n's: 0 clean, 4 problems
 * found, 8 the image could not be read.  Every loop is bounded by the
 * image's counts, so garbage cannot make it crash or spin.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "s5img.h"

static const char usage[] =
    "usage: fsck.s5fs [-q] IMAGE\n"
    "\n"
    "Checks the S5FS file system in IMAGE without changing it, and prints one\n"
    "line per problem found, naming the superblock, an inode or a block.\n"
    "\n"
    "  -q   print only the problems, not the summary line\n"
    "\n"
    "Exit status: 0 the file system is clean, 4 problems were found, 8 the image\n"
    "could not be read, 2 bad usage.\n";

static s5img_t img;
static s5_super_t *sb;
static uint32_t data_start, nblocks, ninodes;
static unsigned long problems;

static uint8_t *block_free;    /* [block]: on the free-block list */
static uint32_t *block_owner;  /* [block]: the inode using it, 0: none */
static uint8_t *inode_listed;  /* [inode]: on the free-inode list */
static uint32_t *inode_refs;   /* [inode]: directory entries naming it */
static uint32_t *dir_parent;   /* [dir]: the directory naming it (not by . or ..) */
static uint32_t *dir_dotdot;   /* [dir]: what its ".." names */
static uint8_t *inode_reached; /* [inode]: reachable from the root */

typedef struct edge {
	uint32_t dir, target;
} edge_t;
static edge_t *edges;
static size_t nedges, edges_cap;

static void problem(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void problem(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	problems++;
}

static void *table(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (p == NULL) {
		s5_die(8, "out of memory");
	}
	return p;
}

static int in_data(uint32_t b)
{
	return b >= data_start && b < nblocks;
}

static int in_use(const s5_inode_t *ip)
{
	return ip->s5i_type >= S5_TYPE_FILE && ip->s5i_type <= S5_TYPE_BLK;
}

static void check_free_blocks(void)
{
	const s5_free_group_t *g = &sb->s5s_free;
	uint32_t where = 0, found = 0; /* where: the group's block, 0: the superblock */
	for (;;) {
		uint32_t count = g->s5f_count;
		if (count > S5_FREE_GROUP) {
			if (where == 0) {
				problem("superblock: free group holds %u entries, more than %u",
					count, S5_FREE_GROUP);
			} else {
				problem("block %u: free group holds %u entries, more than %u",
					where, count, S5_FREE_GROUP);
			}
			count = S5_FREE_GROUP;
		}
		for (uint32_t i = 0; i < count; i++) {
			uint32_t b = g->s5f_blocks[i];
			if (!in_data(b)) {
				problem("block %u: on the free list but outside the data area", b);
			} else if (block_free[b]) {
				problem("block %u: on the free list twice", b);
			} else {
				block_free[b] = 1;
				found++;
			}
		}
		uint32_t next = g->s5f_next;
		if (next == 0) {
			break;
		}
		if (!in_data(next)) {
			problem("block %u: on the free list (a group) but outside the data area",
				next);
			break;
		}
		if (block_free[next]) {
			problem("block %u: on the free list twice", next);
			break; /* a cycle, or a group block also listed as an entry */
		}
		block_free[next] = 1;
		found++;
		where = next;
		g = (const s5_free_group_t *)s5img_block(&img, next);
	}
	if (found != sb->s5s_nfree_blocks) {
		problem("superblock: free block count %u, but %u blocks are on the free list",
			sb->s5s_nfree_blocks, found);
	}
}

static void check_free_inodes(void)
{
	uint32_t found = 0;
	for (uint32_t ino = sb->s5s_free_inode; ino != 0;) {
		if (ino >= ninodes) {
			problem("inode %u: on the free inode list but outside the inode table",
				ino);
			break;
		}
		if (inode_listed[ino]) {
			problem("inode %u: on the free inode list twice", ino);
			break;
		}
		inode_listed[ino] = 1;
		found++;
		const s5_inode_t *ip = s5img_inode(&img, ino);
		if (ip->s5i_type != S5_TYPE_FREE) {
			problem("inode %u: on the free inode list but in use (%s)", ino,
				s5_type_name(ip->s5i_type));
		}
		ino = ip->s5i_next_free;
	}
	if (found != sb->s5s_nfree_inodes) {
		problem("superblock: free inode count %u, but %u inodes are on the free list",
			sb->s5s_nfree_inodes, found);
	}
}

/* Notes that inode 'ino' uses block 'b' (pointer 'what', for messages). */
static void claim(uint32_t ino, uint32_t b, const char *what, uint32_t k, uint32_t size)
{
	if (!in_data(b)) {
		problem("inode %u: %s %u is block %u, outside the data area", ino, what, k, b);
		return;
	}
	if (block_free[b]) {
		problem("block %u: used by inode %u and on the free list", b, ino);
	}
	if (block_owner[b] == ino) {
		problem("block %u: used twice by inode %u", b, ino);
	} else if (block_owner[b] != 0) {
		problem("block %u: used by inode %u and inode %u", b, block_owner[b], ino);
	}
	block_owner[b] = ino;
	if (k >= s5_file_blocks(size) && strcmp(what, "block") == 0) {
		problem("inode %u: block %u (block %u) lies past its size %u", ino, k, b, size);
	}
}

static void check_inode_blocks(uint32_t ino, const s5_inode_t *ip)
{
	uint32_t size = ip->s5i_size;
	if (size > S5_MAX_FILE_SIZE) {
		problem("inode %u: size %u larger than the largest file (%u bytes)", ino, size,
			S5_MAX_FILE_SIZE);
		size = S5_MAX_FILE_SIZE;
	}
	for (uint32_t k = 0; k < S5_NDIRECT; k++) {
		if (ip->s5i_direct[k] != 0) {
			claim(ino, ip->s5i_direct[k], "block", k, size);
		}
	}
	uint32_t ind = ip->s5i_indirect;
	if (ind != 0) {
		if (s5_file_blocks(size) <= S5_NDIRECT) {
			problem("inode %u: indirect block %u lies past its size %u", ino, ind,
				size);
		}
		claim(ino, ind, "indirect block", 0, size);
		if (in_data(ind)) {
			const uint32_t *p = (const uint32_t *)s5img_block(&img, ind);
			for (uint32_t i = 0; i < S5_NINDIRECT; i++) {
				if (p[i] != 0) {
					claim(ino, p[i], "block", S5_NDIRECT + i, size);
				}
			}
		}
	}
	if (ip->s5i_type == S5_TYPE_DIR) {
		if (size % S5_DIRENT_SIZE != 0) {
			problem("inode %u: directory size %u is not a multiple of %u", ino, size,
				S5_DIRENT_SIZE);
		}
		for (uint32_t k = 0; k < s5_file_blocks(size); k++) {
			if (s5img_bmap(&img, ip, k) == 0) {
				problem("inode %u: directory has a hole at block %u", ino, k);
			}
		}
	}
}

static void check_inodes(void)
{
	for (uint32_t ino = 1; ino < ninodes; ino++) {
		const s5_inode_t *ip = s5img_inode(&img, ino);
		if (ip->s5i_type == S5_TYPE_FREE) {
			if (!inode_listed[ino]) {
				problem("inode %u: free but not on the free inode list", ino);
			}
			continue;
		}
		if (!in_use(ip)) {
			problem("inode %u: bad type %u", ino, ip->s5i_type);
			continue;
		}
		if (ip->s5i_number != ino) {
			problem("inode %u: records number %u", ino, ip->s5i_number);
		}
		if (ip->s5i_type == S5_TYPE_CHR || ip->s5i_type == S5_TYPE_BLK) {
			int blocks = ip->s5i_indirect != 0;
			for (uint32_t k = 0; k < S5_NDIRECT; k++) {
				blocks |= ip->s5i_direct[k] != 0;
			}
			if (ip->s5i_size != 0 || blocks) {
				problem("inode %u: device inode with a size or blocks", ino);
			}
			continue;
		}
		check_inode_blocks(ino, ip);
	}
	for (uint32_t b = data_start; b < nblocks; b++) {
		if (!block_free[b] && block_owner[b] == 0) {
			problem("block %u: neither used nor free", b);
		}
	}
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void add_edge(uint32_t dir, uint32_t target)
{
	if (nedges == edges_cap) {
		edges_cap = edges_cap ? 2 * edges_cap : 1024;
		edges = realloc(edges, edges_cap * sizeof(*edges));
		if (edges == NULL) {
			s5_die(8, "out of memory");
		}
	}
	edges[nedges++] = (edge_t){dir, target};
}

static void check_dir(uint32_t ino, const s5_inode_t *ip)
{
	uint32_t size = ip->s5i_size > S5_MAX_FILE_SIZE ? S5_MAX_FILE_SIZE : ip->s5i_size;
	uint32_t n = size / S5_DIRENT_SIZE, nnames = 0;
	char(*names)[S5_NAME_LEN] = table(n, S5_NAME_LEN);
	if (n < 1) {
		problem("inode %u: directory has no '.' entry", ino);
	}
	if (n < 2) {
		problem("inode %u: directory has no '..' entry", ino);
	}
	for (uint32_t i = 0; i < n; i++) {
		s5_dirent_t d;
		if (s5img_read(&img, ip, i * S5_DIRENT_SIZE, &d, sizeof(d)) < 0) {
			continue; /* a bad block pointer, already reported */
		}
		size_t len = strnlen(d.s5d_name, S5_NAME_LEN);
		if (len == 0 || len == S5_NAME_LEN || memchr(d.s5d_name, '/', len) != NULL) {
			problem("inode %u: entry %u has a bad name", ino, i);
			continue;
		}
		int dot = strcmp(d.s5d_name, ".") == 0, dotdot = strcmp(d.s5d_name, "..") == 0;
		if ((i == 0 && !dot) || (i == 1 && !dotdot) || (i >= 2 && (dot || dotdot))) {
			problem("inode %u: entry %u is named \"%s\" (entries 0 and 1 are \".\" and "
				"\"..\", and only they)",
				ino, i, d.s5d_name);
			continue;
		}
		memcpy(names[nnames++], d.s5d_name, len + 1);
		uint32_t t = d.s5d_inode;
		if (t == 0 || t >= ninodes) {
			problem(
			    "inode %u: entry \"%s\" refers to inode %u, outside the inode table",
			    ino, d.s5d_name, t);
			continue;
		}
		const s5_inode_t *tp = s5img_inode(&img, t);
		if (!in_use(tp)) {
			problem("inode %u: entry \"%s\" refers to free inode %u", ino, d.s5d_name,
				t);
			continue;
		}
		inode_refs[t]++;
		if (i == 0 && t != ino) {
			problem("inode %u: entry \".\" refers to inode %u, not itself", ino, t);
		} else if (i == 1) {
			dir_dotdot[ino] = t;
		} else if (i >= 2) {
			add_edge(ino, t);
			if (tp->s5i_type == S5_TYPE_DIR) {
				if (dir_parent[t] != 0) {
					problem("inode %u: directory is named in inode %u and in "
						"inode %u",
						t, dir_parent[t], ino);
				} else {
					dir_parent[t] = ino;
				}
			}
		}
	}
	qsort(names, nnames, S5_NAME_LEN, name_cmp);
	for (uint32_t i = 1; i < nnames; i++) {
		if (strcmp(names[i - 1], names[i]) == 0) {
			problem("inode %u: entry \"%s\" appears twice", ino, names[i]);
		}
	}
	free(names);
}

static void check_tree(void)
{
	const s5_inode_t *root = s5img_inode(&img, S5_ROOT_INODE);
	if (root->s5i_type != S5_TYPE_DIR) {
		problem("inode %u: the root is not a directory", S5_ROOT_INODE);
		return;
	}
	dir_parent[S5_ROOT_INODE] = S5_ROOT_INODE;
	for (uint32_t ino = 1; ino < ninodes; ino++) {
		const s5_inode_t *ip = s5img_inode(&img, ino);
		if (ip->s5i_type == S5_TYPE_DIR) {
			check_dir(ino, ip);
		}
	}
	/* A directory is reachable when its chain of parents ends at the root. */
	for (uint32_t ino = 1; ino < ninodes; ino++) {
		uint32_t d = ino, steps = 0;
		while (d != S5_ROOT_INODE && dir_parent[d] != 0 && steps++ < ninodes) {
			d = dir_parent[d];
		}
		if (s5img_inode(&img, ino)->s5i_type == S5_TYPE_DIR && d == S5_ROOT_INODE) {
			inode_reached[ino] = 1;
		}
	}
	for (size_t i = 0; i < nedges; i++) {
		if (inode_reached[edges[i].dir]) {
			inode_reached[edges[i].target] = 1;
		}
	}
	for (uint32_t ino = 1; ino < ninodes; ino++) {
		const s5_inode_t *ip = s5img_inode(&img, ino);
		if (!in_use(ip)) {
			continue;
		}
		if (!inode_reached[ino]) {
			problem("inode %u: in use but not reachable from the root", ino);
			continue;
		}
		if (ip->s5i_type == S5_TYPE_DIR && dir_dotdot[ino] != dir_parent[ino]) {
			problem("inode %u: entry \"..\" refers to inode %u, not its parent %u", ino,
				dir_dotdot[ino], dir_parent[ino]);
		}
		if (ip->s5i_nlink != inode_refs[ino]) {
			problem("inode %u: link count %u, but %u directory entries refer to it",
				ino, ip->s5i_nlink, inode_refs[ino]);
		}
	}
}

int main(int argc, char **argv)
{
	s5_prog = "fsck.s5fs";
	int quiet = 0, c;
	static const struct option longopts[] = {{"help", no_argument, NULL, 'h'},
						 {NULL, 0, NULL, 0}};
	while ((c = getopt_long(argc, argv, "qnh", longopts, NULL)) != -1) {
		if (c == 'q') {
			quiet = 1;
		} else if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		} else if (c != 'n') {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	if (s5img_load(&img, argv[optind]) < 0) {
		return 8;
	}
	char msg[200];
	if (s5img_check_super(&img, msg, sizeof(msg)) != NULL) {
		puts(msg);
		return 4;
	}
	sb = s5img_super(&img);
	nblocks = sb->s5s_nblocks;
	ninodes = sb->s5s_ninodes;
	data_start = s5_data_start(sb);
	block_free = table(nblocks, 1);
	block_owner = table(nblocks, sizeof(uint32_t));
	inode_listed = table(ninodes, 1);
	inode_refs = table(ninodes, sizeof(uint32_t));
	dir_parent = table(ninodes, sizeof(uint32_t));
	dir_dotdot = table(ninodes, sizeof(uint32_t));
	inode_reached = table(ninodes, 1);

	check_free_blocks();
	check_free_inodes();
	check_inodes();
	check_tree();

	if (!quiet) {
		if (problems == 0) {
			printf("%s: clean, %u/%u inodes, %u/%u blocks in use\n", img.path,
			       ninodes - 1 - sb->s5s_nfree_inodes, ninodes - 1,
			       nblocks - sb->s5s_nfree_blocks, nblocks);
		} else {
			printf("%s: %lu problem%s found\n", img.path, problems,
			       problems == 1 ? "" : "s");
		}
	}
	return problems == 0 ? 0 : 4;
}
