/*
 * Repeated slashes count as one, at the start, in the middle and at the end
 * of a path: "//t//d///f" is "/t/d/f" and "/t/d//" is "/t/d".
 */
#include "vfstest.h"

KTEST(vfs_path_slashes, "vfs.path.slashes")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d/f", "x"), 0);
	long f = vt_ino(VT_DIR "/d/f");
	KT_CHECK(f >= 0);
	KT_CHECK_EQ(vt_ino("//t//d///f"), f);
	KT_CHECK_EQ(vt_ino("/t/d//"), vt_ino(VT_DIR "/d"));
	KT_CHECK_EQ(vt_ino("///"), vt_ino("/"));
	vt_end();
}
