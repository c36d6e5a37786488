/*
 * The leak check covers vnodes: a reference taken after the snapshot and
 * not given back is reported, naming the vnode (file system, inode, type,
 * count, path); given back, the report is empty.
 */
#include "vfs/namev.h"
#include "vfstest.h"

KTEST(vfs_leak_vnode, "vfs.leak.vnode")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/held"), 0);
	char why[200];
	ktest_snapshot_t snap;
	ktest_snapshot(&snap);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	vnode_t *vn;
	KT_CHECK_EQ(namev_resolve(NULL, VT_DIR "/held", &vn), 0);
	KT_CHECK(ktest_leaks(&snap, why, sizeof(why)) > 0);
	if (!KT_CHECK(strstr(why, "ramfs ino") != NULL &&
		      strstr(why, "dir count 1 /t/held") != NULL)) {
		ktest_note("leak report: %s", why);
	}
	vput(vn);
	KT_CHECK_EQ(ktest_leaks(&snap, why, sizeof(why)), 0);
	KT_CHECK_STR(why, "");
	vt_end();
}
