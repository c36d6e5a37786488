/*
 * O_CREAT makes only the last name: a missing directory on the way fails
 * with ENOENT.
 */
#include "vfstest.h"

KTEST(vfs_open_missing_dir, "vfs.open.missing_dir")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_open(VT_DIR "/nodir/f", O_RDWR | O_CREAT), -ENOENT);
	KT_CHECK_EQ(vt_ino(VT_DIR "/nodir"), -ENOENT);
	vt_end();
}
