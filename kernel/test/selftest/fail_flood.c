/*
 * Console flooding: the test prints without end.  Its own time limit is
 * long, so only the host runner's output cap stops it; the runner must kill
 * the emulator, name this test and go on with the rest of the group.
 */
#include "drivers/serial.h"
#include "test/ktest.h"
#include "util/kprintf.h"

KTEST_SLOW(selftest_fail_flood, "selftest.base.fail.flood", 600000)
{
	static const char line[] = "selftest flood: the quick brown fox jumps over the lazy dog, "
				   "again and again and again\n";
	for (;;) {
		serial_write(line, sizeof(line) - 1);
	}
}
