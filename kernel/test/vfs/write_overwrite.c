/*
 * Writing in the middle of a file replaces bytes and keeps the length; the
 * position advances by what was written.
 */
#include "vfstest.h"

KTEST(vfs_write_overwrite, "vfs.write.overwrite")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "0123456789"), 0);
	int fd = do_open(VT_DIR "/f", O_WRONLY);
	KT_CHECK_EQ(do_lseek(fd, 3, SEEK_SET), 3);
	KT_CHECK_EQ(do_write(fd, "ab", 2), 2);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 5);
	KT_CHECK_EQ(do_write(fd, "c", 1), 1);
	do_close(fd);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/f", buf, sizeof(buf)), 10);
	KT_CHECK_STR(buf, "012abc6789");
	vt_end();
}
