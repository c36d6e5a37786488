/*
 * do_rmdir() of a path whose last name is '.' fails with EINVAL, and one
 * whose last name is '..' with ENOTEMPTY (Linux's answers).
 */
#include "vfstest.h"

KTEST(vfs_dir_rmdir_dot, "vfs.dir.rmdir_dot")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d/."), -EINVAL);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/d/.."), -ENOTEMPTY);
	KT_CHECK_EQ(do_chdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_rmdir("."), -EINVAL);
	KT_CHECK_EQ(do_rmdir(".."), -ENOTEMPTY);
	KT_CHECK(vt_ino(VT_DIR "/d") >= 0);
	vt_end();
}
