/*
 * A trailing '/' after a regular file fails with ENOTDIR; with O_CREAT on a
 * name that does not exist it fails with EISDIR (Linux's answers).
 */
#include "vfstest.h"

KTEST(vfs_open_trailing_slash, "vfs.open.trailing_slash")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_open(VT_DIR "/f/", O_RDONLY), -ENOTDIR);
	KT_CHECK_EQ(do_open(VT_DIR "/new/", O_RDWR | O_CREAT), -EISDIR);
	KT_CHECK_EQ(vt_ino(VT_DIR "/new"), -ENOENT);
	int fd = do_open(VT_DIR "/", O_RDONLY);
	KT_CHECK(fd >= 0);
	do_close(fd);
	vt_end();
}
