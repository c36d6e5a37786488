/*
 * A failed check: the test returns normally, but KT_CHECK recorded a
 * failure.  The runner must report "not ok" and show the check's
 * diagnostic (file, line and the expression) under it.
 */
#include "test/ktest.h"

KTEST(selftest_fail_check, "selftest.base.fail.check")
{
	int two = 2;
	KT_CHECK(1 + 1 == two + 1);
}
