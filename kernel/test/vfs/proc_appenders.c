/*
 * Two processes appending to one file through their own O_APPEND
 * descriptors, yielding between writes, lose no write: the file ends up
 * with every record of both, each whole and each writer's in order.
 */
#include "vfstest.h"

#define APPEND_RECORDS 300
#define RECORD_LEN 8

static void *append_child(long arg1, void *arg2)
{
	int fd = do_open(VT_DIR "/log", O_WRONLY | O_APPEND);
	if (fd < 0) {
		return (void *)1;
	}
	for (int i = 0; i < APPEND_RECORDS; i++) {
		char rec[RECORD_LEN + 1];
		snprintf(rec, sizeof(rec), "%c%06d", (char)arg1, i);
		if (do_write(fd, rec, RECORD_LEN) != RECORD_LEN) {
			return (void *)2;
		}
		sched_yield();
	}
	do_close(fd);
	return (void *)0;
}

KTEST(vfs_proc_appenders, "vfs.proc.appenders")
{
	if (!vt_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/log", ""), 0);
	proc_t *a = spawn("appender-a", append_child, 'a', NULL);
	proc_t *b = spawn("appender-b", append_child, 'b', NULL);
	if (a != NULL) {
		KT_CHECK_EQ(reap(a->p_pid), 0);
	}
	if (b != NULL) {
		KT_CHECK_EQ(reap(b->p_pid), 0);
	}
	KT_CHECK_EQ(vt_size(VT_DIR "/log"), 2 * APPEND_RECORDS * RECORD_LEN);
	int fd = do_open(VT_DIR "/log", O_RDONLY);
	int next[2] = {0, 0};
	bool ok = true;
	char rec[RECORD_LEN + 1] = {0};
	while (ok && do_read(fd, rec, RECORD_LEN) == RECORD_LEN) {
		int who = rec[0] - 'a';
		ok = (who == 0 || who == 1) && strtol(rec + 1, NULL, 10) == next[who];
		if (ok) {
			next[who]++;
		} else {
			ktest_note("bad record '%s'", rec);
		}
	}
	KT_CHECK(ok);
	KT_CHECK_EQ(next[0], APPEND_RECORDS);
	KT_CHECK_EQ(next[1], APPEND_RECORDS);
	vt_end();
}
