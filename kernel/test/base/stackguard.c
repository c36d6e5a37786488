/*
 * Kernel stacks have guard pages, and running into one is reported.
 * base.stackguard.overflow moves onto a fresh stack named "base.stackguard"
 * and recurses until the stack runs into its guard page.  The CPU cannot
 * push the page-fault frame on the full stack, so it raises a double fault;
 * the double-fault task must report "kernel stack overflow in
 * 'base.stackguard'" (a panic the harness expects).  base.stackguard.owner
 * checks kstack_guard_owner(): the owner's name for any address in the
 * guard page, NULL for the stack's own pages and for freed stacks; and that
 * kstack_alloc()/kstack_free() keep the stack count and free frames in
 * balance.
 */
#include "errno.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "test/ktest.h"
#include "util/string.h"

/* Never reached: a limit the compiler cannot see through. */
static volatile int recursion_limit = 1 << 30;
static volatile int dig_result;

/*
 * Recursion with a 256-byte frame that is used after the recursive call, so
 * the compiler can neither turn it into a loop nor drop the frame.
 */
static int __attribute__((noinline)) dig(int depth)
{
	volatile char frame[256];
	frame[0] = (char)depth;
	frame[255] = (char)(depth >> 8);
	if (depth >= recursion_limit) {
		return depth;
	}
	return dig(depth + 1) + frame[0] + frame[255];
}

static void overflow_main(void)
{
	dig_result = dig(0);
}

/*
 * Calls fn() with ESP at 'top' and returns to the caller's stack afterwards
 * (if fn returns).  EBP is left alone, so a backtrace reaches the test.
 */
static void call_on_stack(void *top, void (*fn)(void))
{
	__asm__ volatile("movl %%esp, %%ebx\n\t"
			 "movl %0, %%esp\n\t"
			 "call *%1\n\t"
			 "movl %%ebx, %%esp"
			 :
			 : "r"(top), "r"(fn)
			 : "ebx", "eax", "ecx", "edx", "memory");
}

KTEST_PANIC(stackguard_overflow, "base.stackguard.overflow",
	    "kernel stack overflow in 'base.stackguard'")
{
	char *stack = kstack_alloc("base.stackguard");
	if (!KT_CHECK(stack != NULL)) {
		return;
	}
	call_on_stack(stack + KSTACK_SIZE, overflow_main);
	ktest_fail("recursed %d levels without overflowing", dig_result);
	kstack_free(stack);
}

KTEST(stackguard_owner, "base.stackguard.owner")
{
	const char *long_name = "base.stackguard.a-name-longer-than-the-limit";
	size_t frames = page_free_count(), nstacks = kstack_count();
	char *a = kstack_alloc("base.stackguard.a");
	char *b = kstack_alloc(long_name);
	if (!KT_CHECK(a != NULL && b != NULL)) {
		return;
	}
	KT_CHECK_EQ(kstack_count(), nstacks + 2);
	KT_CHECK_EQ(page_free_count(), frames - 2 * KSTACK_PAGES);
	KT_CHECK(IS_ALIGNED((uintptr_t)a, PAGE_SIZE) && IS_ALIGNED((uintptr_t)b, PAGE_SIZE));
	KT_CHECK((uintptr_t)a - PAGE_SIZE >= KSTACK_AREA_START &&
		 (uintptr_t)a + KSTACK_SIZE <= KSTACK_AREA_END);
	/* Neither stack nor its guard overlaps the other. */
	KT_CHECK((uintptr_t)a + KSTACK_SIZE <= (uintptr_t)b - PAGE_SIZE ||
		 (uintptr_t)b + KSTACK_SIZE <= (uintptr_t)a - PAGE_SIZE);

	uintptr_t guard = (uintptr_t)a - PAGE_SIZE;
	KT_CHECK_STR(kstack_guard_owner(guard), "base.stackguard.a");
	KT_CHECK_STR(kstack_guard_owner(guard + 0x800), "base.stackguard.a");
	KT_CHECK_STR(kstack_guard_owner(guard + PAGE_SIZE - 1), "base.stackguard.a");
	KT_CHECK(kstack_guard_owner((uintptr_t)a) == NULL);
	KT_CHECK(kstack_guard_owner((uintptr_t)a + KSTACK_SIZE / 2) == NULL);
	KT_CHECK(kstack_guard_owner((uintptr_t)a + KSTACK_SIZE - 1) == NULL);
	paddr_t pa;
	KT_CHECK_EQ(pt_lookup(kernel_pagedir, guard, &pa, NULL), -EFAULT);
	/* Every page of the stack itself is mapped and writable. */
	for (size_t i = 0; i < KSTACK_PAGES; i++) {
		KT_CHECK_EQ(pt_lookup(kernel_pagedir, (uintptr_t)a + i * PAGE_SIZE, &pa, NULL), 0);
	}
	memset(a, 0x5a, KSTACK_SIZE);
	memset(b, 0xa5, KSTACK_SIZE);
	KT_CHECK(a[0] == 0x5a && a[KSTACK_SIZE - 1] == 0x5a);

	/* The name is copied and cut to fit. */
	const char *owner_b = kstack_guard_owner((uintptr_t)b - 1);
	if (KT_CHECK(owner_b != NULL)) {
		KT_CHECK_EQ(strlen(owner_b), KSTACK_OWNER_MAX - 1);
		KT_CHECK_EQ(strncmp(owner_b, long_name, KSTACK_OWNER_MAX - 1), 0);
	}
	kstack_set_owner(a, "renamed");
	KT_CHECK_STR(kstack_guard_owner(guard), "renamed");

	/* Addresses outside any guard page. */
	KT_CHECK(kstack_guard_owner(0) == NULL);
	KT_CHECK(kstack_guard_owner((uintptr_t)kernel_start) == NULL);
	KT_CHECK(kstack_guard_owner(KSTACK_AREA_START - 1) == NULL);
	KT_CHECK(kstack_guard_owner(KSTACK_AREA_END) == NULL);
	KT_CHECK(kstack_guard_owner(KSTACK_AREA_END - 1) == NULL);

	/* The test itself runs on a guarded stack: its guard is a few pages down. */
	int local;
	const char *mine = NULL;
	for (uintptr_t p = PAGE_ALIGN_DOWN((uintptr_t)&local);
	     mine == NULL && p >= PAGE_ALIGN_DOWN((uintptr_t)&local) - KSTACK_SIZE;
	     p -= PAGE_SIZE) {
		mine = kstack_guard_owner(p);
	}
	KT_CHECK(mine != NULL);

	kstack_free(a);
	KT_CHECK(kstack_guard_owner(guard) == NULL);
	KT_CHECK_EQ(pt_lookup(kernel_pagedir, (uintptr_t)a, &pa, NULL), -EFAULT);
	kstack_free(b);
	KT_CHECK_EQ(kstack_count(), nstacks);
	KT_CHECK_EQ(page_free_count(), frames);

	/* Many rounds: nothing accumulates. */
	for (int i = 0; i < 50; i++) {
		char *s = kstack_alloc("base.stackguard.round");
		if (!KT_CHECK(s != NULL)) {
			break;
		}
		s[0] = s[KSTACK_SIZE - 1] = (char)i;
		kstack_free(s);
	}
	KT_CHECK_EQ(kstack_count(), nstacks);
	KT_CHECK_EQ(page_free_count(), frames);
}
