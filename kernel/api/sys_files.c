/*
 * Files as stock Linux binaries see them beyond the VFS's do_* calls
 * (api/linux2.h): paths relative to a directory descriptor (the *at
 * calls), statx, a file's length set to any value (truncate and
 * ftruncate, in their 32- and 64-bit forms), and symbolic links, which
 * S5FS and ramfs do not have.
 *
 * Directory descriptors.  The VFS walks a path from the process's current
 * directory or from the root, and has no walk from another directory
 * that also opens, creates or removes.  So at_dirfd_call() borrows the
 * current directory: it makes the descriptor's directory the process's
 * current one (vfs_proc_swap_cwd()), calls the path-based function, and
 * puts the old one back.  A Keel process has one thread, and no other
 * process looks at its current directory, so nothing else sees the
 * borrowed one.
 *
 * Lengths.  A vnode can only be emptied (vop_truncate()) or written, so a
 * new length is made of those: a longer file gets a zero byte written at
 * its new last byte (the gap reads as zeros: a hole); a shorter one that
 * is not empty has the part it keeps copied to memory, is emptied, and
 * gets that part written back (blocks of zeros stay holes).  The copy
 * takes one page of memory per 4 KiB kept; an S5FS file has at most
 * 4300800 bytes.  The steps are not atomic: a process that reads the
 * file while a shrink waits for the disk may see it empty.
 */
#include "api/linux.h"
#include "api/linux2.h"
#include "api/uaccess.h"
#include "drivers/dev.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"
#include "vm/vmmap.h"

/* ---- paths relative to a directory descriptor ---- */

long at_dirfd_call(int dirfd, const char *path, long (*fn)(const char *path, void *arg), void *arg)
{
	if (path[0] == '/' || dirfd == LINUX_AT_FDCWD) {
		return fn(path, arg);
	}
	file_t *f = fget(dirfd);
	if (f == NULL) {
		return -EBADF;
	}
	if (!S_ISDIR(f->f_vnode->vn_mode)) {
		fput(f);
		return -ENOTDIR;
	}
	vnode_t *old = vfs_proc_swap_cwd(f->f_vnode);
	long ret = fn(path, arg);
	vnode_t *borrowed = vfs_proc_swap_cwd(old);
	vput(old);      /* the swap took a reference of its own */
	vput(borrowed); /* the one the process held while it was current */
	fput(f);
	return ret;
}

/* ---- statx ---- */

typedef struct linux_statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
} linux_statx_timestamp_t;

/* Linux's struct statx: the same layout on every architecture. */
typedef struct linux_statx {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	linux_statx_timestamp_t stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t spare3[12];
} linux_statx_t;

_Static_assert(sizeof(linux_statx_t) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x7ffu
#define STATX_RESERVED 0x80000000u
#define AT_STATX_SYNC_TYPE 0x6000

/* do_stat() for at_dirfd_call(): 'arg' is the stat_t to fill. */
static long stat_path(const char *path, void *arg)
{
	return do_stat(path, (stat_t *)arg);
}

int stat_at(int dirfd, uint32_t upath, uint32_t flags, stat_t *st)
{
	int err;
	char *path = user_path_copy(upath, &err);
	if (path == NULL) {
		return err;
	}
	if (path[0] != '\0') {
		err = (int)at_dirfd_call(dirfd, path, stat_path, st);
	} else if (!(flags & AT_EMPTY_PATH)) {
		err = -ENOENT;
	} else if (dirfd == LINUX_AT_FDCWD) {
		err = do_stat(".", st);
	} else {
		err = do_fstat(dirfd, st);
	}
	kfree(path);
	return err;
}

long sys_statx(SYSCALL_ARGS)
{
	int dirfd = (int)a1;
	uint32_t flags = a3, mask = a4;
	if ((flags &
	     ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0 ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX_RESERVED) != 0) {
		return -EINVAL;
	}
	if (user_range_check((void *)a5, sizeof(linux_statx_t), PROT_WRITE) != 0) {
		return -EFAULT;
	}
	stat_t st;
	int err = stat_at(dirfd, a2, flags, &st);
	if (err < 0) {
		return err;
	}
	linux_statx_t sx;
	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = st.st_blksize;
	sx.stx_nlink = st.st_nlink;
	sx.stx_uid = st.st_uid;
	sx.stx_gid = st.st_gid;
	sx.stx_mode = (uint16_t)st.st_mode;
	sx.stx_ino = st.st_ino;
	sx.stx_size = (uint64_t)st.st_size;
	sx.stx_blocks = st.st_blocks;
	sx.stx_rdev_major = DEVID_MAJOR(st.st_rdev);
	sx.stx_rdev_minor = DEVID_MINOR(st.st_rdev);
	sx.stx_dev_major = DEVID_MAJOR(st.st_dev);
	sx.stx_dev_minor = DEVID_MINOR(st.st_dev);
	return copy_to_user((void *)a5, &sx, sizeof(sx));
}

/* ---- lengths ---- */

/* Writes the non-zero part of 'buf' (n bytes at 'pos') to vn: 0 or -errno. */
static int write_back(vnode_t *vn, off_t pos, const uint8_t *buf, size_t n)
{
	size_t i = 0;
	while (i < n && buf[i] == 0) {
		i++;
	}
	if (i == n) {
		return 0; /* all zeros: left a hole */
	}
	ssize_t w = vop_write(vn, pos, buf, n);
	if (w < 0) {
		return (int)w;
	}
	return (size_t)w == n ? 0 : -ENOSPC;
}

/* Shortens the regular file vn to 'len' bytes (0 < len < its length). */
static int file_shrink(vnode_t *vn, off_t len)
{
	size_t npages = ((size_t)len + PAGE_SIZE - 1) / PAGE_SIZE;
	uint8_t **pages = kzalloc(npages * sizeof(*pages));
	if (pages == NULL) {
		return -ENOMEM;
	}
	int err = 0;
	for (size_t k = 0; k < npages && err == 0; k++) {
		size_t n = MIN((size_t)len - k * PAGE_SIZE, (size_t)PAGE_SIZE);
		pages[k] = page_alloc();
		if (pages[k] == NULL) {
			err = -ENOMEM;
			break;
		}
		ssize_t r = vop_read(vn, (off_t)(k * PAGE_SIZE), pages[k], n);
		if (r < 0) {
			err = (int)r;
		} else if ((size_t)r < n) {
			memset(pages[k] + r, 0, n - (size_t)r);
		}
	}
	if (err == 0) {
		err = vop_truncate(vn); /* from here on, the copy is the only one */
	}
	for (size_t k = 0; k < npages && err == 0; k++) {
		size_t n = MIN((size_t)len - k * PAGE_SIZE, (size_t)PAGE_SIZE);
		err = write_back(vn, (off_t)(k * PAGE_SIZE), pages[k], n);
	}
	if (err == 0 && vn->vn_len < len) {
		uint8_t zero = 0; /* the kept part ends in zeros: a hole up to the last byte */
		ssize_t w = vop_write(vn, len - 1, &zero, 1);
		err = w < 0 ? (int)w : 0;
	}
	for (size_t k = 0; k < npages; k++) {
		if (pages[k] != NULL) {
			page_free(pages[k]);
		}
	}
	kfree(pages);
	return err;
}

int file_set_length(vnode_t *vn, uint64_t len)
{
	if (S_ISDIR(vn->vn_mode)) {
		return -EISDIR;
	}
	if (!S_ISREG(vn->vn_mode)) {
		return -EINVAL;
	}
	if (len > 0x7fffffff) {
		return -EFBIG;
	}
	off_t want = (off_t)len;
	if (want == vn->vn_len) {
		return 0;
	}
	if (want > vn->vn_len) {
		uint8_t zero = 0;
		ssize_t w = vop_write(vn, want - 1, &zero, 1);
		return w < 0 ? (int)w : 0;
	}
	if (want == 0) {
		return vop_truncate(vn);
	}
	return file_shrink(vn, want);
}

/* ftruncate's checks, then the new length. */
static long fd_set_length(int fd, int64_t len)
{
	if (len < 0) {
		return -EINVAL;
	}
	file_t *f = fget(fd);
	if (f == NULL) {
		return -EBADF;
	}
	long err;
	if (!(f->f_mode & FMODE_WRITE) || !S_ISREG(f->f_vnode->vn_mode)) {
		err = -EINVAL;
	} else {
		err = file_set_length(f->f_vnode, (uint64_t)len);
	}
	fput(f);
	return err;
}

/* truncate's checks, then the new length. */
static long path_set_length(uint32_t upath, int64_t len)
{
	int err;
	char *path = user_path_copy(upath, &err);
	if (path == NULL) {
		return err;
	}
	stat_t st;
	int fd = -1;
	if (len < 0) {
		err = -EINVAL;
	} else if ((err = do_stat(path, &st)) < 0) {
		/* the walk's error */
	} else if (S_ISDIR(st.st_mode)) {
		err = -EISDIR;
	} else if (!S_ISREG(st.st_mode)) {
		err = -EINVAL;
	} else {
		fd = do_open(path, O_RDONLY); /* the file, for its vnode */
		err = fd < 0 ? fd : 0;
	}
	kfree(path);
	if (err < 0) {
		return err;
	}
	file_t *f = fget(fd);
	err = file_set_length(f->f_vnode, (uint64_t)len);
	fput(f);
	do_close(fd);
	return err;
}

long sys_truncate(SYSCALL_ARGS)
{
	return path_set_length(a1, (int32_t)a2);
}

long sys_ftruncate(SYSCALL_ARGS)
{
	return fd_set_length((int)a1, (int32_t)a2);
}

long sys_truncate64(SYSCALL_ARGS)
{
	return path_set_length(a1, (int64_t)((uint64_t)a3 << 32 | a2));
}

long sys_ftruncate64(SYSCALL_ARGS)
{
	return fd_set_length((int)a1, (int64_t)((uint64_t)a3 << 32 | a2));
}

/* ---- symbolic links ---- */

long at_name_free(const char *path, void *arg)
{
	size_t len = strlen(path);
	char *dir = kmalloc(len + 2);
	if (dir == NULL) {
		return -ENOMEM;
	}
	strlcpy(dir, path, len + 2);
	char *slash = strrchr(dir, '/');
	if (slash == NULL) {
		strlcpy(dir, ".", len + 2);
	} else {
		slash[slash == dir ? 1 : 0] = '\0'; /* "/name" keeps the root */
	}
	stat_t st;
	int err = do_stat(dir, &st);
	kfree(dir);
	if (err < 0) {
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		return -ENOTDIR;
	}
	err = do_stat(path, &st);
	if (err == 0) {
		return -EEXIST;
	}
	return err == -ENOENT ? 0 : err;
}

/* symlink's and symlinkat's checks, then -EPERM. */
static long symlink_at(uint32_t utarget, int dirfd, uint32_t ulinkpath)
{
	int err;
	char *target = user_path_copy(utarget, &err);
	if (target == NULL) {
		return err;
	}
	kfree(target);
	char *linkpath = user_path_copy(ulinkpath, &err);
	if (linkpath == NULL) {
		return err;
	}
	long ret =
	    linkpath[0] == '\0' ? -ENOENT : at_dirfd_call(dirfd, linkpath, at_name_free, NULL);
	kfree(linkpath);
	return ret < 0 ? ret : -EPERM;
}

long sys_symlink(SYSCALL_ARGS)
{
	return symlink_at(a1, LINUX_AT_FDCWD, a2);
}

long sys_symlinkat(SYSCALL_ARGS)
{
	return symlink_at(a1, (int)a2, a3);
}
