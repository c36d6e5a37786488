/*
 * Reading at or past the end of a file returns 0 (not an error), and a read
 * of more than remains returns what remains.
 */
#include "vfstest.h"

KTEST(vfs_read_eof, "vfs.read.eof")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "hello"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	char buf[16];
	KT_CHECK_EQ(do_read(fd, buf, 3), 3);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 2);
	KT_CHECK(memcmp(buf, "lo", 2) == 0);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 0);
	KT_CHECK_EQ(do_read(fd, buf, 0), 0);
	vt_end();
}
