/*
 * Every new descriptor is the lowest free one: after closing a descriptor
 * in the middle, the next open gets that one.
 */
#include "vfstest.h"

KTEST(vfs_fd_lowest, "vfs.fd.lowest")
{
	if (!vt_begin()) {
		return;
	}
	int a = do_open(VT_DIR, O_RDONLY);
	int b = do_open(VT_DIR, O_RDONLY);
	int c = do_open(VT_DIR, O_RDONLY);
	KT_CHECK_EQ(a, 0);
	KT_CHECK_EQ(b, 1);
	KT_CHECK_EQ(c, 2);
	KT_CHECK_EQ(do_close(b), 0);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), 1);
	KT_CHECK_EQ(do_close(a), 0);
	KT_CHECK_EQ(do_dup(c), 0);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), 3);
	vt_end();
}
