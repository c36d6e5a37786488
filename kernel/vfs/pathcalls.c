/*
 * The file system calls that work on paths: mknod, mkdir, rmdir, unlink,
 * link, rename, chdir, stat (contracts in vfs/vfs_syscall.h).
 *
 * A call that makes or removes an entry walks to the directory that holds
 * it with namev_dir(), checks the last name itself ('.', '..', an empty
 * name for "/", a trailing slash), and asks the directory's file system to
 * do the rest.  Errors the file system can see (an existing name, a
 * directory that is not empty) come from it; errors about the shape of the
 * path are yours.
 *
 * rename must refuse to move a directory into its own subtree: walk up
 * from the new parent through '..' to the root and fail if you meet the
 * directory being moved (vnodes are unique, so comparing pointers is
 * enough).  Put every vnode you take on the way.
 */
#include "errno.h"
#include "util/debug.h"
#include "vfs/namev.h"
#include "vfs/vfs.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

static bool name_is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static bool name_is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

int do_mknod(const char *path, mode_t mode, devid_t devid)
{
	/* BEGIN SOLUTION(vfs, do_mknod) -> -ENOSYS */
	if (!S_ISCHR(mode) && !S_ISBLK(mode)) {
		return -EINVAL;
	}
	vnode_t *dir;
	const char *name;
	size_t len;
	int err = namev_dir(NULL, path, &dir, &name, &len);
	if (err < 0) {
		return err;
	}
	if (len == 0 || name_is_dot(name, len) || name_is_dotdot(name, len)) {
		err = -EEXIST;
	} else if (name[len] == '/') {
		/* A trailing '/' asks for a directory, which this call does not make. */
		vnode_t *vn;
		err = namev_lookup(dir, name, len, &vn);
		if (err == 0) {
			vput(vn);
			err = -EEXIST;
		}
	} else {
		err = vop_mknod(dir, name, len, mode & S_IFMT, devid);
	}
	vput(dir);
	return err;
	/* END SOLUTION */
}

int do_mkdir(const char *path)
{
	/* BEGIN SOLUTION(vfs, do_mkdir) -> -ENOSYS */
	vnode_t *dir;
	const char *name;
	size_t len;
	int err = namev_dir(NULL, path, &dir, &name, &len);
	if (err < 0) {
		return err;
	}
	if (len == 0 || name_is_dot(name, len) || name_is_dotdot(name, len)) {
		err = -EEXIST;
	} else {
		err = vop_mkdir(dir, name, len);
	}
	vput(dir);
	return err;
	/* END SOLUTION */
}

int do_rmdir(const char *path)
{
	/* BEGIN SOLUTION(vfs, do_rmdir) -> -ENOSYS */
	vnode_t *dir;
	const char *name;
	size_t len;
	int err = namev_dir(NULL, path, &dir, &name, &len);
	if (err < 0) {
		return err;
	}
	if (len == 0) {
		err = -EBUSY;
	} else if (name_is_dot(name, len)) {
		err = -EINVAL;
	} else if (name_is_dotdot(name, len)) {
		err = -ENOTEMPTY;
	} else {
		err = vop_rmdir(dir, name, len);
	}
	vput(dir);
	return err;
	/* END SOLUTION */
}

int do_unlink(const char *path)
{
	/* BEGIN SOLUTION(vfs, do_unlink) -> -ENOSYS */
	vnode_t *dir;
	const char *name;
	size_t len;
	int err = namev_dir(NULL, path, &dir, &name, &len);
	if (err < 0) {
		return err;
	}
	if (len == 0 || name_is_dot(name, len) || name_is_dotdot(name, len)) {
		err = -EISDIR;
	} else if (name[len] == '/') {
		/* A trailing slash: only a directory could match, and it cannot be unlinked. */
		vnode_t *vn;
		err = namev_lookup(dir, name, len, &vn);
		if (err == 0) {
			err = S_ISDIR(vn->vn_mode) ? -EISDIR : -ENOTDIR;
			vput(vn);
		}
	} else {
		err = vop_unlink(dir, name, len);
	}
	vput(dir);
	return err;
	/* END SOLUTION */
}

int do_link(const char *oldpath, const char *newpath)
{
	/* BEGIN SOLUTION(vfs, do_link) -> -ENOSYS */
	vnode_t *target;
	int err = namev_resolve(NULL, oldpath, &target);
	if (err < 0) {
		return err;
	}
	if (S_ISDIR(target->vn_mode)) {
		vput(target);
		return -EPERM;
	}
	vnode_t *dir;
	const char *name;
	size_t len;
	err = namev_dir(NULL, newpath, &dir, &name, &len);
	if (err < 0) {
		vput(target);
		return err;
	}
	if (len == 0 || name_is_dot(name, len) || name_is_dotdot(name, len)) {
		err = -EEXIST;
	} else if (name[len] == '/') {
		/* A trailing '/' asks for a directory, which this call does not make. */
		vnode_t *vn;
		err = namev_lookup(dir, name, len, &vn);
		if (err == 0) {
			vput(vn);
			err = -EEXIST;
		}
	} else {
		err = vop_link(dir, name, len, target);
	}
	vput(dir);
	vput(target);
	return err;
	/* END SOLUTION */
}

/*
 * Whether directory 'dir' is 'ancestor' or lies below it: sets *below
 * and returns 0, or returns the -errno of a lookup of ".." on the way up
 * (*below is then not set).  Holds one reference at a time on the way up
 * and none when it returns.
 */
static int dir_is_below(vnode_t *dir, vnode_t *ancestor, bool *below)
{
	/* BEGIN SOLUTION(vfs, dir_is_below) -> -ENOSYS */
	vnode_t *root = vfs_root_vnode();
	vnode_t *cur = dir;
	vref(cur);
	for (;;) {
		if (cur == ancestor) {
			*below = true;
			break;
		}
		if (cur == root) {
			*below = false;
			break;
		}
		vnode_t *parent;
		int err = namev_lookup(cur, "..", 2, &parent);
		vput(cur);
		if (err < 0) {
			return err;
		}
		cur = parent;
	}
	vput(cur);
	return 0;
	/* END SOLUTION */
}

int do_rename(const char *oldpath, const char *newpath)
{
	/* BEGIN SOLUTION(vfs, do_rename) -> -ENOSYS */
	vnode_t *olddir, *newdir, *src = NULL;
	const char *oldname, *newname;
	size_t oldlen, newlen;
	int err = namev_dir(NULL, oldpath, &olddir, &oldname, &oldlen);
	if (err < 0) {
		return err;
	}
	err = namev_dir(NULL, newpath, &newdir, &newname, &newlen);
	if (err < 0) {
		goto out_put_olddir;
	}
	if (oldlen == 0 || newlen == 0) {
		err = -EBUSY;
		goto out_put_newdir;
	}
	if (name_is_dot(oldname, oldlen) || name_is_dotdot(oldname, oldlen) ||
	    name_is_dot(newname, newlen) || name_is_dotdot(newname, newlen)) {
		err = -EINVAL;
		goto out_put_newdir;
	}
	err = namev_lookup(olddir, oldname, oldlen, &src);
	if (err < 0) {
		goto out_put_newdir;
	}
	if (!S_ISDIR(src->vn_mode) && (oldname[oldlen] == '/' || newname[newlen] == '/')) {
		err = -ENOTDIR;
		goto out_put_src;
	}
	if (S_ISDIR(src->vn_mode)) {
		bool below = false;
		err = dir_is_below(newdir, src, &below);
		if (err < 0) {
			goto out_put_src;
		}
		if (below) {
			err = -EINVAL;
			goto out_put_src;
		}
	}
	err = vop_rename(olddir, oldname, oldlen, newdir, newname, newlen);

out_put_src:
	vput(src);
out_put_newdir:
	vput(newdir);
out_put_olddir:
	vput(olddir);
	return err;
	/* END SOLUTION */
}

int do_chdir(const char *path)
{
	/* BEGIN SOLUTION(vfs, do_chdir) -> -ENOSYS */
	vnode_t *vn;
	int err = namev_resolve(NULL, path, &vn);
	if (err < 0) {
		return err;
	}
	if (!S_ISDIR(vn->vn_mode)) {
		vput(vn);
		return -ENOTDIR;
	}
	vfs_proc_t *vp = vfs_curproc();
	vnode_t *old = vp->vp_cwd;
	vp->vp_cwd = vn;
	vput(old);
	return 0;
	/* END SOLUTION */
}

int do_stat(const char *path, stat_t *st)
{
	/* BEGIN SOLUTION(vfs, do_stat) -> -ENOSYS */
	vnode_t *vn;
	int err = namev_resolve(NULL, path, &vn);
	if (err < 0) {
		return err;
	}
	err = vop_stat(vn, st);
	vput(vn);
	return err;
	/* END SOLUTION */
}
