/*
 * O_CREAT makes a missing regular file: empty, one link, and the descriptor
 * is the lowest free one (0 in a test process with nothing open).
 */
#include "vfstest.h"

KTEST(vfs_open_create, "vfs.open.create")
{
	if (!vt_begin()) {
		return;
	}
	int fd = do_open(VT_DIR "/f", O_RDWR | O_CREAT);
	KT_CHECK_EQ(fd, 0);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/f", &st), 0);
	KT_CHECK(S_ISREG(st.st_mode));
	KT_CHECK_EQ(st.st_size, 0);
	KT_CHECK_EQ(st.st_nlink, 1);
	KT_CHECK_EQ(do_close(fd), 0);
	vt_end();
}
