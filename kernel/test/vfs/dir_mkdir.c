/*
 * do_mkdir() makes an empty directory with '.' and '..': its link count is
 * 2, its parent's goes up by one (the new '..'), and a trailing slash is
 * allowed.
 */
#include "vfstest.h"

KTEST(vfs_dir_mkdir, "vfs.dir.mkdir")
{
	if (!vt_begin()) {
		return;
	}
	long parent = vt_nlink(VT_DIR);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d/"), 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/d", &st), 0);
	KT_CHECK(S_ISDIR(st.st_mode));
	KT_CHECK_EQ(st.st_nlink, 2);
	KT_CHECK_EQ(vt_nlink(VT_DIR), parent + 1);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d/."), (long)st.st_ino);
	KT_CHECK_EQ(vt_ino(VT_DIR "/d/.."), vt_ino(VT_DIR));
	vt_end();
}
