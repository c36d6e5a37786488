/*
 * Processes: creation, the process tree, exit, kill and waitpid.
 *
 * The life of a process:
 *
 *   proc_create()        RUNNING, no threads; parent = the creator
 *   kthread_create()     its thread, made runnable by the creator
 *   ... runs ...
 *   kthread_exit()  ->  proc_thread_exited()
 *                        DEAD (a zombie): status recorded, children handed
 *                        to init, parent woken; the thread's stack is still
 *                        in use until it switches away for the last time
 *   do_waitpid()         the parent reaps it: thread destroyed, page
 *                        directory freed, pid released, proc_t freed
 *
 * Every process but idle has a parent, and every parent's p_children lists
 * exactly the processes whose p_pproc points to it.  Orphans go to init,
 * which reaps whatever comes its way.
 */
#include "proc/proc.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "mm/pagetable.h"
#include "mm/slab.h"
#include "proc/kthread.h"
#include "util/bitmap.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

proc_t *curproc;
proc_t *proc_initproc;
int proc_pid_max = PROC_MAX_COUNT;

static slab_allocator_t *proc_cache;
static list_t proc_list = LIST_INITIALIZER(proc_list);
static uint32_t pid_map[BITMAP_WORDS(PROC_MAX_COUNT)];
static pid_t next_pid;

void proc_init(void)
{
	proc_cache = slab_allocator_create("proc", sizeof(proc_t));
	KASSERT(proc_cache != NULL);
}

proc_t *proc_lookup(pid_t pid)
{
	for (list_link_t *l = proc_list.l_next; l != &proc_list; l = l->l_next) {
		proc_t *p = container_of(l, proc_t, p_list_link);
		if (p->p_pid == pid) {
			return p;
		}
	}
	return NULL;
}

proc_t *proc_next(const proc_t *prev)
{
	const list_link_t *l = prev == NULL ? proc_list.l_next : prev->p_list_link.l_next;
	return l == &proc_list ? NULL : container_of(l, proc_t, p_list_link);
}

int proc_count(void)
{
	return (int)list_length(&proc_list);
}

/*
 * The next free pid at or after next_pid, wrapping around below
 * proc_pid_max (a next_pid at or above a lowered proc_pid_max wraps too);
 * marks it in pid_map.  -1 if every pid is taken.
 */
static pid_t proc_alloc_pid(void)
{
	/* BEGIN SOLUTION(procs, proc_alloc_pid) -> -ENOSYS */
	KASSERT(proc_pid_max > 0 && proc_pid_max <= PROC_MAX_COUNT);
	if (next_pid >= proc_pid_max) {
		next_pid = 0; /* the limit was lowered: that is a wrap */
	}
	for (int i = 0; i < proc_pid_max; i++) {
		pid_t pid = (next_pid + i) % proc_pid_max;
		if (!bitmap_test(pid_map, pid)) {
			bitmap_set(pid_map, pid);
			next_pid = (pid + 1) % proc_pid_max;
			return pid;
		}
	}
	return -1;
	/* END SOLUTION */
}

proc_t *proc_create(const char *name)
{
	/* BEGIN SOLUTION(procs, proc_create) -> NULL */
	pid_t pid = proc_alloc_pid();
	if (pid < 0) {
		return NULL;
	}
	proc_t *p = slab_obj_alloc(proc_cache);
	if (p == NULL) {
		goto out_free_pid;
	}
	memset(p, 0, sizeof(*p));
	p->p_pagedir = pt_create();
	if (p->p_pagedir == NULL) {
		goto out_free_proc;
	}
	p->p_pid = pid;
	strlcpy(p->p_name, name, sizeof(p->p_name));
	p->p_state = PROC_RUNNING;
	list_init(&p->p_threads);
	list_init(&p->p_children);
	sched_queue_init(&p->p_wait);
	list_link_init(&p->p_child_link);
	p->p_pproc = curproc;
	if (curproc != NULL) {
		list_insert_tail(&curproc->p_children, &p->p_child_link);
	}
	list_insert_tail(&proc_list, &p->p_list_link);
	if (pid == PID_INIT) {
		proc_initproc = p;
	}
	dbg(DBG_PROC, "created process %d (%s), parent %d\n", pid, p->p_name,
	    curproc != NULL ? curproc->p_pid : -1);
	return p;

out_free_proc:
	slab_obj_free(proc_cache, p);
out_free_pid:
	bitmap_clear(pid_map, pid);
	return NULL;
	/* END SOLUTION */
}

/* Frees a reaped zombie and everything it still holds. */
static void proc_destroy(proc_t *p)
{
	/* BEGIN SOLUTION(procs, proc_destroy) -> nothing */
	KASSERT(p->p_state == PROC_DEAD && list_empty(&p->p_children));
	while (!list_empty(&p->p_threads)) {
		kthread_destroy(container_of(list_head(&p->p_threads), kthread_t, kt_plink));
	}
	list_remove(&p->p_child_link);
	list_remove(&p->p_list_link);
	pt_destroy(p->p_pagedir);
	bitmap_clear(pid_map, p->p_pid);
	slab_obj_free(proc_cache, p);
	/* END SOLUTION */
}

void proc_thread_exited(void *retval)
{
	/* BEGIN SOLUTION(procs, proc_thread_exited) -> nothing */
	proc_t *p = curproc;
	KASSERT(p->p_pid != PID_IDLE && "the idle process never exits");
	KASSERT(p != proc_initproc || list_empty(&p->p_children));
	p->p_status = (int)retval;
	p->p_state = PROC_DEAD;
	/* Orphans go to init; init may have a zombie to reap now. */
	bool zombie_for_init = false;
	while (!list_empty(&p->p_children)) {
		proc_t *child = container_of(list_pop_head(&p->p_children), proc_t, p_child_link);
		child->p_pproc = proc_initproc;
		list_insert_tail(&proc_initproc->p_children, &child->p_child_link);
		zombie_for_init |= child->p_state == PROC_DEAD;
	}
	if (zombie_for_init) {
		sched_broadcast_on(&proc_initproc->p_wait);
	}
	sched_broadcast_on(&p->p_pproc->p_wait);
	dbg(DBG_PROC, "process %d (%s) exited with status %d\n", p->p_pid, p->p_name, p->p_status);
	/* END SOLUTION */
}

void do_exit(int status)
{
	/* BEGIN SOLUTION(procs, do_exit) -> panic */
	kthread_exit((void *)status);
	/* END SOLUTION */
}

void proc_kill(proc_t *p, int status)
{
	/* BEGIN SOLUTION(procs, proc_kill) -> nothing */
	KASSERT(p->p_pid != PID_IDLE);
	if (p == curproc) {
		do_exit(status);
	}
	for (list_link_t *l = p->p_threads.l_next; l != &p->p_threads; l = l->l_next) {
		kthread_t *thr = container_of(l, kthread_t, kt_plink);
		if (thr->kt_state != KT_EXITED) {
			kthread_cancel(thr, (void *)status);
		}
	}
	/* END SOLUTION */
}

/* Whether 'p' is the running process or one of its ancestors. */
static bool proc_is_self_or_ancestor(const proc_t *p)
{
	for (const proc_t *a = curproc; a != NULL; a = a->p_pproc) {
		if (a == p) {
			return true;
		}
	}
	return false;
}

void proc_kill_all(int status)
{
	/* BEGIN SOLUTION(procs, proc_kill_all) -> nothing */
	for (list_link_t *l = proc_list.l_next; l != &proc_list; l = l->l_next) {
		proc_t *p = container_of(l, proc_t, p_list_link);
		if (p->p_pid == PID_IDLE || p == proc_initproc || p->p_state == PROC_DEAD ||
		    proc_is_self_or_ancestor(p)) {
			continue;
		}
		proc_kill(p, status);
	}
	/* END SOLUTION */
}

pid_t do_waitpid(pid_t pid, int *status, int options)
{
	/* BEGIN SOLUTION(procs, do_waitpid) -> -ENOSYS */
	if (options != 0 || pid == 0 || pid < -1) {
		return -EINVAL;
	}
	for (;;) {
		bool have_child = false;
		list_t *kids = &curproc->p_children;
		for (list_link_t *l = kids->l_next; l != kids; l = l->l_next) {
			proc_t *child = container_of(l, proc_t, p_child_link);
			if (pid != -1 && child->p_pid != pid) {
				continue;
			}
			have_child = true;
			if (child->p_state == PROC_DEAD) {
				pid_t reaped = child->p_pid;
				if (status != NULL) {
					*status = child->p_status;
				}
				proc_destroy(child);
				return reaped;
			}
		}
		if (!have_child) {
			return -ECHILD;
		}
		if (sched_cancellable_sleep_on(&curproc->p_wait) == -EINTR) {
			return -EINTR;
		}
	}
	/* END SOLUTION */
}

static const char *thread_state_name(kthread_state_t s)
{
	static const char *const names[] = {
		[KT_NO_STATE] = "new", [KT_RUN] = "run", [KT_SLEEP] = "sleep",
		[KT_SLEEP_CANCELLABLE] = "sleep(c)", [KT_EXITED] = "exited",
	};
	return s <= KT_EXITED ? names[s] : "?";
}

void proc_print_all(const printer_t *pr)
{
	pr_printf(pr, "%5s %5s %-7s %-20s %s\n", "PID", "PPID", "STATE", "NAME", "THREADS");
	for (list_link_t *l = proc_list.l_next; l != &proc_list; l = l->l_next) {
		proc_t *p = container_of(l, proc_t, p_list_link);
		char threads[64] = "";
		for (list_link_t *t = p->p_threads.l_next; t != &p->p_threads; t = t->l_next) {
			kthread_t *thr = container_of(t, kthread_t, kt_plink);
			size_t used = strlen(threads);
			snprintf(threads + used, sizeof(threads) - used, "%s%s%s ",
				 thread_state_name(thr->kt_state), thr->kt_cancelled ? ",cancelled" : "",
				 thr == curthr ? ",current" : "");
		}
		pr_printf(pr, "%5d %5d %-7s %-20s %s\n", p->p_pid,
			  p->p_pproc != NULL ? p->p_pproc->p_pid : -1,
			  p->p_state == PROC_DEAD ? "zombie" : "running", p->p_name, threads);
	}
}
