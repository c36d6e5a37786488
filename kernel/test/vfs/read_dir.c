/*
 * do_read() of a directory descriptor fails with EISDIR.
 */
#include "vfstest.h"

KTEST(vfs_read_dir, "vfs.read.dir")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR, O_RDONLY);
	char buf[8];
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), -EISDIR);
	vt_end();
}
