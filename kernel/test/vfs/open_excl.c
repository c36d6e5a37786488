/*
 * O_CREAT|O_EXCL fails with EEXIST when the name exists (a file or a
 * directory) and creates the file when it does not.
 */
#include "vfstest.h"

KTEST(vfs_open_excl, "vfs.open.excl")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	KT_CHECK_EQ(do_open(VT_DIR "/f", O_RDWR | O_CREAT | O_EXCL), -EEXIST);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
	int fd = do_open(VT_DIR "/g", O_RDWR | O_CREAT | O_EXCL);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK(vt_ino(VT_DIR "/g") >= 0);
	vt_end();
}
