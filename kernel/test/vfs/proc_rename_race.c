/*
 * Lookups in one process while another renames and unlinks the same names:
 * every lookup finds the file or gets ENOENT, never anything else, a file
 * opened is always whole, and no reference is left behind.
 */
#include "vfstest.h"

#define RACE_ROUNDS 300

static void *renamer(long arg1, void *arg2)
{
	for (int i = 0; i < RACE_ROUNDS; i++) {
		if (do_rename(VT_DIR "/x", VT_DIR "/y") < 0 ||
		    do_rename(VT_DIR "/y", VT_DIR "/x") < 0) {
			return (void *)1;
		}
		if (vt_mkfile(VT_DIR "/z", "zzzz") < 0 || do_unlink(VT_DIR "/z") < 0) {
			return (void *)2;
		}
		sched_yield();
	}
	return (void *)0;
}

static void *looker(long arg1, void *arg2)
{
	const char *names[] = {VT_DIR "/x", VT_DIR "/y", VT_DIR "/z"};
	for (int i = 0; i < 2 * RACE_ROUNDS; i++) {
		for (int n = 0; n < 3; n++) {
			char buf[8];
			ssize_t len = vt_readfile(names[n], buf, sizeof(buf));
			if (len != -ENOENT && len != 4) {
				return (void *)(long)(10 + n);
			}
		}
		sched_yield();
	}
	return (void *)0;
}

KTEST(vfs_proc_rename_race, "vfs.proc.rename_race")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/x", "xxxx"), 0);
	proc_t *r = spawn("renamer", renamer, 0, NULL);
	proc_t *l = spawn("looker", looker, 0, NULL);
	if (r != NULL) {
		KT_CHECK_EQ(reap(r->p_pid), 0);
	}
	if (l != NULL) {
		KT_CHECK_EQ(reap(l->p_pid), 0);
	}
	KT_CHECK_EQ(vt_ino(VT_DIR "/y"), -ENOENT);
	KT_CHECK_EQ(vt_size(VT_DIR "/x"), 4);
	vt_end();
}
