/*
 * do_munmap(): -EINVAL for an address that is not page aligned, length 0,
 * and a range reaching the kernel half or wrapping; unmapping pages that
 * are not mapped is 0; unmapping the middle of a mapping splits it.
 */
#include "vm/mmap.h"
#include "vmtest.h"

static void body(void)
{
	vmmap_t *map = vmt_map();
	KT_CHECK_EQ(do_munmap((void *)0x10000004, PAGE_SIZE), -EINVAL);
	KT_CHECK_EQ(do_munmap((void *)0x10000000, 0), -EINVAL);
	KT_CHECK_EQ(do_munmap((void *)0xC0000000u, PAGE_SIZE), -EINVAL);
	KT_CHECK_EQ(do_munmap((void *)(USER_TOP - PAGE_SIZE), 2 * PAGE_SIZE), -EINVAL);
	KT_CHECK_EQ(do_munmap((void *)0x10000000, 0xF0000000u), -EINVAL);
	KT_CHECK_EQ(do_munmap((void *)0x10000000, PAGE_SIZE), 0);
	vmt_area(map, 0x20000, 5);
	KT_CHECK_EQ(do_munmap((void *)0x20001000, PAGE_SIZE + 1), 0); /* two pages */
	KT_CHECK_EQ(vmmap_count(map), 2);
	vmt_check_area(map, 0, 0x20000, 0x20001, 0);
	vmt_check_area(map, 1, 0x20003, 0x20005, 3);
}

KTEST(vm_mmap_munmap, "vm.mmap.munmap")
{
	vmt_in_proc(body);
}
