/*
 * A file left open is a vnode leak too: the report names the file's path
 * and its count; closing it clears the report.
 */
#include "vfstest.h"

KTEST(vfs_leak_open_file, "vfs.leak.open_file")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/open", "x"), 0);
	char why[200];
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	int fd = do_open(VT_DIR "/open", O_RDONLY);
	KT_CHECK(ktest_leaks(&snap, why, sizeof(why)) > 0);
	if (!KT_CHECK(strstr(why, "reg count 1 /t/open") != NULL)) {
		ktest_note("leak report: %s", why);
	}
	do_close(fd);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	vt_end();
}
