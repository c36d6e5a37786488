/*
 * Paths relative to a directory descriptor (openat, fstatat, utimensat,
 * statx), statx's fields next to stat's, and lengths set with ftruncate and
 * truncate (the 64-bit calls: musl's are ftruncate64 and truncate64),
 * with Linux's results: the bytes kept, the zeros past an old end, the
 * errors.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "check.h"

static off_t size_of(const char *path)
{
	struct stat sb;
	CHECK(stat(path, &sb) == 0);
	return sb.st_size;
}

/* Reads all of 'path' into buf (cap bytes at most); its length. */
static ssize_t slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	ssize_t n = 0, r;
	while ((r = read(fd, buf + n, cap - (size_t)n)) > 0)
		n += r;
	CHECK(r == 0);
	close(fd);
	return n;
}

static void dirfd_checks(void)
{
	CHECK(mkdir("at_dir", 0755) == 0 && mkdir("at_dir/sub", 0755) == 0);
	int dfd = open("at_dir", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);

	/* A relative path starts at the directory, not at the working directory. */
	int fd = openat(dfd, "f", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK(fd >= 0);
	write_all(fd, "relative\n", 9);
	close(fd);
	char buf[512] = {0};
	CHECK(get_file("at_dir/f", buf, sizeof(buf)) == 9 && strcmp(buf, "relative\n") == 0);
	CHECK_ERR(open("f", O_RDONLY), ENOENT);
	fd = openat(dfd, "sub/../f", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);

	struct stat sb;
	CHECK(fstatat(dfd, "f", &sb, 0) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 9);
	CHECK(fstatat(dfd, "sub", &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode));
	CHECK(fstatat(dfd, "..", &sb, 0) == 0 && S_ISDIR(sb.st_mode));
	CHECK_ERR(fstatat(dfd, "nothing", &sb, 0), ENOENT);
	CHECK(utimensat(dfd, "f", NULL, 0) == 0);
	CHECK_ERR(utimensat(dfd, "nothing", NULL, 0), ENOENT);

	/* The working directory did not move, during or after. */
	CHECK(getcwd(buf, sizeof(buf)) != NULL);
	char cwd[512];
	strcpy(cwd, buf);
	fd = openat(dfd, "sub/g", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0);
	close(fd);
	CHECK(getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, cwd) == 0);
	CHECK(access("at_dir/sub/g", F_OK) == 0);

	/* An absolute path ignores dirfd, even a bad one. */
	int root = openat(12345, "/", O_RDONLY | O_DIRECTORY);
	CHECK(root >= 0);
	close(root);
	/* AT_FDCWD is the working directory. */
	fd = openat(AT_FDCWD, "at_dir/f", O_RDONLY);
	CHECK(fd >= 0);

	/* dirfd a file, closed or never open. */
	CHECK_ERR(openat(fd, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR(fstatat(fd, "x", &sb, 0), ENOTDIR);
	close(fd);
	CHECK_ERR(openat(fd, "f", O_RDONLY), EBADF);
	CHECK_ERR(fstatat(-1, "f", &sb, 0), EBADF);
	/* O_DIRECTORY through a directory descriptor. */
	CHECK_ERR(openat(dfd, "f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	close(dfd);
	/* A directory descriptor keeps working after the working directory changes. */
	dfd = open("at_dir/sub", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0 && chdir("at_dir") == 0);
	CHECK(fstatat(dfd, "g", &sb, 0) == 0 && S_ISREG(sb.st_mode));
	CHECK(chdir("..") == 0);
	close(dfd);
	printf("dirfd: ok\n");
}

/* Linux's struct statx (musl 1.2.3 has no statx()). */
struct kstatx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct {
		int64_t sec;
		uint32_t nsec;
		int32_t reserved;
	} atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

static long kstatx(int dirfd, const char *path, int flags, struct kstatx *sx)
{
	return syscall(SYS_statx, dirfd, path, flags, 0x7ff, sx);
}

/* statx's fields equal stat's. */
static void same_as_stat(const struct kstatx *sx, const struct stat *sb)
{
	CHECK((sx->mask & 0x7ff) == 0x7ff);
	CHECK(sx->mode == sb->st_mode && sx->nlink == sb->st_nlink && sx->ino == sb->st_ino);
	CHECK(sx->size == (uint64_t)sb->st_size && sx->blocks == (uint64_t)sb->st_blocks);
	CHECK(sx->uid == sb->st_uid && sx->gid == sb->st_gid &&
	      (long)sx->blksize == sb->st_blksize);
	CHECK(sx->dev_major == major(sb->st_dev) && sx->dev_minor == minor(sb->st_dev));
	CHECK(sx->rdev_major == major(sb->st_rdev) && sx->rdev_minor == minor(sb->st_rdev));
}

/* Linux i386's struct stat64, as the stat64 call writes it. */
struct kstat64 {
	unsigned long long dev;
	unsigned char pad0[4];
	unsigned long ino32;
	unsigned int mode, nlink;
	unsigned long uid, gid;
	unsigned long long rdev;
	unsigned char pad3[4];
	long long size;
	unsigned long blksize;
	unsigned long long blocks;
	unsigned long times[6];
	unsigned long long ino;
};
_Static_assert(sizeof(struct kstat64) == 96, "struct stat64 is 96 bytes");

/* statx's fields equal those of the older call stat64 (the fallback of libcs). */
static void same_as_stat64(const char *path)
{
	struct kstatx sx;
	struct kstat64 k;
	CHECK(kstatx(AT_FDCWD, path, 0, &sx) == 0 && syscall(SYS_stat64, path, &k) == 0);
	CHECK(k.dev == makedev(sx.dev_major, sx.dev_minor) &&
	      k.rdev == makedev(sx.rdev_major, sx.rdev_minor));
	CHECK(k.ino == sx.ino && k.mode == sx.mode && k.nlink == sx.nlink);
	CHECK(k.size == (long long)sx.size && k.blocks == sx.blocks && k.blksize == sx.blksize);
}

static void statx_checks(void)
{
	same_as_stat64("at_dir/f");
	same_as_stat64("at_dir");
	same_as_stat64("/dev/null");

	struct kstatx sx;
	struct stat sb;
	CHECK(kstatx(AT_FDCWD, "at_dir/f", 0, &sx) == 0 && stat("at_dir/f", &sb) == 0);
	same_as_stat(&sx, &sb);
	CHECK(sx.size == 9 && S_ISREG(sx.mode));
	int dfd = open("at_dir", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	CHECK(kstatx(dfd, "f", AT_SYMLINK_NOFOLLOW, &sx) == 0);
	same_as_stat(&sx, &sb);
	CHECK(kstatx(dfd, "", AT_EMPTY_PATH, &sx) == 0 && stat("at_dir", &sb) == 0);
	same_as_stat(&sx, &sb);
	CHECK(S_ISDIR(sx.mode));
	CHECK(kstatx(AT_FDCWD, "", AT_EMPTY_PATH, &sx) == 0 && stat(".", &sb) == 0);
	same_as_stat(&sx, &sb);
	CHECK(kstatx(AT_FDCWD, "/dev/null", 0, &sx) == 0 && stat("/dev/null", &sb) == 0);
	same_as_stat(&sx, &sb);
	CHECK(sx.rdev_major == 1 && S_ISCHR(sx.mode)); /* minors differ: Keel 0, Linux 3 */
	CHECK(kstatx(dfd, "nothing", 0, &sx) == -1 && errno == ENOENT);
	CHECK(kstatx(dfd, "", 0, &sx) == -1 && errno == ENOENT);
	CHECK(kstatx(dfd, "f", 0x1, &sx) == -1 && errno == EINVAL);
	CHECK(kstatx(dfd, "f", 0x6000, &sx) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_statx, dfd, "f", 0, 0x80000000u, &sx) == -1 && errno == EINVAL);
	CHECK(kstatx(dfd, "f", 0, NULL) == -1 && errno == EFAULT);
	CHECK(kstatx(-1, "f", 0, &sx) == -1 && errno == EBADF);
	int fd = open("at_dir/f", O_RDONLY);
	CHECK(kstatx(fd, "x", 0, &sx) == -1 && errno == ENOTDIR);
	close(fd);
	close(dfd);
	printf("statx: ok\n");
}

static void length_checks(void)
{
	char big[9000], back[12000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 23);
	int fd = open("len", O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK(fd >= 0);
	write_all(fd, big, sizeof(big));

	/* Shorter: the first bytes stay, the position does not move. */
	CHECK(ftruncate(fd, 5000) == 0);
	CHECK(size_of("len") == 5000);
	CHECK(lseek(fd, 0, SEEK_CUR) == 9000);
	CHECK(slurp("len", back, sizeof(back)) == 5000 && memcmp(back, big, 5000) == 0);

	/* Longer: zeros past the old end. */
	CHECK(ftruncate(fd, 11000) == 0);
	CHECK(slurp("len", back, sizeof(back)) == 11000 && memcmp(back, big, 5000) == 0);
	int zeros = 1;
	for (int i = 5000; i < 11000; i++)
		zeros &= back[i] == 0;
	CHECK(zeros);

	/* Within one block, to the same length, and to nothing. */
	CHECK(ftruncate(fd, 3) == 0 && size_of("len") == 3);
	CHECK(slurp("len", back, sizeof(back)) == 3 && memcmp(back, "abc", 3) == 0);
	CHECK(ftruncate(fd, 3) == 0 && size_of("len") == 3);
	CHECK(ftruncate(fd, 0) == 0 && size_of("len") == 0);

	/* A write at the old position leaves a hole before it. */
	CHECK(write(fd, "z", 1) == 1 && size_of("len") == 9001);
	close(fd);

	/* truncate by name. */
	CHECK(truncate("len", 10) == 0 && size_of("len") == 10);
	CHECK(truncate("len", 20000) == 0 && size_of("len") == 20000);
	CHECK(truncate("len", 0) == 0 && size_of("len") == 0);

	/* Errors. */
	fd = open("len", O_RDONLY);
	CHECK_ERR(ftruncate(fd, 1), EINVAL); /* not open for writing */
	close(fd);
	fd = open("len", O_WRONLY);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	close(fd);
	CHECK_ERR(ftruncate(fd, 1), EBADF);
	CHECK_ERR(ftruncate(-1, 1), EBADF);
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK_ERR(ftruncate(p[1], 0), EINVAL); /* not a regular file */
	close(p[0]);
	close(p[1]);
	CHECK_ERR(truncate("at_dir", 0), EISDIR);
	CHECK_ERR(truncate("nothing", 0), ENOENT);
	CHECK_ERR(truncate("len", -5), EINVAL);
	CHECK_ERR(truncate("/dev/null", 0), EINVAL);
	CHECK_ERR(truncate("len/x", 0), ENOTDIR);
	printf("lengths: ok\n");
}

int main(void)
{
	dirfd_checks();
	statx_checks();
	length_checks();
	return 0;
}
