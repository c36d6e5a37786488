/*
 * The access mode O_WRONLY|O_RDWR (3) is invalid: EINVAL, and nothing is
 * created even with O_CREAT.
 */
#include "vfstest.h"

KTEST(vfs_open_accmode, "vfs.open.accmode")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_open(VT_DIR "/f", O_WRONLY | O_RDWR | O_CREAT), -EINVAL);
	KT_CHECK_EQ(vt_ino(VT_DIR "/f"), -ENOENT);
	KT_CHECK_EQ(vt_open_fds(), 0);
	vt_end();
}
