/*
 * Opening a name that does not exist without O_CREAT fails with ENOENT and
 * creates nothing.
 */
#include "vfstest.h"

KTEST(vfs_open_noent, "vfs.open.noent")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_open(VT_DIR "/missing", O_RDONLY), -ENOENT);
	KT_CHECK_EQ(do_open(VT_DIR "/missing", O_RDWR), -ENOENT);
	KT_CHECK_EQ(vt_ino(VT_DIR "/missing"), -ENOENT);
	vt_end();
}
