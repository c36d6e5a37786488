/*
 * There is one vnode per file: two lookups of the same file by different
 * paths give the same vnode, whose count counts both.
 */
#include "vfs/namev.h"
#include "vfstest.h"

KTEST(vfs_vnode_unique, "vfs.vnode.unique")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d/f", "x"), 0);
	vnode_t *a, *b;
	KT_CHECK_EQ(namev_resolve(NULL, VT_DIR "/d/f", &a), 0);
	KT_CHECK_EQ(namev_resolve(NULL, "//t/d/../d/./f", &b), 0);
	KT_CHECK(a == b);
	KT_CHECK_EQ(a->vn_refcount, 2);
	vput(a);
	KT_CHECK_EQ(b->vn_refcount, 1);
	vput(b);
	vt_end();
}
