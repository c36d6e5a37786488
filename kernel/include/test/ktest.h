/*
 * The kernel test harness.
 *
 * A test is a function registered under a dotted name whose first word is
 * "base" or a stage ("procs", "drivers", "vfs", "s5fs", "vm"):
 *
 *     KTEST(slab_reuse, "base.slab.reuse")
 *     {
 *             ...
 *             KT_CHECK(obj != NULL);
 *     }
 *
 * Booting with test=<glob> runs every test whose name matches, in name
 * order, and reports TAP on the serial port:
 *
 *     1..3
 *     ok 1 - base.list.basic
 *     # kernel/test/base/slab.c:40: check failed: a == b (3 != 4)
 *     not ok 2 - base.slab.reuse
 *
 * A test fails when a check fails, when it panics or faults (unless it
 * expects to), when it runs past its time limit, or when a slab cache's live
 * count or the free-frame count differs after the test from before it: every
 * test must free what it allocates.  "base" tests run early in kmain(); stage
 * tests run in the init process once processes exist.
 *
 * After a panic, a fault or a time-out the kernel's state cannot be trusted,
 * so the harness records the result in the CMOS RAM and resets the machine;
 * the next boot reports it and carries on with the following test.  A triple
 * fault resets the machine too: the next boot reports the test that was
 * running as failed.  When every test has run the kernel prints
 * "# N passed, M failed" and leaves QEMU with exit status 33 if M is 0 and 35
 * otherwise.
 *
 * A kernel the grader builds carries a secret key, and the grader boots it
 * with ktest_nonce=<word>: every result line then ends with an
 * authenticator, "ok 1 - procs.wait.any [auth=0:<hmac>]", that the grader
 * checks before it believes the line (test/ktest.c has the details).
 *
 * The harness protects itself a little (see grading/README.md for how
 * little).  The test table is read-only data and the harness's own state
 * lives in pages that only the harness opens for writing; code that writes
 * to either, or to the kernel's code, is stopped by a page fault:
 *
 *     page fault at 0xc0101230: write to read-only kernel memory (code of kmain+0x0)
 *     page fault at 0xc011e004: write to read-only kernel memory (read-only data)
 *     page fault at 0xc0131000: write to read-only kernel memory (write-protected data)
 *
 * the last for the harness's state.  A graded build (one with a key) also
 * leaves the harness's functions and the SHA-256 code out of the kernel's
 * symbol table, so backtraces there show "?" or a neighbouring function.
 */
#ifndef KEEL_TEST_KTEST_H
#define KEEL_TEST_KTEST_H

#include "types.h"

/* What a test expects to happen. */
#define KTEST_PANICS 0x1   /* passes only if it panics with kt_expect in the message */
#define KTEST_TIMES_OUT 0x2 /* passes only if the harness's time limit stops it */

typedef struct ktest {
	const char *kt_name;
	void (*kt_fn)(void);
	uint32_t kt_flags;
	const char *kt_expect; /* for KTEST_PANICS: a substring of the panic message */
	uint32_t kt_timeout_ms; /* 0: the default, KTEST_DEFAULT_TIMEOUT_MS */
	const char *kt_file;
	int kt_line;
} ktest_t;

#define KTEST_DEFAULT_TIMEOUT_MS 10000

/*
 * 'id' names the test's function (it becomes ktest_<id>, so it never clashes
 * with the function under test); 'name' is the dotted name tests are
 * selected by.
 */
#define KTEST_DEFINE(id, name, flags, expect, timeout)                          \
	static void ktest_##id(void);                                          \
	static const ktest_t ktest_entry_##id                                  \
		__attribute__((used, section(".ktests"), aligned(4))) = {      \
			name, ktest_##id, flags, expect, timeout, __FILE__, __LINE__}; \
	static void ktest_##id(void)

/* A test that passes when it returns with no failed check and no leak. */
#define KTEST(func, name) KTEST_DEFINE(func, name, 0, NULL, 0)
/* A test that passes only if it panics with 'expect' in the panic message. */
#define KTEST_PANIC(func, name, expect) KTEST_DEFINE(func, name, KTEST_PANICS, expect, 0)
/* A test that passes only if it is still running after timeout_ms. */
#define KTEST_TIMEOUT(func, name, timeout_ms) KTEST_DEFINE(func, name, KTEST_TIMES_OUT, NULL, timeout_ms)
/* A test with its own time limit. */
#define KTEST_SLOW(func, name, timeout_ms) KTEST_DEFINE(func, name, 0, NULL, timeout_ms)

/*
 * Checks.  Each records a failure with file and line when its condition is
 * false and returns whether it held, so a test can stop where going on
 * would crash:  if (!KT_CHECK(p != NULL)) return;
 */
bool ktest_check(bool ok, const char *file, int line, const char *expr);
bool ktest_check_eq(long long a, long long b, const char *file, int line, const char *expr);
bool ktest_check_str(const char *a, const char *b, const char *file, int line, const char *expr);

#define KT_CHECK(cond) ktest_check(!!(cond), __FILE__, __LINE__, #cond)
#define KT_CHECK_EQ(a, b) ktest_check_eq((long long)(a), (long long)(b), __FILE__, __LINE__, #a " == " #b)
#define KT_CHECK_STR(a, b) ktest_check_str((a), (b), __FILE__, __LINE__, #a " == " #b)

/* Fails the running test with a message. */
void ktest_fail(const char *fmt, ...) __printf(1, 2);
/* Prints a TAP diagnostic line ("# ...") for the running test. */
void ktest_note(const char *fmt, ...) __printf(1, 2);

/*
 * The leak check: a snapshot of every slab cache's live count and of the
 * free-frame count, and a comparison that describes each difference.
 */
#define KTEST_SNAP_CACHES 128
#define KTEST_HOOK_STATE 512
typedef struct ktest_snapshot {
	size_t ks_ncaches;
	const void *ks_cache[KTEST_SNAP_CACHES];
	size_t ks_live[KTEST_SNAP_CACHES];
	size_t ks_free_frames;
	size_t ks_kstacks;
	uint32_t ks_hook_state[KTEST_HOOK_STATE / 4]; /* the leak hook's own record */
} ktest_snapshot_t;

/*
 * A subsystem's own leak check (the VFS's vnode reference counts).
 * kh_snapshot records what it needs in KTEST_HOOK_STATE bytes of each
 * snapshot; kh_compare describes each difference from that record in
 * 'why' and returns their number.  Both run before the slab caches are
 * counted, so they may release what exited processes left behind.
 */
typedef struct ktest_leak_hook {
	void (*kh_snapshot)(void *state);
	int (*kh_compare)(const void *state, char *why, size_t size);
} ktest_leak_hook_t;

/* Installs the leak hook (one; a later call replaces it). */
void ktest_set_leak_hook(const ktest_leak_hook_t *hook);

void ktest_snapshot(ktest_snapshot_t *snap);
/*
 * The number of differences between 'before' and now; each is described in
 * 'why' ("cache 'proc': 1 object leaked"), truncated to 'size'.
 */
int ktest_leaks(const ktest_snapshot_t *before, char *why, size_t size);

/*
 * Entry points for kmain() and init.  ktest_begin() parses the selection
 * (test=<glob>) and any state carried over a reset; ktest_run_stage() runs
 * the selected tests of one phase: "base" tests (early, from kmain) or all
 * the others (from init).  ktest_finish() prints the summary and shuts down.
 * ktest_abort_rest() reports every test not yet run as failed with 'why'
 * (for example when processes cannot start) and shuts down.
 */
void ktest_begin(const char *glob);
bool ktest_active(void);
void ktest_run_stage(bool base);
void ktest_finish(void) __noreturn;
void ktest_abort_rest(const char *why) __noreturn;

/* Lists every registered test ("# test <name>") for the host runner. */
void ktest_list(void);

/* Called by panic_at() and the fault handlers; returns only if no test is running. */
void ktest_panic_hook(const char *msg);
/* Called on every timer tick to enforce time limits. */
void ktest_tick(void);

/* The running test, or NULL.  Its entry is in the read-only test table. */
const ktest_t *ktest_current(void);

/* Whether this kernel was built with a signing key (KTEST_AUTH_KEY), as a graded build is. */
bool ktest_has_key(void);

#endif
