/*
 * A control: the last test of the group, after every misbehaving one.  It
 * passes, and the runner must still report it although earlier tests hung,
 * flooded, panicked or reset the machine in the same group.
 */
#include "test/ktest.h"

KTEST(selftest_pass_plain, "selftest.base.pass.plain")
{
	KT_CHECK(1 + 1 == 2);
}
