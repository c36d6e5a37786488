/*
 * Linux i386's structures that system calls pass, with their exact
 * layouts (sizes checked at compile time), so a program built for Linux
 * sees the same bytes on Keel.
 */
#ifndef KEEL_API_LINUX_H
#define KEEL_API_LINUX_H

#include "types.h"
#include "vfs/stat.h"

/* struct stat64: 96 bytes. */
typedef struct linux_stat64 {
	uint64_t st_dev;
	uint8_t __pad0[4];
	uint32_t __st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint8_t __pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime, st_atime_nsec;
	uint32_t st_mtime, st_mtime_nsec;
	uint32_t st_ctime, st_ctime_nsec;
	uint64_t st_ino;
} __packed linux_stat64_t;
_Static_assert(sizeof(linux_stat64_t) == 96, "struct stat64 is 96 bytes");
_Static_assert(offsetof(linux_stat64_t, st_size) == 44, "st_size at 44");

/* struct linux_dirent64: a header, then the NUL-terminated name; records 8-byte aligned. */
typedef struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
} __packed linux_dirent64_t;

typedef struct linux_iovec {
	uint32_t iov_base;
	uint32_t iov_len;
} linux_iovec_t;

typedef struct linux_timespec {
	int32_t tv_sec;
	int32_t tv_nsec;
} linux_timespec_t;

typedef struct linux_timeval {
	int32_t tv_sec;
	int32_t tv_usec;
} linux_timeval_t;

/* struct utsname: six fields of 65 bytes. */
#define LINUX_UTS_LEN 65
typedef struct linux_utsname {
	char sysname[LINUX_UTS_LEN];
	char nodename[LINUX_UTS_LEN];
	char release[LINUX_UTS_LEN];
	char version[LINUX_UTS_LEN];
	char machine[LINUX_UTS_LEN];
	char domainname[LINUX_UTS_LEN];
} linux_utsname_t;

/* The kernel's struct termios (TCGETS): 36 bytes. */
typedef struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
} linux_termios_t;
_Static_assert(sizeof(linux_termios_t) == 36, "struct termios is 36 bytes");

#define LINUX_TCGETS 0x5401
#define LINUX_TCSETS 0x5402
#define LINUX_TCSETSW 0x5403
#define LINUX_TCSETSF 0x5404
#define LINUX_TIOCGWINSZ 0x5413

#define LINUX_AT_FDCWD (-100)

/* Copies a stat_t out as struct stat64 (api/sys_fd.c).  0 or -EFAULT. */
int stat64_to_user(void *ubuf, const stat_t *st);

#endif
