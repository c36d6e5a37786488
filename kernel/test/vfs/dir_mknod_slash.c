/*
 * A trailing '/' on the name do_mknod() would make asks for a directory,
 * which mknod does not make: ENOENT when the name does not exist (as on
 * Linux), EEXIST when it does, and nothing is created.
 */
#include "vfstest.h"

KTEST(vfs_dir_mknod_slash, "vfs.dir.mknod_slash")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mknod(VT_DIR "/n/", S_IFCHR, DEVID_ZERO), -ENOENT);
	KT_CHECK_EQ(vt_ino(VT_DIR "/n"), -ENOENT);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", ""), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/f/", S_IFCHR, DEVID_ZERO), -EEXIST);
	vt_end();
}
