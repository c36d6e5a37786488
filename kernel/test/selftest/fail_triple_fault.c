/*
 * A triple fault: with an empty IDT any exception fails to find its
 * handler, then the double-fault handler cannot be found either, and the
 * processor resets without a word.  The harness recorded in the CMOS RAM
 * that this test was running, so the next boot must report it as failed
 * and go on with the following test.
 */
#include "test/ktest.h"

KTEST(selftest_fail_triple_fault, "selftest.base.fail.triple_fault")
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __packed empty = {0, 0};
	__asm__ volatile("lidt %0; int3" : : "m"(empty));
}
