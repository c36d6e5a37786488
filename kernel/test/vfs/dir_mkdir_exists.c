/*
 * do_mkdir() of a name that exists fails with EEXIST: a directory, a file,
 * '/', '.' and '..'.
 */
#include "vfstest.h"

KTEST(vfs_dir_mkdir_exists, "vfs.dir.mkdir_exists")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR), -EEXIST);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/f"), -EEXIST);
	KT_CHECK_EQ(do_mkdir("/"), -EEXIST);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/."), -EEXIST);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/.."), -EEXIST);
	vt_end();
}
