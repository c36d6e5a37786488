/*
 * O_TRUNC on a regular file opened for writing empties it; without O_TRUNC
 * the contents stay.
 */
#include "vfstest.h"

KTEST(vfs_open_trunc, "vfs.open.trunc")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "hello"), 0);
	int fd = do_open(VT_DIR "/f", O_WRONLY);
	KT_CHECK(fd >= 0);
	do_close(fd);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), 5);
	fd = do_open(VT_DIR "/f", O_WRONLY | O_TRUNC);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(vt_size(VT_DIR "/f"), 0);
	stat_t st;
	KT_CHECK_EQ(do_fstat(fd, &st), 0);
	KT_CHECK_EQ(st.st_blocks, 0);
	do_close(fd);
	vt_end();
}
