/*
 * A hang with interrupts disabled: no timer tick will ever come, so the
 * kernel cannot notice.  Only the host runner's wall-clock limit can end
 * the boot; it must then name this test and resume the rest of the group
 * on a new boot with start=N.
 */
#include "boot/interrupt.h"
#include "io.h"
#include "test/ktest.h"

KTEST(selftest_fail_hang_irq_off, "selftest.base.fail.hang_irq_off")
{
	intr_disable();
	for (;;) {
		cpu_halt();
	}
}
