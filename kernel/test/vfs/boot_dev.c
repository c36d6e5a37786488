/*
 * At boot the root is a ramfs directory and /dev holds a node for every
 * registered device: tty0, ttyS0, null and zero as character devices, and
 * hda (the runner always attaches a disk) as a block device.
 */
#include "drivers/dev.h"
#include "test/ktest.h"
#include "vfs/vfs_syscall.h"

KTEST(vfs_boot_dev, "vfs.boot.dev")
{
	stat_t st;
	KT_CHECK_EQ(do_stat("/", &st), 0);
	KT_CHECK(S_ISDIR(st.st_mode));
	KT_CHECK_EQ(do_stat("/dev", &st), 0);
	KT_CHECK(S_ISDIR(st.st_mode));
	const char *chr[] = {"/dev/tty0",  "/dev/tty1", "/dev/tty2",
			     "/dev/ttyS0", "/dev/null", "/dev/zero"};
	for (size_t i = 0; i < ARRAY_SIZE(chr); i++) {
		if (!KT_CHECK_EQ(do_stat(chr[i], &st), 0)) {
			ktest_note("missing %s", chr[i]);
			continue;
		}
		KT_CHECK(S_ISCHR(st.st_mode));
	}
	KT_CHECK_EQ(do_stat("/dev/null", &st), 0);
	KT_CHECK_EQ(st.st_rdev, DEVID_NULL);
	KT_CHECK_EQ(do_stat("/dev/hda", &st), 0);
	KT_CHECK(S_ISBLK(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, MKDEVID(DISK_MAJOR, 0));
}
