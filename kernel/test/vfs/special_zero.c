/*
 * /dev/zero fills every read with zeros, as much as is asked for.
 */
#include "vfstest.h"

KTEST(vfs_special_zero, "vfs.special.zero")
{
	int fd = do_open("/dev/zero", O_RDONLY);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	static char buf[5000];
	memset(buf, 0x5a, sizeof(buf));
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	bool zeros = true;
	for (size_t i = 0; i < sizeof(buf); i++) {
		zeros &= buf[i] == 0;
	}
	KT_CHECK(zeros);
	KT_CHECK_EQ(do_close(fd), 0);
}
