/*
 * The file system calls that work on descriptors: open, close, read,
 * write, lseek, dup, dup2, getdent, fstat (contracts in
 * vfs/vfs_syscall.h).
 *
 * The pattern of a call on a descriptor:
 *
 *     file_t *f = fget(fd);          a reference for the length of the call
 *     if (f == NULL) return -EBADF;
 *     ... use f and f->f_vnode ...
 *     fput(f);
 *
 * The reference keeps the file (and through it the vnode) alive even if
 * the call sleeps (a terminal read) and another thread closes fd.
 *
 * Reads and writes of a directory fail; those of a device special file go
 * to special_file_read()/special_file_write(); the rest go to the file
 * system (vop_read()/vop_write()).
 */
#include "errno.h"
#include "util/debug.h"
#include "vfs/file.h"
#include "vfs/namev.h"
#include "vfs/special.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

static bool vnode_is_special(const vnode_t *vn)
{
	return S_ISCHR(vn->vn_mode) || S_ISBLK(vn->vn_mode);
}

int do_open(const char *path, int flags)
{
	/* BEGIN SOLUTION(vfs, do_open) -> -ENOSYS */
	int acc = flags & O_ACCMODE;
	if (acc == O_ACCMODE) {
		return -EINVAL;
	}
	int fd = get_empty_fd();
	if (fd < 0) {
		return fd;
	}
	vnode_t *vn;
	int err = namev_open(NULL, path, flags, &vn);
	if (err < 0) {
		return err;
	}
	if (S_ISDIR(vn->vn_mode) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))) {
		err = -EISDIR;
		goto out_put_vnode;
	}
	if (vnode_is_special(vn) && !special_file_has_driver(vn)) {
		err = -ENXIO;
		goto out_put_vnode;
	}
	if ((flags & O_TRUNC) && S_ISREG(vn->vn_mode)) {
		err = vop_truncate(vn);
		if (err < 0) {
			goto out_put_vnode;
		}
	}
	int mode = acc == O_RDONLY   ? FMODE_READ
		   : acc == O_WRONLY ? FMODE_WRITE
				     : FMODE_READ | FMODE_WRITE;
	if (flags & O_APPEND) {
		mode |= FMODE_APPEND;
	}
	file_t *f = file_create(vn, mode);
	if (f == NULL) {
		err = -ENOMEM;
		goto out_put_vnode;
	}
	vfs_curproc()->vp_files[fd] = f;
	vput(vn);
	return fd;

out_put_vnode:
	vput(vn);
	return err;
	/* END SOLUTION */
}

int do_close(int fd)
{
	/* BEGIN SOLUTION(vfs, do_close) -> -ENOSYS */
	vfs_proc_t *vp = vfs_curproc();
	if (fd < 0 || fd >= NFILES || vp == NULL || vp->vp_files[fd] == NULL) {
		return -EBADF;
	}
	file_t *f = vp->vp_files[fd];
	vp->vp_files[fd] = NULL;
	fput(f);
	return 0;
	/* END SOLUTION */
}

ssize_t do_read(int fd, void *buf, size_t count)
{
	/* BEGIN SOLUTION(vfs, do_read) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	ssize_t n;
	vnode_t *vn = f->f_vnode;
	if (!(f->f_mode & FMODE_READ)) {
		n = -EBADF;
	} else if (S_ISDIR(vn->vn_mode)) {
		n = -EISDIR;
	} else if (vnode_is_special(vn)) {
		n = special_file_read(vn, f->f_pos, buf, count);
	} else {
		n = vop_read(vn, f->f_pos, buf, count);
	}
	if (n > 0) {
		f->f_pos += n;
	}
	fput(f);
	return n;
	/* END SOLUTION */
}

ssize_t do_write(int fd, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(vfs, do_write) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	ssize_t n;
	vnode_t *vn = f->f_vnode;
	if (!(f->f_mode & FMODE_WRITE)) {
		n = -EBADF;
	} else if (S_ISDIR(vn->vn_mode)) {
		n = -EISDIR;
	} else if (vnode_is_special(vn)) {
		n = special_file_write(vn, f->f_pos, buf, count);
	} else {
		if (f->f_mode & FMODE_APPEND) {
			f->f_pos = vn->vn_len;
		}
		n = vop_write(vn, f->f_pos, buf, count);
	}
	if (n > 0) {
		f->f_pos += n;
	}
	fput(f);
	return n;
	/* END SOLUTION */
}

off_t do_lseek(int fd, off_t offset, int whence)
{
	/* BEGIN SOLUTION(vfs, do_lseek) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	int64_t base;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = vnode_is_special(f->f_vnode) ? special_file_length(f->f_vnode)
						    : f->f_vnode->vn_len;
		break;
	default:
		fput(f);
		return -EINVAL;
	}
	int64_t pos = base + offset;
	if (pos < 0 || pos > 0x7fffffff) {
		fput(f);
		return -EINVAL;
	}
	f->f_pos = (off_t)pos;
	fput(f);
	return (off_t)pos;
	/* END SOLUTION */
}

int do_dup(int fd)
{
	/* BEGIN SOLUTION(vfs, do_dup) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	int nfd = get_empty_fd();
	if (nfd < 0) {
		fput(f);
		return nfd;
	}
	vfs_curproc()->vp_files[nfd] = f; /* fget's reference now belongs to the slot */
	return nfd;
	/* END SOLUTION */
}

int do_dup2(int ofd, int nfd)
{
	/* BEGIN SOLUTION(vfs, do_dup2) -> -ENOSYS */
	file_t *f = fget(ofd);
	if (f == NULL) {
		return -EBADF;
	}
	if (nfd < 0 || nfd >= NFILES) {
		fput(f);
		return -EBADF;
	}
	if (nfd == ofd) {
		fput(f);
		return nfd;
	}
	vfs_proc_t *vp = vfs_curproc();
	file_t *old = vp->vp_files[nfd];
	vp->vp_files[nfd] = f;
	if (old != NULL) {
		fput(old);
	}
	return nfd;
	/* END SOLUTION */
}

int do_getdent(int fd, dirent_t *d)
{
	/* BEGIN SOLUTION(vfs, do_getdent) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	int ret;
	if (!S_ISDIR(f->f_vnode->vn_mode)) {
		ret = -ENOTDIR;
	} else {
		ret = vop_readdir(f->f_vnode, f->f_pos, d);
		if (ret > 0) {
			f->f_pos = d->d_off;
		}
	}
	fput(f);
	return ret;
	/* END SOLUTION */
}

int do_fstat(int fd, stat_t *st)
{
	/* BEGIN SOLUTION(vfs, do_fstat) -> -ENOSYS */
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	int err = vop_stat(f->f_vnode, st);
	fput(f);
	return err;
	/* END SOLUTION */
}
