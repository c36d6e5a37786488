/*
 * do_unlink() removes a file's name: it cannot be found afterwards, and a
 * second unlink fails with ENOENT.
 */
#include "vfstest.h"

KTEST(vfs_dir_unlink, "vfs.dir.unlink")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/f"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/f"), -ENOENT);
	KT_CHECK_EQ(do_unlink(VT_DIR "/f"), -ENOENT);
	KT_CHECK_EQ(do_mknod(VT_DIR "/n", S_IFCHR, DEVID_NULL), 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/n"), 0);
	vt_end();
}
