/*
 * A process that exits with files open and a current directory of its own
 * gives them all back: after it is reaped, the unlinked file it held open is
 * freed and its directory's count is back to what it was.
 */
#include "fs/ramfs.h"
#include "vfstest.h"

static void *exit_child(long arg1, void *arg2)
{
	if (do_chdir(VT_DIR "/d") < 0) {
		return (void *)1;
	}
	for (int i = 0; i < 3; i++) {
		if (do_open("f", O_RDWR) < 0) {
			return (void *)2;
		}
	}
	if (do_unlink("f") < 0) {
		return (void *)3;
	}
	do_exit(0);
}

KTEST(vfs_proc_exit_closes, "vfs.proc.exit_closes")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/d"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/d/f", "x"), 0);
	int inodes = ramfs_inode_count(vfs_root_fs);
	proc_t *p = spawn("exiter", exit_child, 0, NULL);
	if (p != NULL) {
		KT_CHECK_EQ(reap(p->p_pid), 0);
	}
	KT_CHECK_EQ(vt_refcount(VT_DIR "/d"), 0);
	KT_CHECK_EQ(ramfs_inode_count(vfs_root_fs), inodes - 1);
	vt_end();
}
