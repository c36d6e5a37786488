/*
 * File types, stat() and directory entries, as the VFS and the file systems
 * see them.
 *
 * The mode bits and the device numbers are Linux's, so the VM stage's
 * system calls copy a stat_t field by field into Linux's struct stat64 and
 * a program sees the same values on Keel as on Linux.  Keel has no users
 * and no permissions: st_mode carries the file type and the permission
 * bits 0755 (directories) or 0644 (everything else); uid, gid and the
 * times are 0.
 */
#ifndef KEEL_VFS_STAT_H
#define KEEL_VFS_STAT_H

#include "drivers/dev.h"
#include "types.h"

typedef uint32_t ino_t;   /* an inode number, unique within one file system */
typedef uint32_t mode_t;  /* file type and permission bits */
typedef uint32_t nlink_t; /* a link count */

/* File types (the S_IFMT bits of a mode), Linux's values. */
#define S_IFMT 0170000
#define S_IFDIR 0040000 /* directory */
#define S_IFCHR 0020000 /* character (byte) device special file */
#define S_IFBLK 0060000 /* block device special file */
#define S_IFREG 0100000 /* regular file */

#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)

/*
 * What do_stat() and do_fstat() report.  Each field maps onto the
 * same-named field of Linux's struct stat64.
 */
typedef struct stat {
	devid_t st_dev;      /* the file system's device (ramfs: 0) */
	ino_t st_ino;        /* inode number */
	mode_t st_mode;      /* type | permission bits */
	nlink_t st_nlink;    /* hard links (a directory: 2 + its subdirectories) */
	uint32_t st_uid;     /* 0 */
	uint32_t st_gid;     /* 0 */
	devid_t st_rdev;     /* device special files: the device; else 0 */
	off_t st_size;       /* bytes (regular files, directories); 0 for devices */
	uint32_t st_blksize; /* the preferred I/O size: 4096 */
	uint32_t st_blocks;  /* 512-byte units of storage actually allocated */
} stat_t;

/*
 * Names.  A name (one path component) is 1 to NAME_LEN bytes, none of them
 * '/' or NUL; the fixed-size directory entries of the S5FS stage hold
 * exactly NAME_LEN bytes.  A whole path is shorter than MAXPATHLEN bytes.
 */
#define NAME_LEN 28
#define MAXPATHLEN 1024

/* Directory entry types (d_type), Linux's values. */
#define DT_UNKNOWN 0
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8

/* The DT_ type of a mode's S_IF type. */
static inline uint8_t dt_from_mode(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	case S_IFREG:
		return DT_REG;
	default:
		return DT_UNKNOWN;
	}
}

/*
 * One directory entry, as do_getdent() gives it: enough to build a Linux
 * getdents64 record (d_ino, d_off, d_type, d_name).
 */
typedef struct dirent {
	ino_t d_ino;               /* inode number */
	off_t d_off;               /* the directory position after this entry */
	uint8_t d_type;            /* DT_DIR, DT_REG, ... */
	char d_name[NAME_LEN + 1]; /* NUL-terminated */
} dirent_t;

#endif
