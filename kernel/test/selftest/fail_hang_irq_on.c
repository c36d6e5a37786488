/*
 * A hang with interrupts enabled: the test halts forever.  The timer still
 * ticks, so the harness's own time limit (300 ms here) must stop it, report
 * it and reset the machine to go on.
 */
#include "boot/interrupt.h"
#include "test/ktest.h"

KTEST_SLOW(selftest_fail_hang_irq_on, "selftest.base.fail.hang_irq_on", 300)
{
	for (;;) {
		intr_wait();
	}
}
