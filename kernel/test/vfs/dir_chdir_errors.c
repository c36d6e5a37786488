/*
 * do_chdir() to a file fails with ENOTDIR, to a missing name with ENOENT,
 * and the current directory stays where it was.
 */
#include "vfstest.h"

KTEST(vfs_dir_chdir_errors, "vfs.dir.chdir_errors")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_chdir(VT_DIR), 0);
	KT_CHECK_EQ(do_chdir("f"), -ENOTDIR);
	KT_CHECK_EQ(do_chdir("missing"), -ENOENT);
	KT_CHECK_EQ(do_chdir("/dev/null"), -ENOTDIR);
	KT_CHECK_EQ(vt_ino("."), vt_ino(VT_DIR));
	vt_end();
}
