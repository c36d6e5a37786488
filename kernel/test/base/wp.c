/*
 * The kernel's code and read-only data are mapped read-only once memory is
 * set up (mm/pagetable.h), with CR0.WP on so that ring 0 obeys it.
 *
 * base.wp.text writes to the first byte of a function, base.wp.rodata into
 * a string literal, base.wp.test_table into the running test's own entry in
 * the test table, and base.wp.harness_state into the test harness's state
 * pages while no harness code has them open: each must end in the page-fault
 * panic that names what was hit.  Each write stores the byte that is
 * already there, so a kernel that lets it through is not damaged, and the
 * test then fails because it returned instead of panicking.
 *
 * base.wp.data_ok checks the other half: .data, .bss and the rest of the
 * direct map stay writable, and the page tables say exactly which parts of
 * the image are read-only.
 *
 * base.wp.symbols checks that a graded build (one with a signing key) has
 * no test-harness or SHA-256 function in the kernel's symbol table, and
 * that an ordinary build has them all (so backtraces name them).
 */
#include "io.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "test/kbench.h"
#include "test/ktest.h"
#include "util/debug.h"
#include "util/sha256.h"
#include "util/string.h"

#define CR0_WP 0x10000

/* Stores the byte at 'p' back into it. */
static void rewrite_byte(const void *p)
{
	volatile uint8_t *b = (volatile uint8_t *)(uintptr_t)p;
	*b = *b;
}

/* A function to write to; not static, so the symbol table has its exact name. */
void __attribute__((noinline)) wp_test_victim(void)
{
	__asm__ volatile("");
}

KTEST_PANIC(wp_text, "base.wp.text",
	    "write to read-only kernel memory (code of wp_test_victim+0x0)")
{
	wp_test_victim();
	rewrite_byte((const void *)(uintptr_t)wp_test_victim);
	ktest_fail("writing to the code of wp_test_victim() did not fault");
}

KTEST_PANIC(wp_rodata, "base.wp.rodata", "write to read-only kernel memory (read-only data)")
{
	static const char *volatile literal = "a string literal";
	rewrite_byte(literal + 2);
	ktest_fail("writing into a string literal did not fault");
}

KTEST_PANIC(wp_test_table, "base.wp.test_table",
	    "write to read-only kernel memory (read-only data)")
{
	const ktest_t *self = ktest_current();
	if (!KT_CHECK(self != NULL)) {
		return;
	}
	/* What a forger would do: replace the function a test runs. */
	rewrite_byte(&self->kt_fn);
	ktest_fail("writing into the test table did not fault");
}

KTEST_PANIC(wp_harness_state, "base.wp.harness_state",
	    "write to read-only kernel memory (write-protected data)")
{
	if (!KT_CHECK((uintptr_t)ktest_state_end > (uintptr_t)ktest_state_start)) {
		return;
	}
	rewrite_byte(ktest_state_start);
	ktest_fail("writing into the harness's state did not fault");
}

static int wp_data_word = 42; /* in .data */
static int wp_bss_word;       /* in .bss */

/* Checks that the kernel maps 'addr' in the direct map, writable or not. */
static void check_mapped(uintptr_t addr, bool writable, const char *what)
{
	const void *va = (const void *)addr;
	paddr_t pa;
	uint32_t flags = 0;
	if (pt_lookup(kernel_pagedir, addr, &pa, &flags) != 0) {
		ktest_fail("%s (%p) is not mapped", what, va);
		return;
	}
	if (pa != virt_to_phys(va)) {
		ktest_fail("%s (%p) is not in the direct map", what, va);
	}
	if (((flags & PTE_W) != 0) != writable) {
		ktest_fail("%s (%p) is mapped %s", what, va, writable ? "read-only" : "writable");
	}
}

KTEST(wp_data_ok, "base.wp.data_ok")
{
	KT_CHECK(read_cr0() & CR0_WP);

	/* Data and bss: the compiler's own writes must work. */
	volatile int *data = &wp_data_word, *bss = &wp_bss_word;
	*data += 1;
	*bss += 7;
	KT_CHECK_EQ(*data, 43);
	KT_CHECK_EQ(*bss, 7);
	*data = 42;
	*bss = 0;
	check_mapped((uintptr_t)&wp_data_word, true, ".data");
	check_mapped((uintptr_t)&wp_bss_word, true, ".bss");
	check_mapped((uintptr_t)kernel_ro_end, true, "the first page after kernel_ro_end");
	check_mapped((uintptr_t)kernel_end - 1, true, "the last byte of the image");
	check_mapped((uintptr_t)kernel_end, true, "the first page after the image");
	check_mapped(KERNEL_VMA, true, "physical page 0");
	check_mapped((uintptr_t)kernel_start - 1, true, "the byte below the image");

	/* The read-only part, from its first to its last byte. */
	check_mapped((uintptr_t)kernel_start, false, "the start of the image (.boot)");
	check_mapped((uintptr_t)kernel_text_start, false, ".text");
	check_mapped((uintptr_t)wp_test_victim, false, "a function");
	check_mapped((uintptr_t) "a string literal", false, "a string literal");
	check_mapped((uintptr_t)ktest_current(), false, "the test table");
	check_mapped((uintptr_t)kernel_ro_end - 1, false, "the last byte below kernel_ro_end");

	/* The harness's state, outside the harness's own writes. */
	check_mapped((uintptr_t)ktest_state_start, false, "the harness's state");
	check_mapped((uintptr_t)ktest_state_end - 1, false, "the end of the harness's state");
	KT_CHECK(!pt_kernel_writable(ktest_state_start));

	/* A frame from the page allocator. */
	uint8_t *frame = page_alloc();
	if (KT_CHECK(frame != NULL)) {
		frame[0] = 1;
		check_mapped((uintptr_t)frame, true, "a page-allocator frame");
		page_free(frame);
	}
}

/* The kernel's symbol table (tools/gensyms). */
extern const uint32_t ksyms_count;
extern const char *const ksyms_names[];

static bool ksyms_has(const char *name)
{
	for (uint32_t i = 0; i < ksyms_count; i++) {
		if (strcmp(ksyms_names[i], name) == 0) {
			return true;
		}
	}
	return false;
}

KTEST(wp_symbols, "base.wp.symbols")
{
	/* One function from each of the harness's objects. */
	static const char *const harness[] = {"ktest_check", "ktest_begin", "kbench_run",
					      "hmac_sha256_init", "sha256_update"};
	bool hidden = ktest_has_key();
	ktest_note("this build has %s signing key", hidden ? "a" : "no");
	/* The table itself works: ordinary functions are in it. */
	KT_CHECK(ksyms_has("kmain"));
	KT_CHECK(ksyms_has("wp_test_victim"));
	for (size_t i = 0; i < ARRAY_SIZE(harness); i++) {
		if (ksyms_has(harness[i]) == hidden) {
			ktest_fail("'%s' is %s the symbol table", harness[i],
				   hidden ? "in" : "missing from");
		}
	}
	/* A lookup by address names the function only when the table has it. */
	uint32_t off = 0;
	const char *name = ksym_lookup((uint32_t)(uintptr_t)ktest_check, &off);
	bool named = name != NULL && off == 0 && strcmp(name, "ktest_check") == 0;
	KT_CHECK(named != hidden);
}
