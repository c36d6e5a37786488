/*
 * A path that does not start with '/' starts at the current directory.
 */
#include "vfstest.h"

KTEST(vfs_path_relative, "vfs.path.relative")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_chdir(VT_DIR), 0);
	KT_CHECK_EQ(vt_mkfile("d/f", "rel"), 0);
	KT_CHECK_EQ(vt_ino("d/f"), vt_ino(VT_DIR "/d/f"));
	KT_CHECK_EQ(vt_ino("."), vt_ino(VT_DIR));
	KT_CHECK_EQ(vt_ino(".."), vt_ino("/"));
	KT_CHECK_EQ(do_chdir("d"), 0);
	char buf[8];
	KT_CHECK_EQ(vt_readfile("f", buf, sizeof(buf)), 3);
	vt_end();
}
