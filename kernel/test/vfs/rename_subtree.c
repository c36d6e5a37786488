/*
 * Moving a directory into its own subtree fails with EINVAL (into a child,
 * a grandchild, or onto itself below), and nothing moves.
 */
#include "vfstest.h"

KTEST(vfs_rename_into_subtree, "vfs.rename.into_subtree")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a/b"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/a/b/c"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/a/x"), -EINVAL);
	KT_CHECK_EQ(do_rename(VT_DIR "/a", VT_DIR "/a/b/c/x"), -EINVAL);
	KT_CHECK_EQ(do_rename(VT_DIR "/a/b", VT_DIR "/a/b/c"), -EINVAL);
	KT_CHECK(vt_ino(VT_DIR "/a/b/c") >= 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/a/x"), -ENOENT);
	vt_end();
}
