/*
 * A missing directory in the middle of a path, a missing last name, and the
 * empty path all fail with ENOENT.
 */
#include "vfstest.h"

KTEST(vfs_path_noent, "vfs.path.noent")
{
	if (!vt_begin()) {
		return;
	}
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/no/x", &st), -ENOENT);
	KT_CHECK_EQ(do_stat(VT_DIR "/no", &st), -ENOENT);
	KT_CHECK_EQ(do_stat("", &st), -ENOENT);
	KT_CHECK_EQ(do_mkdir(""), -ENOENT);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/no/x"), -ENOENT);
	KT_CHECK_EQ(do_chdir(""), -ENOENT);
	vt_end();
}
