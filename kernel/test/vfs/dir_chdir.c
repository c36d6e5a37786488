/*
 * do_chdir() changes where relative paths start, and do_getcwd() names it;
 * the process holds a reference to its current directory.
 */
#include "vfstest.h"

KTEST(vfs_dir_chdir, "vfs.dir.chdir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_chdir(VT_DIR "/d"), 0);
	char buf[64];
	KT_CHECK_EQ(do_getcwd(buf, sizeof(buf)), 0);
	KT_CHECK_STR(buf, "/t/d");
	KT_CHECK_EQ(vt_refcount("."), 1);
	KT_CHECK_EQ(do_mkdir("e"), 0);
	KT_CHECK(vt_ino(VT_DIR "/d/e") >= 0);
	KT_CHECK_EQ(do_chdir("/"), 0);
	KT_CHECK_EQ(do_getcwd(buf, sizeof(buf)), 0);
	KT_CHECK_STR(buf, "/");
	KT_CHECK_EQ(vt_refcount(VT_DIR "/d"), 0);
	vt_end();
}
