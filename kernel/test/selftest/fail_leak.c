/*
 * A leak: the test allocates from kmalloc and never frees.  The harness's
 * leak check must fail the test and name the cache ("kmalloc-32").  The
 * object is lost for good, which is harmless: the next test's baseline is
 * taken after it.
 */
#include "mm/kmalloc.h"
#include "test/ktest.h"

KTEST(selftest_fail_leak, "selftest.base.fail.leak")
{
	void *lost = kmalloc(32);
	KT_CHECK(lost != NULL);
}
