/*
 * vm.api.pipe_*: pipes (fs/pipe.h) from the kernel, through the open files
 * pipe_create() gives and the vnode operations do_read()/do_write() use.
 * A data round trip; end of file once the write end is gone; -EPIPE once
 * the read end is gone; a reader that waits for a writer in another
 * process; a writer that fills the 4 KiB buffer and waits for a reader;
 * a waiting reader cancelled (-EINTR).  Everything is freed at the end
 * (the harness's leak check covers the buffer, the vnodes and the files).
 */
#include "fs/pipe.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "util/string.h"

static ssize_t pread(file_t *f, void *buf, size_t n)
{
	return vop_read(f->f_vnode, 0, buf, n);
}

static ssize_t pwrite(file_t *f, const void *buf, size_t n)
{
	return vop_write(f->f_vnode, 0, buf, n);
}

KTEST(api_pipe_eof, "vm.api.pipe_eof")
{
	file_t *r, *w;
	if (!KT_CHECK_EQ(pipe_create(&r, &w), 0)) {
		return;
	}
	KT_CHECK(pipe_is_pipe(r->f_vnode) && pipe_is_pipe(w->f_vnode));
	KT_CHECK(r->f_mode == FMODE_READ && w->f_mode == FMODE_WRITE);
	KT_CHECK_EQ(pwrite(w, "hello", 5), 5);
	char buf[16];
	KT_CHECK_EQ(pread(r, buf, 3), 3);
	KT_CHECK(memcmp(buf, "hel", 3) == 0);
	fput(w); /* the last writer: what is left, then end of file */
	KT_CHECK_EQ(pread(r, buf, 16), 2);
	KT_CHECK(memcmp(buf, "lo", 2) == 0);
	KT_CHECK_EQ(pread(r, buf, 16), 0);
	fput(r);
}

KTEST(api_pipe_epipe, "vm.api.pipe_epipe")
{
	file_t *r, *w;
	if (!KT_CHECK_EQ(pipe_create(&r, &w), 0)) {
		return;
	}
	fput(r);
	KT_CHECK_EQ(pwrite(w, "x", 1), -EPIPE);
	fput(w);
}

static void *writer_main(long n, void *arg)
{
	file_t *w = arg;
	char *buf = kmalloc(n);
	for (long i = 0; i < n; i++) {
		buf[i] = (char)i;
	}
	ssize_t got = pwrite(w, buf, n);
	kfree(buf);
	return (void *)got;
}

KTEST(api_pipe_blocking, "vm.api.pipe_blocking")
{
	file_t *r, *w;
	if (!KT_CHECK_EQ(pipe_create(&r, &w), 0)) {
		return;
	}
	/* 10000 bytes: the writer must wait twice for this reader. */
	proc_t *p = spawn("writer", writer_main, 10000, w);
	if (p == NULL) {
		fput(r);
		fput(w);
		return;
	}
	char *buf = kmalloc(10000);
	size_t total = 0;
	bool in_order = true;
	while (total < 10000) {
		ssize_t n = pread(r, buf, 10000 - total);
		if (!KT_CHECK(n > 0)) {
			break;
		}
		for (ssize_t i = 0; i < n; i++) {
			in_order &= buf[i] == (char)(total + i);
		}
		total += n;
	}
	KT_CHECK_EQ(total, 10000);
	KT_CHECK(in_order);
	KT_CHECK_EQ(reap(p->p_pid), 10000);
	fput(w);
	KT_CHECK_EQ(pread(r, buf, 1), 0);
	kfree(buf);
	fput(r);
}

static void *reader_main(long arg1, void *arg)
{
	char c;
	return (void *)pread(arg, &c, 1);
}

KTEST(api_pipe_cancel, "vm.api.pipe_cancel")
{
	file_t *r, *w;
	if (!KT_CHECK_EQ(pipe_create(&r, &w), 0)) {
		return;
	}
	proc_t *p = spawn("reader", reader_main, 0, r);
	if (p != NULL) {
		yield_n(3);
		KT_CHECK(spawn_thread(p)->kt_state == KT_SLEEP_CANCELLABLE);
		kthread_cancel(spawn_thread(p), (void *)-EINTR);
		KT_CHECK_EQ(reap(p->p_pid), -EINTR);
	}
	fput(r);
	fput(w);
}
