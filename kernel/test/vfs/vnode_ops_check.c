/*
 * Every slot of a vnode operations table must be filled (an unsupported
 * operation is a function returning its error): vnode_ops_check() panics
 * naming the empty slot.
 */
#include "vfstest.h"

KTEST_PANIC(vfs_vnode_ops_check, "vfs.vnode.ops_check", "has no 'stat' operation")
{
	static vnode_ops_t ops = {
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
	vnode_ops_check(&ops);
}
