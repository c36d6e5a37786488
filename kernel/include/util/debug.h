/*
 * Diagnostics: panic(), KASSERT(), debug channels and backtraces.
 *
 * panic() prints the message with file, line and function, a backtrace with
 * function names, and stops the machine: under QEMU it leaves the emulator
 * with the "panic" exit status, so a test harness can tell a panic from a
 * clean halt.  While a kernel test runs, the test harness decides what a
 * panic means (see test/ktest.h).
 *
 * dbg(DBG_MM, "fmt", ...) prints only when its channel is switched on, from
 * the kernel command line (dbg=mm,proc) or at run time (dbg_enable()).
 */
#ifndef KEEL_UTIL_DEBUG_H
#define KEEL_UTIL_DEBUG_H

#include "types.h"

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
    __printf(4, 5) __noreturn;

#define panic(...) panic_at(__FILE__, __LINE__, __func__, __VA_ARGS__)

/*
 * The end of every fatal error, after its report is printed: hands the
 * message to the test harness (which records a result and goes on) and
 * otherwise leaves the emulator with the panic status.
 */
void kernel_stop(const char *msg) __noreturn;

/* Panics unless 'cond' holds.  Always compiled in. */
#define KASSERT(cond)                                                                              \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			panic_at(__FILE__, __LINE__, __func__, "assertion failed: %s", #cond);     \
		}                                                                                  \
	} while (0)

/*
 * Marks a function a student has not written yet.  Prints where it is, once
 * per call site, and lets the caller return its failure value.
 */
void not_yet_implemented(const char *what, const char *file, int line);
#define NOT_YET_IMPLEMENTED(what) not_yet_implemented(what, __FILE__, __LINE__)

/* Debug channels.  Each is one bit; names are those the command line takes. */
#define DBG_CORE (1u << 0)     /* "core": boot and shutdown */
#define DBG_MM (1u << 1)       /* "mm": page and slab allocators */
#define DBG_INTR (1u << 2)     /* "intr": interrupts and exceptions */
#define DBG_TEST (1u << 3)     /* "test": the kernel test harness */
#define DBG_PROC (1u << 4)     /* "proc": processes */
#define DBG_THR (1u << 5)      /* "thr": threads */
#define DBG_SCHED (1u << 6)    /* "sched": the scheduler and wait queues */
#define DBG_DISK (1u << 7)     /* "disk": ATA and the block layer */
#define DBG_TTY (1u << 8)      /* "tty": terminals */
#define DBG_VFS (1u << 9)      /* "vfs" */
#define DBG_S5FS (1u << 10)    /* "s5fs" */
#define DBG_VM (1u << 11)      /* "vm" */
#define DBG_SYSCALL (1u << 12) /* "syscall": system calls (kernel/api) */
#define DBG_ALL 0xffffffffu

extern uint32_t dbg_channels;

#define dbg(chan, ...)                                                                             \
	do {                                                                                       \
		if (dbg_channels & (chan)) {                                                       \
			dbg_print(chan, __func__, __VA_ARGS__);                                    \
		}                                                                                  \
	} while (0)

void dbg_print(uint32_t chan, const char *func, const char *fmt, ...) __printf(3, 4);

/*
 * Switches on the channels named in a comma-separated list ("mm,proc", or
 * "all").  Returns 0, or -EINVAL naming the first unknown channel in a
 * message.
 */
int dbg_enable(const char *names);

/*
 * Backtraces walk the frame-pointer chain (the kernel is built with
 * -fno-omit-frame-pointer) from 'ebp', printing each return address with the
 * function that holds it.
 */
void backtrace_print_from(uint32_t eip, uint32_t ebp);
void backtrace_print(void);

/*
 * The function that contains 'addr', from the symbol table embedded in the
 * image; NULL if none.  *offset receives addr minus the function's start.
 */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

#endif
