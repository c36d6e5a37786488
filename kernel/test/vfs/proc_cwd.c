/*
 * A new process starts in its parent's current directory, and its own
 * do_chdir() does not move the parent.
 */
#include "vfstest.h"

static void *cwd_child(long arg1, void *arg2)
{
	long here = vt_ino(".");
	if (here != arg1) {
		return (void *)1;
	}
	if (do_chdir("/") < 0 || vt_ino(".") != vt_ino("/")) {
		return (void *)2;
	}
	return (void *)0;
}

KTEST(vfs_proc_cwd_inherited, "vfs.proc.cwd_inherited")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(do_chdir(VT_DIR "/d"), 0);
	proc_t *p = spawn("cwd", cwd_child, vt_ino("."), NULL);
	if (p != NULL) {
		KT_CHECK_EQ(reap(p->p_pid), 0);
	}
	KT_CHECK_EQ(vt_ino("."), vt_ino(VT_DIR "/d"));
	vt_end();
}
