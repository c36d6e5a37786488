/*
 * A lookup gives exactly one reference to what it finds and holds nothing
 * else afterwards: walking a deep path leaves every directory on the way
 * with the count it had, and a failed walk leaves nothing held.
 */
#include "vfs/namev.h"
#include "vfstest.h"

KTEST(vfs_path_refs, "vfs.path.refs")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a/b"), 0);
	int resident = vnode_count();
	vnode_t *vn;
	KT_CHECK_EQ(namev_resolve(NULL, VT_DIR "/a/b/../b/.", &vn), 0);
	KT_CHECK_EQ(vn->vn_refcount, 1);
	KT_CHECK_EQ(vnode_count(), resident + 1);
	vput(vn);
	KT_CHECK_EQ(vnode_count(), resident);
	KT_CHECK_EQ(namev_resolve(NULL, VT_DIR "/a/b/missing/x", &vn), -ENOENT);
	KT_CHECK_EQ(vnode_count(), resident);
	vt_end();
}
