/*
 * kmain: from the boot loader to running code.
 *
 * boot.S calls kmain() on the boot stack with paging on.  kmain() brings up
 * the consoles first (so every later failure can be reported), then reads
 * the command line, installs the GDT and IDT, sets up memory (from then on
 * the kernel's code and read-only data are read-only), and moves onto a
 * guard-paged kernel stack.  From there kmain_on_stack() runs the early
 * ("base") kernel tests if any were asked for, and hands over to the process
 * system (PROCS), whose init process runs the remaining tests or the shell.
 */
#include "boot/gdt.h"
#include "boot/interrupt.h"
#include "boot/multiboot.h"
#include "boot/pit.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "main/cmdline.h"
#include "main/shutdown.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/slab.h"
#include "test/ktest.h"
#include "util/debug.h"
#include "util/kprintf.h"

void kmain(uint32_t magic, uint32_t mbi_phys) __noreturn;

/*
 * What runs after the early tests.  The process system provides it
 * (kernel/proc/procboot.c); it starts idle and init and never returns.
 */
void proc_start(void) __attribute__((weak, noreturn));

/* Sets the time of day from the CMOS clock (the VM stage's system calls, api/sys_misc.c). */
void api_clock_init(void) __attribute__((weak));

static void __noreturn kmain_on_stack(void)
{
	const char *glob = cmdline_get(&kernel_cmdline, "test");
	if (cmdline_get(&kernel_cmdline, "list") != NULL) {
		ktest_list();
		shutdown(SHUTDOWN_OK);
	}
	if (glob != NULL) {
		ktest_begin(glob);
		ktest_run_stage(true);
	}
	if (proc_start != NULL) {
		proc_start();
	}
	if (glob != NULL) {
		ktest_abort_rest("not run: this kernel has no process system");
	}
	kprintf("keel: nothing to run\n");
	shutdown(SHUTDOWN_OK);
}

/* Leaves the boot stack for a kernel stack with a guard page under it. */
static void __noreturn switch_to_guarded_stack(void)
{
	char *stack = kstack_alloc("boot");
	KASSERT(stack != NULL);
	__asm__ volatile("movl %0, %%esp\n\t"
			 "xorl %%ebp, %%ebp\n\t"
			 "call *%1"
			 :
			 : "r"(stack + KSTACK_SIZE), "r"(kmain_on_stack)
			 : "memory");
	__builtin_unreachable();
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
	serial_init();
	vga_init();
	kprintf("Keel: a teaching kernel for 32-bit x86\n");
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
		panic("not booted by a Multiboot loader (magic 0x%08x)", magic);
	}
	const multiboot_info_t *mbi = phys_to_virt(mbi_phys);
	const char *cmdline =
	    (mbi->flags & MULTIBOOT_INFO_CMDLINE) ? phys_to_virt(mbi->cmdline) : "";
	cmdline_parse(&kernel_cmdline, cmdline);
	kprintf("command line: %s\n", cmdline);
	const char *dbg_names = cmdline_get(&kernel_cmdline, "dbg");
	if (dbg_names != NULL) {
		dbg_enable(dbg_names);
	}
#ifdef KEEL_DEBUG
	slab_poison_all = true;
#endif
	if (cmdline_get_int(&kernel_cmdline, "slab_poison", 0) != 0) {
		slab_poison_all = true;
	}

	gdt_init();
	intr_init();
	mm_init(mbi);
	intr_init_df_task();
	kprintf("memory: %zu KiB free in %zu frames\n", page_free_count() * 4, page_free_count());
	pit_init(cmdline_get_int(&kernel_cmdline, "hz", PIT_HZ));
	if (api_clock_init != NULL) {
		api_clock_init();
	}
	intr_enable();
	switch_to_guarded_stack();
}
