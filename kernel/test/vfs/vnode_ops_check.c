/*
 * vget() refuses a file system whose operations table has an empty slot
 * (every unsupported operation must be a function returning its error):
 * it panics, naming the slot, through vnode_ops_check().  The file system
 * here is a pretend one whose read_vnode gives a table without 'stat'.
 */
#include "vfstest.h"

static const vnode_ops_t incomplete_ops = {
	.read = vop_fail_read_inval,
	.write = vop_fail_write_inval,
	.truncate = vop_fail_truncate_inval,
	.lookup = vop_fail_lookup_notdir,
	.create = vop_fail_create_notdir,
	.mknod = vop_fail_mknod_notdir,
	.mkdir = vop_fail_mkdir_notdir,
	.rmdir = vop_fail_rmdir_notdir,
	.link = vop_fail_link_notdir,
	.unlink = vop_fail_unlink_notdir,
	.rename = vop_fail_rename_notdir,
	.readdir = vop_fail_readdir_notdir,
};

static int incomplete_read_vnode(fs_t *fs, vnode_t *vn)
{
	vn->vn_ops = &incomplete_ops;
	vn->vn_mode = S_IFREG;
	return 0;
}

static void incomplete_release_vnode(fs_t *fs, vnode_t *vn)
{
}

static int incomplete_unmount(fs_t *fs)
{
	return 0;
}

static const fs_ops_t incomplete_fs_ops = {
	.read_vnode = incomplete_read_vnode,
	.release_vnode = incomplete_release_vnode,
	.unmount = incomplete_unmount,
};

KTEST_PANIC(vfs_vnode_ops_check, "vfs.vnode.ops_check", "has no 'stat' operation")
{
	static fs_t fs = {.fs_ops = &incomplete_fs_ops, .fs_type = "incomplete"};
	vnode_t *vn = NULL;
	int err = vget(&fs, 1, &vn);
	ktest_note("vget returned %d without panicking", err);
}
