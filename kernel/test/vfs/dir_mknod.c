/*
 * do_mknod() makes character and block device files with the device id
 * asked for; another mode fails with EINVAL, an existing name with EEXIST.
 */
#include "vfstest.h"

KTEST(vfs_dir_mknod, "vfs.dir.mknod")
{
	if (!vt_begin()) {
		return;
	}
	stat_t st;
	KT_CHECK_EQ(do_mknod(VT_DIR "/c", S_IFCHR, DEVID_ZERO), 0);
	KT_CHECK_EQ(do_stat(VT_DIR "/c", &st), 0);
	KT_CHECK(S_ISCHR(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, DEVID_ZERO);
	KT_CHECK_EQ(do_mknod(VT_DIR "/b", S_IFBLK, MKDEVID(DISK_MAJOR, 1)), 0);
	KT_CHECK_EQ(do_stat(VT_DIR "/b", &st), 0);
	KT_CHECK(S_ISBLK(st.st_mode));
	KT_CHECK_EQ(do_mknod(VT_DIR "/r", S_IFREG, 0), -EINVAL);
	KT_CHECK_EQ(do_mknod(VT_DIR "/d", S_IFDIR, 0), -EINVAL);
	KT_CHECK_EQ(do_mknod(VT_DIR "/c", S_IFCHR, DEVID_NULL), -EEXIST);
	KT_CHECK_EQ(do_mknod("/", S_IFCHR, DEVID_NULL), -EEXIST);
	vt_end();
}
