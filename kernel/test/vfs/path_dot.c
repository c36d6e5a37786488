/*
 * '.' names the directory it is in and '..' its parent, anywhere in a path.
 */
#include "vfstest.h"

KTEST(vfs_path_dot, "vfs.path.dot")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d/e"), 0);
	long d = vt_ino(VT_DIR "/d");
	KT_CHECK_EQ(vt_ino(VT_DIR "/./d/."), d);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d/e/.."), d);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d/e/../../d"), d);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d/.."), vt_ino(VT_DIR));
	vt_end();
}
