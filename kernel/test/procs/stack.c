/*
 * A thread that recurses without end runs into the guard page below its
 * kernel stack.  The double-fault task must catch it and name the thread's
 * process, instead of letting it scribble over memory or reset the machine.
 */
#include "test/spawn.h"
#include "test/ktest.h"

/* Never true, but the compiler cannot know: the recursion is not "infinite" to it. */
static volatile int stop_depth = -1;

static int recurse(int depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	if (depth == stop_depth) {
		return 0;
	}
	return recurse(depth + 1) + frame[0];
}

static void *overflow(long unused, void *unused2)
{
	return (void *)(long)recurse(0);
}

KTEST_PANIC(stack_overflow, "procs.stack.overflow_is_reported",
	    "kernel stack overflow in 'overflower'")
{
	proc_t *p = spawn("overflower", overflow, 0, NULL);
	if (p == NULL) {
		return;
	}
	reap(p->p_pid);
}
