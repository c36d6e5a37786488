/*
 * Opening a device special file whose device has no driver fails with
 * ENXIO (character and block), though the node itself exists.
 */
#include "vfstest.h"

KTEST(vfs_open_nxio, "vfs.open.nxio")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mknod(VT_DIR "/c", S_IFCHR, MKDEVID(99, 7)), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/b", S_IFBLK, MKDEVID(99, 7)), 0);
	KT_CHECK_EQ(do_open(VT_DIR "/c", O_RDWR), -ENXIO);
	KT_CHECK_EQ(do_open(VT_DIR "/b", O_RDONLY), -ENXIO);
	stat_t st;
	KT_CHECK_EQ(do_stat(VT_DIR "/c", &st), 0);
	KT_CHECK(S_ISCHR(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, MKDEVID(99, 7));
	vt_end();
}
