/*
 * vm_user_range_ok() refuses a range in the kernel half, a range that
 * starts in user space and runs into the kernel half, and one that wraps
 * around the top of the address space, even when the user part is mapped.
 */
#include "vm/uaccess.h"
#include "vmtest.h"

static void body(void)
{
	vmt_area(vmt_map(), USER_MAX_VFN - 2, 2); /* the top two user pages */
	uintptr_t top = USER_TOP;
	KT_CHECK_EQ(vm_user_range_ok((void *)(top - 2 * PAGE_SIZE), 2 * PAGE_SIZE, PROT_WRITE), 0);
	KT_CHECK_EQ(vm_user_range_ok((void *)(top - 16), 17, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)top, 1, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)0xC0100000u, 4, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)(top - 16), (size_t)-1, PROT_READ), -EFAULT);
	KT_CHECK_EQ(vm_user_range_ok((void *)0xFFFFFFF0u, 0x20, PROT_READ), -EFAULT);
}

KTEST(vm_uaccess_kernel, "vm.uaccess.kernel")
{
	vmt_in_proc(body);
}
