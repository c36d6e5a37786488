/*
 * do_mmap()'s -EINVAL cases, as Linux's: length 0, an offset that is not
 * page aligned, neither or both of MAP_SHARED and MAP_PRIVATE, and with
 * MAP_FIXED an address that is not page aligned, is page 0, or puts the
 * range in the kernel half.  Nothing gets mapped.
 */
#include "vm/mmap.h"
#include "vmtest.h"

static void body(void)
{
	void *r = NULL;
	int anon = MAP_ANONYMOUS | MAP_PRIVATE;
	int rw = PROT_READ | PROT_WRITE;
	KT_CHECK_EQ(do_mmap(NULL, 0, rw, anon, -1, 0, &r), -EINVAL);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, rw, MAP_PRIVATE, 0, 100, &r), -EINVAL);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, rw, MAP_ANONYMOUS, -1, 0, &r), -EINVAL);
	KT_CHECK_EQ(
	    do_mmap(NULL, PAGE_SIZE, rw, MAP_ANONYMOUS | MAP_SHARED | MAP_PRIVATE, -1, 0, &r),
	    -EINVAL);
	KT_CHECK_EQ(do_mmap((void *)0x10000010, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0, &r),
		    -EINVAL);
	KT_CHECK_EQ(do_mmap(NULL, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0, &r), -EINVAL);
	KT_CHECK_EQ(do_mmap((void *)0xC0000000u, PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0, &r),
		    -EINVAL);
	KT_CHECK_EQ(
	    do_mmap((void *)(USER_TOP - PAGE_SIZE), 2 * PAGE_SIZE, rw, anon | MAP_FIXED, -1, 0, &r),
	    -EINVAL);
	KT_CHECK_EQ(vmmap_count(vmt_map()), 0);
}

KTEST(vm_mmap_einval, "vm.mmap.einval")
{
	vmt_in_proc(body);
}
