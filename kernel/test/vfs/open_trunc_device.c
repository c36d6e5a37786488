/*
 * O_TRUNC has no effect on a device special file: opening /dev/null or
 * /dev/hda with O_WRONLY | O_TRUNC succeeds, and the disk's bytes are
 * still there afterwards.
 */
#include "vfstest.h"

KTEST(vfs_open_trunc_device, "vfs.open.trunc_device")
{
	int fd = do_open("/dev/null", O_WRONLY | O_TRUNC);
	if (KT_CHECK(fd >= 0)) {
		KT_CHECK_EQ(do_close(fd), 0);
	}
	fd = do_open("/dev/hda", O_WRONLY);
	if (!KT_CHECK(fd >= 0)) {
		ktest_note("no /dev/hda: the runner attaches a scratch disk");
		return;
	}
	static const char mark[] = "keel-trunc-mark";
	KT_CHECK_EQ(do_write(fd, mark, sizeof(mark)), (ssize_t)sizeof(mark));
	KT_CHECK_EQ(do_close(fd), 0);
	fd = do_open("/dev/hda", O_WRONLY | O_TRUNC);
	if (KT_CHECK(fd >= 0)) {
		KT_CHECK_EQ(do_close(fd), 0);
	}
	char buf[sizeof(mark)] = {0};
	fd = do_open("/dev/hda", O_RDONLY);
	if (KT_CHECK(fd >= 0)) {
		KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
		KT_CHECK(memcmp(buf, mark, sizeof(mark)) == 0);
		KT_CHECK_EQ(do_close(fd), 0);
	}
}
