/*
 * A control: a test that expects a panic and gets it passes, even though
 * the machine resets under it.  The runner must count it as passed.
 */
#include "test/ktest.h"
#include "util/debug.h"

KTEST_PANIC(selftest_pass_expected_panic, "selftest.base.pass.expected_panic", "selftest: expected")
{
	panic("selftest: expected panic");
}
