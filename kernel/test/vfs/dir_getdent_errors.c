/*
 * do_getdent() of a descriptor that is not a directory fails with ENOTDIR,
 * of a bad descriptor with EBADF.
 */
#include "vfstest.h"

KTEST(vfs_dir_getdent_errors, "vfs.dir.getdent_errors")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "x"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	dirent_t d;
	KT_CHECK_EQ(do_getdent(fd, &d), -ENOTDIR);
	KT_CHECK_EQ(do_getdent(-1, &d), -EBADF);
	KT_CHECK_EQ(do_getdent(NFILES, &d), -EBADF);
	vt_end();
}
