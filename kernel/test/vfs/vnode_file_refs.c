/*
 * An open file holds one vnode reference however many descriptors share it;
 * each do_open() makes a file of its own with its own reference.
 */
#include "vfstest.h"

KTEST(vfs_vnode_file_refs, "vfs.vnode.file_refs")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	int a = do_open(VT_DIR "/f", O_RDONLY);
	KT_CHECK_EQ(vt_refcount(VT_DIR "/f"), 1);
	do_dup(a);
	do_dup(a);
	KT_CHECK_EQ(vt_refcount(VT_DIR "/f"), 1);
	do_open(VT_DIR "/f", O_RDONLY);
	KT_CHECK_EQ(vt_refcount(VT_DIR "/f"), 2);
	vt_end();
}
