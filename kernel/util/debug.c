/*
 * panic(), debug channels, backtraces and the embedded symbol table.
 *
 * The symbol table is generated at build time from the first link of the
 * kernel (tools/gensyms) and linked into the second, so a backtrace can name
 * every function without a debugger.
 */
#include "util/debug.h"
#include "boot/interrupt.h"
#include "errno.h"
#include "main/shutdown.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"

uint32_t dbg_channels;

static const struct {
	const char *name;
	uint32_t bit;
} dbg_names[] = {
    {"core", DBG_CORE},       {"mm", DBG_MM},   {"intr", DBG_INTR},   {"test", DBG_TEST},
    {"proc", DBG_PROC},       {"thr", DBG_THR}, {"sched", DBG_SCHED}, {"disk", DBG_DISK},
    {"tty", DBG_TTY},         {"vfs", DBG_VFS}, {"s5fs", DBG_S5FS},   {"vm", DBG_VM},
    {"syscall", DBG_SYSCALL}, {"all", DBG_ALL},
};

static const char *dbg_channel_name(uint32_t chan)
{
	for (size_t i = 0; i < ARRAY_SIZE(dbg_names); i++) {
		if (dbg_names[i].bit & chan) {
			return dbg_names[i].name;
		}
	}
	return "?";
}

int dbg_enable(const char *names)
{
	const char *p = names;
	while (*p != '\0') {
		const char *end = strchr(p, ',');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
		bool found = false;
		for (size_t i = 0; i < ARRAY_SIZE(dbg_names); i++) {
			if (strlen(dbg_names[i].name) == len &&
			    strncmp(dbg_names[i].name, p, len) == 0) {
				dbg_channels |= dbg_names[i].bit;
				found = true;
			}
		}
		if (!found && len > 0) {
			kprintf(
			    "keel: unknown debug channel '%.*s' (known: core mm intr test proc thr "
			    "sched disk tty vfs s5fs vm all)\n",
			    (int)len, p);
			return -EINVAL;
		}
		p += len;
		if (*p == ',') {
			p++;
		}
	}
	return 0;
}

void dbg_print(uint32_t chan, const char *func, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	kprintf("[%s] %s: %s", dbg_channel_name(chan), func, line);
	size_t n = strlen(line);
	if (n == 0 || line[n - 1] != '\n') {
		kprintf("\n");
	}
}

/* Call sites that have reported already: a stub called in a loop reports once. */
#define NYI_SITES 64
static const char *nyi_seen[NYI_SITES];
static int nyi_nseen;

void not_yet_implemented(const char *what, const char *file, int line)
{
	for (int i = 0; i < nyi_nseen; i++) {
		if (nyi_seen[i] == what) {
			return;
		}
	}
	if (nyi_nseen < NYI_SITES) {
		nyi_seen[nyi_nseen++] = what;
	}
	kprintf("keel: not yet implemented: %s (%s:%d)\n", what, file, line);
}

/* The symbol table: ksyms_count functions sorted by address. */
#define KSYM_MAX_FUNCTION_SIZE 0x10000
extern const uint32_t ksyms_count;
extern const uint32_t ksyms_addrs[];
extern const char *const ksyms_names[];

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	if (ksyms_count == 0 || addr < ksyms_addrs[0] || addr >= (uint32_t)kernel_end) {
		return NULL;
	}
	/* The last function that starts at or below addr. */
	uint32_t lo = 0, hi = ksyms_count;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (ksyms_addrs[mid] <= addr) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	/* No function is this long: addr is past the end of the last one in its region. */
	if (addr - ksyms_addrs[lo] > KSYM_MAX_FUNCTION_SIZE) {
		return NULL;
	}
	if (offset != NULL) {
		*offset = addr - ksyms_addrs[lo];
	}
	return ksyms_names[lo];
}

/* Whether a frame pointer may be followed without faulting. */
static bool frame_readable(uint32_t ebp)
{
	if (ebp % 4 != 0 || ebp < KERNEL_VMA) {
		return false;
	}
	paddr_t pa;
	if (kernel_pagedir == NULL) {
		return ebp < (uint32_t)kernel_end;
	}
	return pt_lookup(kernel_pagedir, ebp, &pa, NULL) == 0 &&
	       pt_lookup(kernel_pagedir, ebp + 7, &pa, NULL) == 0;
}

static void print_frame(int depth, uint32_t eip)
{
	uint32_t off;
	const char *name = ksym_lookup(eip, &off);
	if (name != NULL) {
		kprintf("  #%-2d 0x%08x %s+0x%x\n", depth, eip, name, off);
	} else {
		kprintf("  #%-2d 0x%08x ?\n", depth, eip);
	}
}

#define BACKTRACE_MAX 24

void backtrace_print_from(uint32_t eip, uint32_t ebp)
{
	kprintf("backtrace:\n");
	print_frame(0, eip);
	for (int depth = 1; depth < BACKTRACE_MAX && ebp != 0; depth++) {
		if (!frame_readable(ebp)) {
			kprintf("  (frame pointer 0x%08x is not readable)\n", ebp);
			return;
		}
		uint32_t *frame = (uint32_t *)ebp;
		uint32_t ret = frame[1];
		if (ret == 0) {
			return;
		}
		/* The call instruction is just before the return address. */
		print_frame(depth, ret - 1);
		if (frame[0] != 0 && frame[0] <= ebp) {
			return; /* stacks grow down: a frame above must have a higher address */
		}
		ebp = frame[0];
	}
}

void backtrace_print(void)
{
	uint32_t ebp;
	__asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
	backtrace_print_from((uint32_t)__builtin_return_address(0), ((uint32_t *)ebp)[0]);
}

static int panic_depth;

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
	intr_disable();
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (panic_depth++ > 0) {
		/* A panic while panicking: say so and stop without more help. */
		kprintf("\nkeel: nested panic at %s:%d %s(): %s\n", file, line, func, msg);
		shutdown(SHUTDOWN_PANIC);
	}
	kprintf("\nkeel: panic at %s:%d %s(): %s\n", file, line, func, msg);
	uint32_t ebp;
	__asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
	backtrace_print_from((uint32_t)__builtin_return_address(0) - 1, ((uint32_t *)ebp)[0]);
	kernel_stop(msg);
}

void kernel_stop(const char *msg)
{
	static int stopping;
	intr_disable();
	if (stopping++ > 0) {
		shutdown(SHUTDOWN_PANIC); /* a fault while reporting a fault */
	}
	ktest_panic_hook(msg);
	shutdown(SHUTDOWN_PANIC);
}
