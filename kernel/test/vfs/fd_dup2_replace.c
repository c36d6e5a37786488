/*
 * do_dup2() onto an open descriptor closes what it had first: the file it
 * pointed to is released (its vnode count goes back).
 */
#include "vfstest.h"

KTEST(vfs_fd_dup2_replace, "vfs.fd.dup2_replace")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "A"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", "B"), 0);
	int a = do_open(VT_DIR "/a", O_RDONLY);
	int b = do_open(VT_DIR "/b", O_RDONLY);
	KT_CHECK_EQ(vt_refcount(VT_DIR "/b"), 1);
	KT_CHECK_EQ(do_dup2(a, b), b);
	KT_CHECK_EQ(vt_refcount(VT_DIR "/b"), 0);
	char c;
	KT_CHECK_EQ(do_read(b, &c, 1), 1);
	KT_CHECK_EQ(c, 'A');
	KT_CHECK_EQ(do_dup2(a, 20), 20);
	KT_CHECK_EQ(vt_open_fds(), 3);
	vt_end();
}
