/*
 * vfs_proc_fork() (what the VM stage's fork calls) gives the child the
 * parent's descriptors: the same open files, sharing their positions.
 */
#include "vfstest.h"

static void *fork_child(long arg1, void *arg2)
{
	char c = 0;
	if (do_read((int)arg1, &c, 1) != 1) {
		return (void *)-1;
	}
	return (void *)(long)c;
}

KTEST(vfs_proc_fork_shares, "vfs.proc.fork_shares")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/f", "abc"), 0);
	int fd = do_open(VT_DIR "/f", O_RDONLY);
	char c;
	KT_CHECK_EQ(do_read(fd, &c, 1), 1);
	proc_t *p = proc_create("forked");
	if (!KT_CHECK(p != NULL)) {
		vt_end();
		return;
	}
	vfs_proc_fork(curproc, p);
	kthread_t *thr = kthread_create(p, fork_child, fd, NULL);
	KT_CHECK(thr != NULL);
	sched_make_runnable(thr);
	KT_CHECK_EQ(reap(p->p_pid), 'b');
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_CUR), 2);
	vt_end();
}
