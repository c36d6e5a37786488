/*
 * '/' is a directory, and '/..', '/../..' and '/.' are all '/' (the root is
 * its own parent).
 */
#include "vfstest.h"

KTEST(vfs_path_root, "vfs.path.root")
{
	long root = vt_ino("/");
	KT_CHECK(root >= 0);
	KT_CHECK_EQ(vt_ino("/.."), root);
	KT_CHECK_EQ(vt_ino("/../../.."), root);
	KT_CHECK_EQ(vt_ino("/."), root);
	KT_CHECK_EQ(vt_ino("/dev/../.."), root);
	stat_t st;
	KT_CHECK_EQ(do_stat("/", &st), 0);
	KT_CHECK(S_ISDIR(st.st_mode));
}
