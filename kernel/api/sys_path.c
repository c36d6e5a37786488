/*
 * System calls that take paths: open, openat, creat, link, unlink, chdir,
 * getcwd, mknod, stat64/lstat64, rename, mkdir, rmdir, access.  Each
 * copies its paths in with strncpy_from_user() (at most MAXPATHLEN bytes:
 * a longer one is -ENAMETOOLONG, a bad pointer -EFAULT) and calls the
 * VFS's do_* function (vfs/vfs_syscall.h), whose errors it returns.
 */
#include "api/fdflags.h"
#include "api/linux.h"
#include "api/linux2.h"
#include "api/syscall.h"
#include "api/tty_job.h"
#include "api/uaccess.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "util/string.h"
#include "vfs/vfs_syscall.h"

#define O_DIRECTORY 0200000
#define LINUX_S_IFIFO 0010000
#define LINUX_S_IFSOCK 0140000

/* open()'s work on a kernel copy of the path; 'arg' points to the flags. */
static long open_path(const char *path, void *arg)
{
	int flags = *(int *)arg;
	int fd = do_open(path, flags);
	if (fd < 0) {
		return fd;
	}
	int err = tty_job_open(fd, flags);
	if (err < 0) {
		do_close(fd);
		return err;
	}
	if (flags & O_DIRECTORY) {
		stat_t st;
		if (do_fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode)) {
			do_close(fd);
			return -ENOTDIR;
		}
	}
	fdflags_set_cloexec(fd, flags & O_CLOEXEC);
	return fd;
}

/*
 * open(path, flags, mode): do_open(); O_CLOEXEC makes the descriptor
 * close-on-exec; O_DIRECTORY fails with -ENOTDIR (closing it again) if
 * the file is not a directory; mode is ignored (no permissions).  A
 * terminal: tty_job_open() (api/tty_job.h): without O_NOCTTY it may
 * become the controlling terminal of a session leader's session;
 * /dev/tty without a controlling terminal fails with -ENXIO.
 */
long sys_open(SYSCALL_ARGS)
{
	return sys_openat((uint32_t)LINUX_AT_FDCWD, a1, a2, a3, 0, 0);
}

/*
 * openat(dirfd, path, flags, mode): open() with a relative path resolved
 * from the directory open as dirfd (at_dirfd_call(), api/linux2.h); with
 * AT_FDCWD (-100) or an absolute path, open() itself.  Errors: open()'s,
 * -EBADF (dirfd not open), -ENOTDIR (dirfd not a directory).
 */
long sys_openat(SYSCALL_ARGS)
{
	int err;
	char *path = user_path_copy(a2, &err);
	if (path == NULL) {
		return err;
	}
	int flags = (int)a3;
	long fd = at_dirfd_call((int)a1, path, open_path, &flags);
	kfree(path);
	return fd;
}

/* creat(path, mode): open(path, O_CREAT | O_WRONLY | O_TRUNC). */
long sys_creat(SYSCALL_ARGS)
{
	return sys_open(a1, O_CREAT | O_WRONLY | O_TRUNC, a2, 0, 0, 0);
}

/* Calls fn on the kernel copy of one user path. */
static long with_path(uint32_t upath, int (*fn)(const char *))
{
	int err;
	char *path = user_path_copy(upath, &err);
	if (path == NULL) {
		return err;
	}
	err = fn(path);
	kfree(path);
	return err;
}

/* Calls fn on the kernel copies of two user paths. */
static long with_paths(uint32_t u1, uint32_t u2, int (*fn)(const char *, const char *))
{
	int err;
	char *p1 = user_path_copy(u1, &err);
	if (p1 == NULL) {
		return err;
	}
	char *p2 = user_path_copy(u2, &err);
	if (p2 == NULL) {
		kfree(p1);
		return err;
	}
	err = fn(p1, p2);
	kfree(p1);
	kfree(p2);
	return err;
}

long sys_link(SYSCALL_ARGS)
{
	return with_paths(a1, a2, do_link);
}

long sys_unlink(SYSCALL_ARGS)
{
	return with_path(a1, do_unlink);
}

long sys_chdir(SYSCALL_ARGS)
{
	return with_path(a1, do_chdir);
}

long sys_rename(SYSCALL_ARGS)
{
	return with_paths(a1, a2, do_rename);
}

/* mkdir(path, mode): do_mkdir(); mode is ignored. */
long sys_mkdir(SYSCALL_ARGS)
{
	return with_path(a1, do_mkdir);
}

long sys_rmdir(SYSCALL_ARGS)
{
	return with_path(a1, do_rmdir);
}

/*
 * getcwd(buf, size): the current directory's path into buf; returns its
 * length including the NUL (as Linux's system call does).  Errors:
 * -ERANGE (size too small), -ENOENT (the directory was removed),
 * -EFAULT (buf).
 */
long sys_getcwd(SYSCALL_ARGS)
{
	char *k = kmalloc(MAXPATHLEN);
	if (k == NULL) {
		return -ENOMEM;
	}
	int err = do_getcwd(k, MIN(a2, MAXPATHLEN));
	if (err == 0) {
		size_t len = strlen(k) + 1;
		err = copy_to_user((void *)a1, k, len);
		if (err == 0) {
			err = len;
		}
	}
	kfree(k);
	return err;
}

/* mknod's arguments, for mknod_path(). */
typedef struct mknod_args {
	mode_t type;
	devid_t dev;
} mknod_args_t;

/* mknod()'s work on a kernel copy of the path (at_dirfd_call()'s fn). */
static long mknod_path(const char *path, void *arg)
{
	const mknod_args_t *m = arg;
	if (m->type == 0 || m->type == S_IFREG) {
		int fd = do_open(path, O_CREAT | O_EXCL | O_WRONLY);
		return fd < 0 ? fd : do_close(fd);
	}
	return do_mknod(path, m->type, m->dev);
}

/*
 * mknod(path, mode, dev): do_mknod() for S_IFCHR and S_IFBLK nodes (dev
 * in Linux's old 16-bit encoding, major << 8 | minor, which is Keel's);
 * S_IFREG (or type 0) makes an empty regular file, as on Linux.  Keel's
 * file systems have no named pipes or sockets: S_IFIFO and S_IFSOCK fail
 * with -EPERM, Linux's error for a node type the file system does not
 * support (so BusyBox's mkfifo says "Operation not permitted"), after
 * at_name_free()'s checks of the path.  Errors: do_mknod()'s; those of
 * at_name_free() and -EPERM; -EINVAL for another type.
 *
 * mknodat(dirfd, path, mode, dev): the same, a relative path resolved
 * from dirfd (at_dirfd_call()): -EBADF, -ENOTDIR too.
 */
long sys_mknod(SYSCALL_ARGS)
{
	return sys_mknodat((uint32_t)LINUX_AT_FDCWD, a1, a2, a3, 0, 0);
}

long sys_mknodat(SYSCALL_ARGS)
{
	mknod_args_t m = {.type = a3 & S_IFMT, .dev = (devid_t)a4};
	int err;
	char *path = user_path_copy(a2, &err);
	if (path == NULL) {
		return err;
	}
	long ret;
	if (m.type == LINUX_S_IFIFO || m.type == LINUX_S_IFSOCK) {
		ret = at_dirfd_call((int)a1, path, at_name_free, NULL);
		ret = ret < 0 ? ret : -EPERM;
	} else if (m.type != 0 && m.type != S_IFREG && m.type != S_IFCHR && m.type != S_IFBLK) {
		ret = -EINVAL;
	} else {
		ret = at_dirfd_call((int)a1, path, mknod_path, &m);
	}
	kfree(path);
	return ret;
}

int user_stat(uint32_t upath, stat_t *st)
{
	int err;
	char *path = user_path_copy(upath, &err);
	if (path == NULL) {
		return err;
	}
	err = do_stat(path, st);
	kfree(path);
	return err;
}

/* stat64(path, buf) and lstat64 (no symbolic links): do_stat() as struct stat64.  -EFAULT. */
long sys_stat64(SYSCALL_ARGS)
{
	if (user_range_check((void *)a2, sizeof(linux_stat64_t), 2) != 0) {
		return -EFAULT;
	}
	stat_t st;
	int err = user_stat(a1, &st);
	return err < 0 ? err : stat64_to_user((void *)a2, &st);
}

/*
 * access(path, mode): 0 if the file exists (Keel has no permissions, so
 * every access is allowed).  Errors: those of a walk, -EINVAL (mode has
 * bits other than R_OK, W_OK, X_OK).
 */
long sys_access(SYSCALL_ARGS)
{
	if (a2 & ~7u) {
		return -EINVAL;
	}
	stat_t st;
	return user_stat(a1, &st);
}
