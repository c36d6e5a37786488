/*
 * The access mode is enforced: reading a write-only descriptor and writing
 * a read-only one fail with EBADF; O_RDWR does both.
 */
#include "vfstest.h"

KTEST(vfs_open_modes, "vfs.open.modes")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "abc"), 0);
	char buf[4];
	int ro = do_open(VT_DIR "/f", O_RDONLY);
	int wo = do_open(VT_DIR "/f", O_WRONLY);
	int rw = do_open(VT_DIR "/f", O_RDWR);
	KT_CHECK(ro >= 0 && wo >= 0 && rw >= 0);
	KT_CHECK_EQ(do_write(ro, "x", 1), -EBADF);
	KT_CHECK_EQ(do_read(wo, buf, 1), -EBADF);
	KT_CHECK_EQ(do_read(rw, buf, 1), 1);
	KT_CHECK_EQ(do_write(rw, "Z", 1), 1);
	KT_CHECK_EQ(do_read(ro, buf, 3), 3);
	KT_CHECK(memcmp(buf, "aZc", 3) == 0);
	vt_end();
}
