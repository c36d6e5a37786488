/*
 * Path lookup (see vfs/namev.h for the contracts).
 *
 * A walk splits the path at slashes and looks up one name at a time,
 * starting at the root (a path that begins with '/') or at 'base' (the
 * current directory when NULL).  It holds one reference at a time: the
 * directory it is in.  Looking up the next name gives a new reference;
 * then the walk puts the directory it leaves.  Every error path puts what
 * it holds, so a failed walk leaves every count as it found it.
 *
 * The last name is special: namev_dir() stops before it (the callers that
 * create or remove entries want the directory and the name), and
 * namev_resolve() / namev_open() look it up (or create it).
 *
 * Hints: vfs_root_vnode() and vfs_cwd() give the starting points without
 * a reference (vref() the one you start from); '.' and '..' need no special
 * case (they are entries of every directory, and the root's '..' is the
 * root).
 */
#include "vfs/namev.h"
#include "errno.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/fcntl.h"
#include "vfs/vfs.h"
#include "vfs/vfs_proc.h"

int namev_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	/* BEGIN SOLUTION(vfs, namev_lookup) -> -ENOSYS */
	KASSERT(dir != NULL && result != NULL);
	if (!S_ISDIR(dir->vn_mode)) {
		return -ENOTDIR;
	}
	if (len > NAME_LEN) {
		return -ENAMETOOLONG;
	}
	if (len == 0) {
		vref(dir);
		*result = dir;
		return 0;
	}
	return vop_lookup(dir, name, len, result);
	/* END SOLUTION */
}

int namev_dir(vnode_t *base, const char *path, vnode_t **dirp, const char **namep, size_t *lenp)
{
	/* BEGIN SOLUTION(vfs, namev_dir) -> -ENOSYS */
	KASSERT(path != NULL && dirp != NULL && namep != NULL && lenp != NULL);
	size_t plen = strnlen(path, MAXPATHLEN);
	if (plen == 0) {
		return -ENOENT;
	}
	if (plen >= MAXPATHLEN) {
		return -ENAMETOOLONG;
	}
	vnode_t *dir = path[0] == '/' ? vfs_root_vnode() : base != NULL ? base : vfs_cwd();
	if (dir == NULL) {
		return -ENOENT;
	}
	vref(dir);
	const char *p = path;
	while (*p == '/') {
		p++;
	}
	for (;;) {
		const char *name = p;
		size_t len = 0;
		while (name[len] != '\0' && name[len] != '/') {
			len++;
		}
		const char *next = name + len;
		while (*next == '/') {
			next++;
		}
		if (*next == '\0') {
			if (len > NAME_LEN) {
				vput(dir);
				return -ENAMETOOLONG;
			}
			if (!S_ISDIR(dir->vn_mode)) {
				vput(dir);
				return -ENOTDIR;
			}
			*dirp = dir;
			*namep = name;
			*lenp = len;
			return 0;
		}
		vnode_t *child;
		int err = namev_lookup(dir, name, len, &child);
		vput(dir);
		if (err < 0) {
			return err;
		}
		dir = child;
		p = next;
	}
	/* END SOLUTION */
}

int namev_resolve(vnode_t *base, const char *path, vnode_t **result)
{
	/* BEGIN SOLUTION(vfs, namev_resolve) -> -ENOSYS */
	return namev_open(base, path, O_RDONLY, result);
	/* END SOLUTION */
}

int namev_open(vnode_t *base, const char *path, int flags, vnode_t **result)
{
	/* BEGIN SOLUTION(vfs, namev_open) -> -ENOSYS */
	vnode_t *dir;
	const char *name;
	size_t len;
	int err = namev_dir(base, path, &dir, &name, &len);
	if (err < 0) {
		return err;
	}
	bool trailing_slash = name[len] == '/';
	vnode_t *vn;
	err = namev_lookup(dir, name, len, &vn);
	if (err == -ENOENT && (flags & O_CREAT)) {
		err = trailing_slash ? -EISDIR : vop_create(dir, name, len, &vn);
		vput(dir);
		if (err < 0) {
			return err;
		}
		*result = vn;
		return 0;
	}
	vput(dir);
	if (err < 0) {
		return err;
	}
	if ((flags & O_CREAT) && (flags & O_EXCL)) {
		vput(vn);
		return -EEXIST;
	}
	if (trailing_slash && !S_ISDIR(vn->vn_mode)) {
		vput(vn);
		return -ENOTDIR;
	}
	*result = vn;
	return 0;
	/* END SOLUTION */
}
