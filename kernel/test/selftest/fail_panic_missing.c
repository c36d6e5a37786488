/*
 * A test declared with KTEST_PANIC that returns without panicking: it must
 * fail ("expected a panic, but the test returned"), never pass quietly.
 */
#include "test/ktest.h"

KTEST_PANIC(selftest_fail_panic_missing, "selftest.base.fail.panic_missing", "never printed")
{
}
