/*
 * vm_user_range_ok(): NULL and the rest of page 0 are never user memory,
 * a range of length 0 is fine wherever it points, and a process with no
 * VM state has no user memory at all.
 */
#include "vm/uaccess.h"
#include "vmtest.h"

static void body(void)
{
	vmt_area(vmt_map(), 1, 4); /* pages 1..4: page 0 stays unmapped */
	KT_CHECK_EQ(vm_user_range_ok(NULL, 1, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)(PAGE_SIZE - 1), 2, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok(NULL, 0, PROT_READ), 0);
	KT_CHECK_EQ(vm_user_range_ok((void *)0xC0001000u, 0, PROT_WRITE), 0);
	KT_CHECK_EQ(vm_user_range_ok((void *)PAGE_SIZE, 4 * PAGE_SIZE, PROT_WRITE), 0);
}

KTEST(vm_uaccess_null, "vm.uaccess.null")
{
	/* The test's own process has no VM state. */
	KT_CHECK_EQ(vm_user_range_ok((void *)PAGE_SIZE, 1, PROT_READ), -EFAULT);
	vmt_in_proc(body);
}
