/*
 * Exceptions and panics are caught and reported, not silently survived:
 * each test here must end in a panic whose message names what went wrong.
 * The harness counts the expected panic as a pass and resets the machine to
 * go on with the next test.
 */
#include "test/ktest.h"
#include "util/debug.h"

static volatile int zero;

KTEST_PANIC(exc_divide, "base.exception.divide", "divide error")
{
	volatile int x = 10 / zero;
	(void)x;
}

KTEST_PANIC(exc_null_read, "base.exception.null_read",
	    "page fault at 0x00000000: no page for read in kernel mode")
{
	volatile int *p = NULL;
	volatile int x = *p;
	(void)x;
}

KTEST_PANIC(exc_kassert, "base.exception.kassert", "assertion failed: 1 + 1 == 3")
{
	KASSERT(1 + 1 == 3);
}

KTEST_PANIC(exc_invalid_opcode, "base.exception.invalid_opcode", "invalid opcode")
{
	__asm__ volatile("ud2");
}
