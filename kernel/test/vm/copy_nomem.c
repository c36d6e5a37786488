/*
 * A user-memory copy whose page fault finds no free frame (api/uaccess.h):
 * copy_to_user() returns -EFAULT to its caller, and the process is marked
 * to end with status 9 on its way back to user mode (its thread is
 * cancelled with 9), because the pointer was good.  A copy that faults on
 * a pointer that is bad does not mark it.  Once memory is back, the same
 * copy works.
 */
#include "api/uaccess.h"
#include "mm/page.h"
#include "proc/kthread.h"
#include "vmtest.h"

/* Takes every free frame, chained through their first word; the chain. */
static void **take_all_frames(void)
{
	void **chain = NULL;
	void **f;
	while ((f = page_alloc()) != NULL) {
		*f = chain;
		chain = f;
	}
	return chain;
}

static void give_back(void **chain)
{
	while (chain != NULL) {
		void **next = *chain;
		page_free(chain);
		chain = next;
	}
}

static void body(void)
{
	vmmap_t *map = vmt_map();
	vmarea_t *vma = vmt_area(map, 0x60000, 2);
	if (vma == NULL) {
		return;
	}
	char *user = (char *)(0x60000u << PAGE_SHIFT);
	uint32_t word = 0x4b45454c;
	/* Page 0 and its page table in place first: only the data page is missing below. */
	KT_CHECK_EQ(copy_to_user(user, &word, sizeof(word)), 0);
	KT_CHECK(!curthr->kt_cancelled);

	/* A bad pointer is -EFAULT and nothing more. */
	KT_CHECK_EQ(copy_to_user((void *)0x1000, &word, sizeof(word)), -EFAULT);
	KT_CHECK(!curthr->kt_cancelled);

	void **chain = take_all_frames();
	pframe_shrink_all(); /* and what the cache could give back */
	void **more = take_all_frames();
	int err = copy_to_user(user + PAGE_SIZE, &word, sizeof(word));
	bool cancelled = curthr->kt_cancelled;
	void *retval = curthr->kt_retval;
	curthr->kt_cancelled = false; /* this test's thread goes on */
	curthr->kt_retval = NULL;
	give_back(more);
	give_back(chain);
	KT_CHECK_EQ(err, -EFAULT);
	KT_CHECK(cancelled);
	KT_CHECK_EQ((long)retval, 9);

	KT_CHECK_EQ(copy_to_user(user + PAGE_SIZE, &word, sizeof(word)), 0);
	uint32_t back = 0;
	KT_CHECK_EQ(copy_from_user(&back, user + PAGE_SIZE, sizeof(back)), 0);
	KT_CHECK_EQ(back, word);
	KT_CHECK(!curthr->kt_cancelled);
}

KTEST(vm_api_copy_nomem, "vm.api.copy_nomem")
{
	vmt_in_proc(body);
}
