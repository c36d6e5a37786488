/*
 * Concurrent use: four processes write their own files at once, yielding
 * between writes, and each file reads back exactly as written; four
 * processes create files in one directory at once, and every name is
 * there exactly once with the directory's size to match.
 */
#include "s5test.h"

#define WRITERS 4
#define PER_WRITER 32

static void *writer(long id, void *arg)
{
	char path[32];
	snprintf(path, sizeof(path), VT_DIR "/w%ld", id);
	int fd = do_open(path, O_WRONLY | O_CREAT);
	if (fd < 0) {
		return (void *)1;
	}
	static char bufs[WRITERS][4096];
	char *buf = bufs[id];
	for (uint32_t i = 0; i < PER_WRITER; i++) {
		s5t_pattern(buf, 4096, i * 4096, (uint32_t)id);
		if (do_write(fd, buf, 4096) != 4096) {
			return (void *)2;
		}
		sched_yield();
	}
	do_close(fd);
	return (void *)0;
}

KTEST_SLOW(s5fs_concurrent_files, "s5fs.concurrent.files", 30000)
{
	if (!s5t_begin()) {
		return;
	}
	proc_t *p[WRITERS];
	for (long i = 0; i < WRITERS; i++) {
		p[i] = spawn("writer", writer, i, NULL);
	}
	for (int i = 0; i < WRITERS; i++) {
		if (KT_CHECK(p[i] != NULL)) {
			KT_CHECK_EQ(reap(p[i]->p_pid), 0);
		}
	}
	static char buf[4096];
	for (long id = 0; id < WRITERS; id++) {
		char path[32];
		snprintf(path, sizeof(path), VT_DIR "/w%ld", id);
		KT_CHECK_EQ(vt_size(path), PER_WRITER * 4096);
		int fd = do_open(path, O_RDONLY);
		for (uint32_t i = 0; i < PER_WRITER; i++) {
			KT_CHECK_EQ(do_read(fd, buf, 4096), 4096);
			if (!KT_CHECK(s5t_pattern_ok(buf, 4096, i * 4096, (uint32_t)id))) {
				break;
			}
		}
		do_close(fd);
	}
	s5t_end();
}

#define CREATORS 4
#define PER_CREATOR 40

static void *creator(long id, void *arg)
{
	for (int i = 0; i < PER_CREATOR; i++) {
		char path[32];
		snprintf(path, sizeof(path), VT_DIR "/c%ld_%d", id, i);
		int fd = do_open(path, O_WRONLY | O_CREAT | O_EXCL);
		if (fd < 0) {
			return (void *)1;
		}
		do_close(fd);
		sched_yield();
	}
	return (void *)0;
}

KTEST_SLOW(s5fs_concurrent_one_dir, "s5fs.concurrent.one_dir", 30000)
{
	if (!s5t_begin()) {
		return;
	}
	proc_t *p[CREATORS];
	for (long i = 0; i < CREATORS; i++) {
		p[i] = spawn("creator", creator, i, NULL);
	}
	for (int i = 0; i < CREATORS; i++) {
		if (KT_CHECK(p[i] != NULL)) {
			KT_CHECK_EQ(reap(p[i]->p_pid), 0);
		}
	}
	KT_CHECK_EQ(vt_size(VT_DIR), (2 + CREATORS * PER_CREATOR) * 64);
	int fd = do_open(VT_DIR, O_RDONLY);
	dirent_t d;
	int n = 0;
	while (do_getdent(fd, &d) > 0) {
		n += d.d_name[0] == 'c';
	}
	do_close(fd);
	KT_CHECK_EQ(n, CREATORS * PER_CREATOR);
	s5t_end();
}
