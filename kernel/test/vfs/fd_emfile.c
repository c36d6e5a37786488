/*
 * A process has NFILES (at least 32) descriptors: with all of them open,
 * do_open() and do_dup() fail with EMFILE; closing one frees it again.
 */
#include "vfstest.h"

KTEST(vfs_fd_emfile, "vfs.fd.emfile")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK(NFILES >= 32);
	for (int i = 0; i < NFILES; i++) {
		if (!KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), i)) {
			break;
		}
	}
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), -EMFILE);
	KT_CHECK_EQ(do_open(VT_DIR "/new", O_RDWR | O_CREAT), -EMFILE);
	KT_CHECK_EQ(vt_ino(VT_DIR "/new"), -ENOENT);
	KT_CHECK_EQ(do_dup(0), -EMFILE);
	KT_CHECK_EQ(do_close(17), 0);
	KT_CHECK_EQ(do_dup(3), 17);
	vt_end();
}
