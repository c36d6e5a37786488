/*
 * O_TRUNC empties a regular file whatever the access mode, as on Linux:
 * O_RDONLY | O_TRUNC opens the file empty, and reading it gives 0 bytes.
 * A directory with O_TRUNC is refused with EISDIR, as a directory opened
 * for writing is.
 */
#include "vfstest.h"

KTEST(vfs_open_trunc_rdonly, "vfs.open.trunc_rdonly")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "hello"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY | O_TRUNC);
	if (KT_CHECK(fd >= 0)) {
		KT_CHECK_EQ(vt_size(VT_DIR "/f"), 0);
		char buf[8];
		KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
		KT_CHECK_EQ(do_write(fd, "x", 1), -EBADF);
		KT_CHECK_EQ(do_close(fd), 0);
	}
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY | O_TRUNC), -EISDIR);
	KT_CHECK_EQ(vt_open_fds(), 0);
	vt_end();
}
