/*
 * Each process has its own descriptor table: a child starts with none open
 * (its first open is descriptor 0) whatever its parent has open.
 */
#include "vfstest.h"

static void *table_child(long arg1, void *arg2)
{
	char c;
	if (do_read(0, &c, 1) != -EBADF || do_close(1) != -EBADF) {
		return (void *)1;
	}
	int fd = do_open("/", O_RDONLY);
	if (fd != 0) {
		return (void *)2;
	}
	do_close(fd);
	return (void *)0;
}

KTEST(vfs_proc_own_table, "vfs.proc.own_table")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), 0);
	KT_CHECK_EQ(do_open(VT_DIR, O_RDONLY), 1);
	proc_t *p = spawn("table", table_child, 0, NULL);
	if (p != NULL) {
		KT_CHECK_EQ(reap(p->p_pid), 0);
	}
	KT_CHECK_EQ(vt_open_fds(), 2);
	vt_end();
}
