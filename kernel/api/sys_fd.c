/*
 * System calls on descriptors: read, write, readv, writev, close, lseek,
 * _llseek, dup, dup2, pipe, pipe2, fstat64, getdents64, ioctl, fcntl64,
 * sync.  Thin wrappers over the VFS's do_* calls (vfs/vfs_syscall.h),
 * which work on kernel memory: each wrapper checks the user buffer first
 * (-EFAULT before any side effect) and copies through a one-page bounce
 * buffer.
 */
#include "api/fdflags.h"
#include "api/linux.h"
#include "api/signal.h"
#include "api/syscall.h"
#include "api/tty_job.h"
#include "api/uaccess.h"
#include "drivers/dev.h"
#include "errno.h"
#include "fs/pipe.h"
#include "mm/mm.h"
#include "api/uthread.h"
#include "mm/page.h"
#include "mm/pframe.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

#define ACCESS_READ 1
#define ACCESS_WRITE 2
#define CHUNK PAGE_SIZE

/*
 * Whether reads and writes of fd may be split into several do_read or
 * do_write calls (regular files, block devices): a terminal or a pipe
 * gets one call, so that a short read returns at once instead of
 * waiting for more.
 */
static bool fd_loops(int fd)
{
	file_t *f = fget(fd);
	if (f == NULL) {
		return false;
	}
	mode_t m = f->f_vnode->vn_mode;
	fput(f);
	return S_ISREG(m) || S_ISBLK(m);
}

/*
 * read(fd, buf, count): do_read() into the user buffer.  Errors: do_read()'s
 * (-EBADF, -EISDIR, ...), -EFAULT (buf is not writable user memory for
 * count bytes), -EINVAL (count above 2^31 - 1).
 */
long sys_read(SYSCALL_ARGS)
{
	int fd = (int)a1;
	char *ubuf = (char *)a2;
	size_t count = a3;
	if ((ssize_t)count < 0) {
		return -EINVAL;
	}
	if (user_range_check(ubuf, count, ACCESS_WRITE) != 0) {
		return -EFAULT;
	}
	char *kbuf = uproc_page_alloc();
	if (kbuf == NULL) {
		return -ENOMEM;
	}
	bool loop = fd_loops(fd);
	size_t done = 0;
	long ret = 0;
	do {
		size_t chunk = MIN(count - done, CHUNK);
		ssize_t n = do_read(fd, kbuf, chunk);
		if (n < 0) {
			ret = n;
			break;
		}
		if (copy_to_user(ubuf + done, kbuf, n) != 0) {
			ret = -EFAULT;
			break;
		}
		done += n;
		if ((size_t)n < chunk) {
			break;
		}
	} while (loop && done < count);
	page_free(kbuf);
	return done > 0 ? (long)done : ret;
}

/*
 * write(fd, buf, count): do_write() from the user buffer.  Errors:
 * do_write()'s (-EBADF, -ENOSPC, -EPIPE on a pipe with no reader, ...;
 * -EPIPE sends SIGPIPE to the caller first, which by default ends it),
 * -EFAULT (buf is not readable for count bytes), -EINVAL (count above
 * 2^31 - 1).
 */
long sys_write(SYSCALL_ARGS)
{
	int fd = (int)a1;
	const char *ubuf = (const char *)a2;
	size_t count = a3;
	if ((ssize_t)count < 0) {
		return -EINVAL;
	}
	if (user_range_check(ubuf, count, ACCESS_READ) != 0) {
		return -EFAULT;
	}
	char *kbuf = uproc_page_alloc();
	if (kbuf == NULL) {
		return -ENOMEM;
	}
	size_t done = 0;
	long ret = 0;
	do {
		size_t chunk = MIN(count - done, CHUNK);
		if (copy_from_user(kbuf, ubuf + done, chunk) != 0) {
			ret = -EFAULT;
			break;
		}
		ssize_t n = do_write(fd, kbuf, chunk);
		if (n < 0) {
			ret = n;
			break;
		}
		done += n;
		if ((size_t)n < chunk) {
			break;
		}
	} while (done < count);
	page_free(kbuf);
	if (done == 0 && ret == -EPIPE) {
		signal_send(curproc, SIGPIPE, SI_USER); /* as on Linux; -EPIPE if it returns */
	}
	return done > 0 ? (long)done : ret;
}

#define IOV_MAX 1024

/*
 * readv/writev(fd, iov, iovcnt): the buffers in order, as one read or
 * write would; stops at the first short transfer.  Errors: -EINVAL
 * (iovcnt negative or above 1024, or lengths adding up past 2^31 - 1),
 * -EFAULT (iov or a buffer), and those of read/write.
 */
static long rw_vector(uint32_t fd, uint32_t uiov, uint32_t iovcnt, bool writing)
{
	if (iovcnt > IOV_MAX) {
		return -EINVAL;
	}
	linux_iovec_t iov[16];
	size_t total = 0;
	/* Check every entry first (lengths and buffers), as Linux does. */
	for (uint32_t i = 0; i < iovcnt; i++) {
		linux_iovec_t v;
		if (copy_from_user(&v, (const linux_iovec_t *)uiov + i, sizeof(v)) != 0) {
			return -EFAULT;
		}
		if ((ssize_t)v.iov_len < 0 || v.iov_len > 0x7fffffffu - total) {
			return -EINVAL;
		}
		total += v.iov_len;
		if (user_range_check((void *)v.iov_base, v.iov_len,
				     writing ? ACCESS_READ : ACCESS_WRITE) != 0) {
			return -EFAULT;
		}
	}
	long done = 0;
	for (uint32_t i = 0; i < iovcnt; i += ARRAY_SIZE(iov)) {
		uint32_t n = MIN(iovcnt - i, ARRAY_SIZE(iov));
		if (copy_from_user(iov, (const linux_iovec_t *)uiov + i, n * sizeof(iov[0])) != 0) {
			return done > 0 ? done : -EFAULT;
		}
		for (uint32_t j = 0; j < n; j++) {
			if (iov[j].iov_len == 0) {
				continue;
			}
			long r = writing ? sys_write(fd, iov[j].iov_base, iov[j].iov_len, 0, 0, 0)
					 : sys_read(fd, iov[j].iov_base, iov[j].iov_len, 0, 0, 0);
			if (r < 0) {
				return done > 0 ? done : r;
			}
			done += r;
			if ((size_t)r < iov[j].iov_len) {
				return done;
			}
		}
	}
	return done;
}

long sys_readv(SYSCALL_ARGS)
{
	return rw_vector(a1, a2, a3, false);
}

long sys_writev(SYSCALL_ARGS)
{
	return rw_vector(a1, a2, a3, true);
}

/* close(fd): do_close(); the close-on-exec flag goes too.  -EBADF. */
long sys_close(SYSCALL_ARGS)
{
	int err = do_close((int)a1);
	if (err == 0) {
		fdflags_set_cloexec((int)a1, false);
	}
	return err;
}

/* -ESPIPE if fd is a pipe, -EBADF if it is not open, else 0. */
static int check_seekable(int fd)
{
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	bool pipe = pipe_is_pipe(f->f_vnode);
	fput(f);
	return pipe ? -ESPIPE : 0;
}

/* lseek(fd, offset, whence): do_lseek().  Errors: its own, -ESPIPE (a pipe). */
long sys_lseek(SYSCALL_ARGS)
{
	int err = check_seekable((int)a1);
	return err < 0 ? err : do_lseek((int)a1, (off_t)a2, (int)a3);
}

/*
 * _llseek(fd, offset_high, offset_low, result, whence): lseek with a
 * 64-bit offset, the new position stored as 64 bits at 'result'.  Errors:
 * those of lseek, -EINVAL (an offset or position beyond Keel's 32-bit
 * off_t), -EFAULT (result).
 */
long sys_llseek(SYSCALL_ARGS)
{
	int fd = (int)a1;
	int64_t off = (int64_t)(((uint64_t)a2 << 32) | a3);
	if (user_range_check((void *)a4, sizeof(int64_t), ACCESS_WRITE) != 0) {
		return -EFAULT;
	}
	int err = check_seekable(fd);
	if (err < 0) {
		return err;
	}
	if (off > 0x7fffffffLL || off < -0x80000000LL) {
		return -EINVAL;
	}
	off_t pos = do_lseek(fd, (off_t)off, (int)a5);
	if (pos < 0) {
		return pos;
	}
	int64_t res = pos;
	return copy_to_user((void *)a4, &res, sizeof(res));
}

/* dup(fd): do_dup(); the new descriptor is not close-on-exec.  -EBADF, -EMFILE. */
long sys_dup(SYSCALL_ARGS)
{
	int nfd = do_dup((int)a1);
	if (nfd >= 0) {
		fdflags_set_cloexec(nfd, false);
	}
	return nfd;
}

/* dup2(ofd, nfd): do_dup2(); nfd is not close-on-exec (unless nfd == ofd).  -EBADF. */
long sys_dup2(SYSCALL_ARGS)
{
	int nfd = do_dup2((int)a1, (int)a2);
	if (nfd >= 0 && a1 != a2) {
		fdflags_set_cloexec(nfd, false);
	}
	return nfd;
}

/* Stores f in the lowest free descriptor (taking over the caller's reference). */
static int install_file(file_t *f)
{
	int fd = get_empty_fd();
	if (fd < 0) {
		return fd;
	}
	vfs_curproc()->vp_files[fd] = f;
	return fd;
}

/*
 * pipe2(fds, flags): a pipe (fs/pipe.h); fds[0] gets the lowest free
 * descriptor, the read end, fds[1] the next, the write end.  flags: 0 or
 * O_CLOEXEC (both close-on-exec).  Errors: -EFAULT (fds is not 8 writable
 * bytes; nothing is made), -EINVAL (other flags), -EMFILE (fewer than two
 * free descriptors; nothing stays open), -ENOMEM.
 */
long sys_pipe2(SYSCALL_ARGS)
{
	if ((a2 & ~(uint32_t)O_CLOEXEC) != 0) {
		return -EINVAL;
	}
	if (user_range_check((void *)a1, 2 * sizeof(int), ACCESS_WRITE) != 0) {
		return -EFAULT;
	}
	file_t *rf, *wf;
	int err = pipe_create(&rf, &wf);
	if (err < 0) {
		return err;
	}
	int fds[2];
	fds[0] = install_file(rf);
	if (fds[0] < 0) {
		fput(rf);
		fput(wf);
		return fds[0];
	}
	fds[1] = install_file(wf);
	if (fds[1] < 0) {
		do_close(fds[0]);
		fput(wf);
		return fds[1];
	}
	fdflags_set_cloexec(fds[0], a2 & O_CLOEXEC);
	fdflags_set_cloexec(fds[1], a2 & O_CLOEXEC);
	if (copy_to_user((void *)a1, fds, sizeof(fds)) != 0) {
		do_close(fds[0]);
		do_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* pipe(fds): pipe2(fds, 0). */
long sys_pipe(SYSCALL_ARGS)
{
	return sys_pipe2(a1, 0, 0, 0, 0, 0);
}

/* Copies a stat_t out as Linux's struct stat64.  0 or -EFAULT. */
int stat64_to_user(void *ubuf, const stat_t *st)
{
	linux_stat64_t ls;
	memset(&ls, 0, sizeof(ls));
	ls.st_dev = st->st_dev;
	ls.__st_ino = st->st_ino;
	ls.st_mode = st->st_mode;
	ls.st_nlink = st->st_nlink;
	ls.st_uid = st->st_uid;
	ls.st_gid = st->st_gid;
	ls.st_rdev = st->st_rdev;
	ls.st_size = st->st_size;
	ls.st_blksize = st->st_blksize;
	ls.st_blocks = st->st_blocks;
	ls.st_ino = st->st_ino;
	return copy_to_user(ubuf, &ls, sizeof(ls));
}

/* fstat64(fd, buf): do_fstat() as struct stat64.  -EBADF, -EFAULT. */
long sys_fstat64(SYSCALL_ARGS)
{
	stat_t st;
	if (user_range_check((void *)a2, sizeof(linux_stat64_t), ACCESS_WRITE) != 0) {
		return -EFAULT;
	}
	int err = do_fstat((int)a1, &st);
	return err < 0 ? err : stat64_to_user((void *)a2, &st);
}

/*
 * getdents64(fd, dirp, count): as many whole struct linux_dirent64
 * records (8-byte aligned) as fit in count bytes; the directory position
 * stays after the last one returned.  Returns the bytes filled, 0 at the
 * end.  Errors: -EBADF, -ENOTDIR, -EFAULT (dirp not writable for count
 * bytes), -EINVAL (count too small for the next entry).
 */
long sys_getdents64(SYSCALL_ARGS)
{
	int fd = (int)a1;
	char *udirp = (char *)a2;
	size_t count = a3;
	if (user_range_check(udirp, count, ACCESS_WRITE) != 0) {
		return -EFAULT;
	}
	size_t used = 0;
	for (;;) {
		off_t before = do_lseek(fd, 0, SEEK_CUR);
		if (before < 0) {
			return before;
		}
		dirent_t d;
		int r = do_getdent(fd, &d);
		if (r < 0) {
			return used > 0 ? (long)used : r;
		}
		if (r == 0) {
			break;
		}
		size_t namelen = strlen(d.d_name);
		size_t reclen = ALIGN_UP(offsetof(linux_dirent64_t, d_name) + namelen + 1, 8);
		if (used + reclen > count) {
			do_lseek(fd, before, SEEK_SET);
			if (used == 0) {
				return -EINVAL;
			}
			break;
		}
		char rec[sizeof(linux_dirent64_t) + NAME_LEN + 8];
		memset(rec, 0, sizeof(rec));
		linux_dirent64_t *ld = (linux_dirent64_t *)rec;
		ld->d_ino = d.d_ino;
		ld->d_off = d.d_off;
		ld->d_reclen = reclen;
		ld->d_type = d.d_type;
		memcpy(ld->d_name, d.d_name, namelen + 1);
		if (copy_to_user(udirp + used, rec, reclen) != 0) {
			return -EFAULT;
		}
		used += reclen;
	}
	return used;
}

/*
 * ioctl(fd, request, arg), on a terminal (/dev/tty0.., /dev/ttyS0, and
 * /dev/tty for the caller's controlling terminal): the requests of
 * api/tty_job.h (termios, window size, job control), with their errors.
 * Errors also: -EBADF, -ENOTTY (fd is not a terminal: a file, a pipe,
 * another device; /dev/tty once the caller has no controlling terminal).
 */
long sys_ioctl(SYSCALL_ARGS)
{
	file_t *f = fget((int)a1);
	if (f == NULL) {
		return -EBADF;
	}
	vnode_t *vn = f->f_vnode;
	devid_t devid = S_ISCHR(vn->vn_mode) ? vn->vn_devid : NULL_DEVID;
	bool readable = (f->f_mode & FMODE_READ) != 0;
	fput(f);
	tty_t *tty = devid != NULL_DEVID ? tty_from_devid(devid) : NULL;
	if (tty == NULL) {
		return -ENOTTY;
	}
	return tty_job_ioctl(tty, a2, a3, readable);
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030

/* The lowest free descriptor >= min made a copy of fd.  -EBADF, -EINVAL, -EMFILE. */
static int dup_at_least(int fd, uint32_t min, bool cloexec)
{
	if (min >= NFILES) {
		return -EINVAL;
	}
	for (int n = min; n < NFILES; n++) {
		file_t *f = fget(n);
		if (f != NULL) {
			fput(f);
			continue;
		}
		int r = do_dup2(fd, n);
		if (r >= 0) {
			fdflags_set_cloexec(r, cloexec);
		}
		return r;
	}
	return -EMFILE;
}

/*
 * fcntl64(fd, cmd, arg) (and fcntl): F_DUPFD and F_DUPFD_CLOEXEC (the
 * lowest free descriptor >= arg; -EINVAL if arg is NFILES or more,
 * -EMFILE if none is free), F_GETFD/F_SETFD (FD_CLOEXEC), F_GETFL (the
 * access mode and O_APPEND), F_SETFL (O_APPEND; other bits are ignored).
 * Errors: -EBADF, -EINVAL (another cmd).
 */
long sys_fcntl64(SYSCALL_ARGS)
{
	int fd = (int)a1;
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	long ret = 0;
	switch (a2) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		ret = dup_at_least(fd, a3, a2 == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		ret = fdflags_cloexec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fdflags_set_cloexec(fd, a3 & FD_CLOEXEC);
		break;
	case F_GETFL:
		ret =
		    ((f->f_mode & (FMODE_READ | FMODE_WRITE)) == (FMODE_READ | FMODE_WRITE) ? O_RDWR
		     : (f->f_mode & FMODE_WRITE) ? O_WRONLY
						 : O_RDONLY) |
		    ((f->f_mode & FMODE_APPEND) ? O_APPEND : 0);
		break;
	case F_SETFL:
		if (a3 & O_APPEND) {
			f->f_mode |= FMODE_APPEND;
		} else {
			f->f_mode &= ~FMODE_APPEND;
		}
		break;
	default:
		ret = -EINVAL;
	}
	fput(f);
	return ret;
}

/* sync(): writes every dirty cached page back to its disk.  Always 0. */
long sys_sync(SYSCALL_ARGS)
{
	pframe_sync();
	return 0;
}
