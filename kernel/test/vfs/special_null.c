/*
 * /dev/null takes every write (returning its length) and reads 0 bytes.
 */
#include "vfstest.h"

KTEST(vfs_special_null, "vfs.special.null")
{
	int fd = do_open("/dev/null", O_RDWR);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	char buf[16] = "keep";
	KT_CHECK_EQ(do_write(fd, "discard me", 10), 10);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
	KT_CHECK_STR(buf, "keep");
	KT_CHECK_EQ(do_close(fd), 0);
}
