/*
 * do_waitpid(): waiting for any child and for a given child, the exit
 * status handed from child to parent, and the errors of the contract
 * (-ECHILD for a pid that is not a child or when there are no children,
 * -EINVAL for bad arguments).
 */
#include "errno.h"
#include "test/spawn.h"
#include "test/ktest.h"

static void *exit_with(long status, void *unused)
{
	return (void *)status;
}

static void *exit_after_yields(long status, void *unused)
{
	yield_n(3);
	do_exit((int)status);
}

KTEST(wait_any, "procs.wait.any")
{
	proc_t *a = spawn("a", exit_with, 11, NULL);
	proc_t *b = spawn("b", exit_with, 22, NULL);
	if (a == NULL || b == NULL) {
		return;
	}
	pid_t pa = a->p_pid, pb = b->p_pid;
	int sum = 0;
	for (int i = 0; i < 2; i++) {
		int status;
		pid_t pid = do_waitpid(-1, &status, 0);
		KT_CHECK(pid == pa || pid == pb);
		sum += status;
	}
	KT_CHECK_EQ(sum, 33);
	KT_CHECK_EQ(do_waitpid(-1, NULL, 0), -ECHILD);
}

KTEST(wait_specific, "procs.wait.specific")
{
	proc_t *a = spawn("a", exit_with, 1, NULL);
	proc_t *b = spawn("b", exit_with, 2, NULL);
	if (a == NULL || b == NULL) {
		return;
	}
	pid_t pa = a->p_pid, pb = b->p_pid;
	/* Wait for the second child first: the first must stay unreaped. */
	KT_CHECK_EQ(reap(pb), 2);
	KT_CHECK(proc_lookup(pa) != NULL);
	KT_CHECK_EQ(reap(pa), 1);
	KT_CHECK(proc_lookup(pa) == NULL && proc_lookup(pb) == NULL);
}

KTEST(wait_blocks, "procs.wait.blocks_until_exit")
{
	/* The child is still running when the parent starts to wait. */
	proc_t *a = spawn("slow", exit_after_yields, 7, NULL);
	if (a == NULL) {
		return;
	}
	KT_CHECK(a->p_state == PROC_RUNNING);
	KT_CHECK_EQ(reap(a->p_pid), 7);
}

KTEST(wait_status, "procs.wait.status")
{
	static const int statuses[] = {0, 1, -1, 255, 0x7fffffff, -ENOMEM};
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++) {
		proc_t *p = spawn("status", exit_with, statuses[i], NULL);
		if (p == NULL) {
			return;
		}
		KT_CHECK_EQ(reap(p->p_pid), statuses[i]);
	}
}

KTEST(wait_no_children, "procs.wait.no_children")
{
	int status = 99;
	KT_CHECK_EQ(do_waitpid(-1, &status, 0), -ECHILD);
	KT_CHECK_EQ(status, 99); /* untouched on failure */
}

static void *wait_for_sibling(long sibling, void *unused)
{
	return (void *)do_waitpid((pid_t)sibling, NULL, 0);
}

KTEST(wait_not_child, "procs.wait.not_a_child")
{
	/* Idle (pid 0) is nobody's child; nor is a sibling. */
	KT_CHECK_EQ(do_waitpid(PID_INIT, NULL, 0), -ECHILD);
	KT_CHECK_EQ(do_waitpid(12345 % proc_pid_max, NULL, 0), -ECHILD);
	proc_t *a = spawn("a", exit_after_yields, 5, NULL);
	if (a == NULL) {
		return;
	}
	proc_t *b = spawn("b", wait_for_sibling, a->p_pid, NULL);
	if (b == NULL) {
		return;
	}
	KT_CHECK_EQ(reap(b->p_pid), -ECHILD);
	KT_CHECK_EQ(reap(a->p_pid), 5);
}

KTEST(wait_einval, "procs.wait.bad_arguments")
{
	KT_CHECK_EQ(do_waitpid(0, NULL, 0), -EINVAL);
	KT_CHECK_EQ(do_waitpid(-2, NULL, 0), -EINVAL);
	proc_t *a = spawn("a", exit_with, 0, NULL);
	if (a == NULL) {
		return;
	}
	KT_CHECK_EQ(do_waitpid(a->p_pid, NULL, 1), -EINVAL);
	KT_CHECK_EQ(reap(a->p_pid), 0);
}
