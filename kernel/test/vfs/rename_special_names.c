/*
 * rename refuses the root (EBUSY) and a last name of '.' or '..' (EINVAL),
 * on either side.
 */
#include "vfstest.h"

KTEST(vfs_rename_special_names, "vfs.rename.special_names")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_rename("/", VT_DIR "/r"), -EBUSY);
	KT_CHECK_EQ(do_rename(VT_DIR "/d", "/"), -EBUSY);
	KT_CHECK_EQ(do_rename(VT_DIR "/d/.", VT_DIR "/e"), -EINVAL);
	KT_CHECK_EQ(do_rename(VT_DIR "/d/..", VT_DIR "/e"), -EINVAL);
	KT_CHECK_EQ(do_rename(VT_DIR "/d", VT_DIR "/d/.."), -EINVAL);
	KT_CHECK(vt_ino(VT_DIR "/d") >= 0);
	vt_end();
}
