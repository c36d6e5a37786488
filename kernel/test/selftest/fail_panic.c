/*
 * An unexpected panic: the harness must report the test as failed with the
 * panic message, reset the machine and go on with the next test.
 */
#include "test/ktest.h"
#include "util/debug.h"

KTEST(selftest_fail_panic, "selftest.base.fail.panic")
{
	panic("selftest: this panic is on purpose");
}
