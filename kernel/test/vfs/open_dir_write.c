/*
 * A directory can be opened for reading, but opening it O_WRONLY, O_RDWR
 * or with O_CREAT fails with EISDIR.
 */
#include "vfstest.h"

KTEST(vfs_open_dir_write, "vfs.open.dir_write")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_open(VT_DIR, O_WRONLY), -EISDIR);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDWR), -EISDIR);
	KT_CHECK_EQ(do_open("/", O_RDWR), -EISDIR);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY | O_CREAT), -EISDIR);
	int fd = do_open(VT_DIR, O_RDONLY);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_close(fd), 0);
	vt_end();
}
