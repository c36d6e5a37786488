/*
 * The failing vnode operations (support code): what a file system puts in
 * the slots of its operation tables that a kind of file does not support.
 * Each returns the error Linux gives for that call on that kind of file.
 */
#include "errno.h"
#include "vfs/vnode.h"

ssize_t vop_fail_read_isdir(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	return -EISDIR;
}

ssize_t vop_fail_write_isdir(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	return -EISDIR;
}

int vop_fail_truncate_isdir(vnode_t *vn)
{
	return -EISDIR;
}

ssize_t vop_fail_read_inval(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	return -EINVAL;
}

ssize_t vop_fail_write_inval(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	return -EINVAL;
}

int vop_fail_truncate_inval(vnode_t *vn)
{
	return -EINVAL;
}

int vop_fail_lookup_notdir(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	return -ENOTDIR;
}

int vop_fail_create_notdir(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	return -ENOTDIR;
}

int vop_fail_mknod_notdir(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid)
{
	return -ENOTDIR;
}

int vop_fail_mkdir_notdir(vnode_t *dir, const char *name, size_t len)
{
	return -ENOTDIR;
}

int vop_fail_rmdir_notdir(vnode_t *dir, const char *name, size_t len)
{
	return -ENOTDIR;
}

int vop_fail_link_notdir(vnode_t *dir, const char *name, size_t len, vnode_t *target)
{
	return -ENOTDIR;
}

int vop_fail_unlink_notdir(vnode_t *dir, const char *name, size_t len)
{
	return -ENOTDIR;
}

int vop_fail_rename_notdir(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
			   const char *newname, size_t newlen)
{
	return -ENOTDIR;
}

int vop_fail_readdir_notdir(vnode_t *dir, off_t pos, dirent_t *d)
{
	return -ENOTDIR;
}

int vop_fail_mmap_nodev(vnode_t *vn, struct mobj **ret)
{
	return -ENODEV;
}
