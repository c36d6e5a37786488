/*
 * do_link() to a name that exists fails with EEXIST, from a name that does
 * not with ENOENT; the link count is unchanged.
 */
#include "vfstest.h"

KTEST(vfs_link_errors, "vfs.link.errors")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "x"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", "y"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/b"), -EEXIST);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/."), -EEXIST);
	KT_CHECK_EQ(do_link(VT_DIR "/missing", VT_DIR "/c"), -ENOENT);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/nodir/c"), -ENOENT);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/a"), 1);
	vt_end();
}
