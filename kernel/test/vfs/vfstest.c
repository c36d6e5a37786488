/* Helpers for the vfs.* tests; see vfstest.h. */
#include "vfstest.h"
#include "vfs/namev.h"

int vt_mkfile(const char *path, const char *data)
{
	int fd = do_open(path, O_WRONLY | O_CREAT | O_TRUNC);
	if (fd < 0) {
		return fd;
	}
	size_t len = strlen(data);
	ssize_t n = len > 0 ? do_write(fd, data, len) : 0;
	do_close(fd);
	if (n < 0) {
		return (int)n;
	}
	return (size_t)n == len ? 0 : -EIO;
}

ssize_t vt_readfile(const char *path, char *buf, size_t size)
{
	int fd = do_open(path, O_RDONLY);
	if (fd < 0) {
		return fd;
	}
	size_t used = 0;
	while (used + 1 < size) {
		ssize_t n = do_read(fd, buf + used, size - 1 - used);
		if (n < 0) {
			do_close(fd);
			return n;
		}
		if (n == 0) {
			break;
		}
		used += (size_t)n;
	}
	buf[used] = '\0';
	do_close(fd);
	return (ssize_t)used;
}

int vt_rmtree(const char *path)
{
	stat_t st;
	int err = do_stat(path, &st);
	if (err < 0) {
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		return do_unlink(path);
	}
	for (;;) {
		int fd = do_open(path, O_RDONLY);
		if (fd < 0) {
			return fd;
		}
		dirent_t d;
		char child[MAXPATHLEN];
		bool found = false;
		while (do_getdent(fd, &d) > 0) {
			if (strcmp(d.d_name, ".") != 0 && strcmp(d.d_name, "..") != 0) {
				snprintf(child, sizeof(child), "%s/%s", path, d.d_name);
				found = true;
				break;
			}
		}
		do_close(fd);
		if (!found) {
			break;
		}
		err = vt_rmtree(child);
		if (err < 0) {
			return err;
		}
	}
	return do_rmdir(path);
}

bool vt_begin(void)
{
	if (!KT_CHECK(vfs_root_vnode() != NULL)) {
		return false;
	}
	vt_rmtree(VT_DIR);
	return KT_CHECK_EQ(do_mkdir(VT_DIR), 0);
}

void vt_end(void)
{
	for (int fd = 0; fd < NFILES; fd++) {
		do_close(fd);
	}
	do_chdir("/");
	int err = vt_rmtree(VT_DIR);
	if (err < 0 && err != -ENOENT) {
		ktest_fail("could not remove %s: %d", VT_DIR, err);
	}
}

long vt_ino(const char *path)
{
	stat_t st;
	int err = do_stat(path, &st);
	return err < 0 ? err : (long)st.st_ino;
}

long vt_nlink(const char *path)
{
	stat_t st;
	int err = do_stat(path, &st);
	return err < 0 ? err : (long)st.st_nlink;
}

long vt_size(const char *path)
{
	stat_t st;
	int err = do_stat(path, &st);
	return err < 0 ? err : (long)st.st_size;
}

int vt_open_fds(void)
{
	vfs_proc_t *vp = vfs_curproc();
	int n = 0;
	for (int fd = 0; vp != NULL && fd < NFILES; fd++) {
		n += vp->vp_files[fd] != NULL;
	}
	return n;
}

int vt_refcount(const char *path)
{
	vnode_t *vn;
	int err = namev_resolve(NULL, path, &vn);
	if (err < 0) {
		return err;
	}
	int count = vn->vn_refcount - 1;
	vput(vn);
	return count;
}
