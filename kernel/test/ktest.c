/*
 * The kernel test harness (see test/ktest.h for what a test author needs).
 *
 * Selection.  KTEST() puts a ktest_t in the .ktests section; ktest_begin()
 * collects those whose names match the glob and sorts them by name.  Tests
 * run in two phases: "early" tests (base.* and selftest.base.*) from
 * kmain() before processes exist, then the rest from the init process.
 * TAP numbers follow that order.
 *
 * Isolation.  Before each test the harness takes a snapshot of every slab
 * cache's live count, the free-frame count and the number of kernel stacks;
 * after it, any difference fails the test and is named.
 *
 * Going on after a disaster.  A panic, a fatal exception or a time-out
 * leaves the kernel in a state nothing should trust.  The harness reports
 * the result, saves its progress (next test, counts) in 16 bytes of the
 * CMOS RAM, which survives a reset, and resets the machine.  The next boot,
 * with the same command line, finds the saved state and resumes.  Before
 * each test it also records which test is running, so that a triple fault,
 * which resets the machine without warning, is reported on the next boot.
 * A boot that finds no state (a new QEMU process) starts from the first
 * test.  Under QEMU's -no-reboot the reset ends QEMU instead; the host
 * runner then boots again with start=N itself.
 *
 * Signed results.  A kernel built for grading carries a key
 * (-DKTEST_AUTH_KEY="<64 hex digits>", which mk/course.mk passes to this
 * file alone); booted with ktest_nonce=<word>, it appends to every result
 * line an HMAC-SHA256 that only the holder of the key can compute:
 *
 *     ok 1 - procs.wait.any [auth=0:<64 hex digits>]
 *     not ok 2 - procs.wait.status # panic: ... [auth=1:<64 hex digits>]
 *
 * The number before the colon is the line's sequence number in this boot
 * (0, 1, ...).  The MAC is over the bytes
 *
 *     "keel-ktest-1\n" nonce "\n" seq "\n" N "\n" outcome "\n" name "\n" directive
 *
 * with seq and N (the TAP number) in decimal, outcome "ok" or "not ok" and
 * directive the text after " # " (empty when there is none).  The grader
 * picks a fresh nonce for every boot, so a line from another boot or
 * another run does not verify, and it knows which test it asked for, so a
 * line for another test does not count.  Without both the key and a nonce
 * the lines are plain TAP.  grading/README.md says what this stops and what
 * it cannot (code in ring 0 can read the key).
 *
 * Protected state.  The test table is read-only data, and everything the
 * harness changes while it runs (the selection, the running test and its
 * failed flag, the counts, the decoded key, the sequence number) lives in
 * its own pages, the .ktest_state section (KTEST_STATE below), which
 * mm/pagetable.c maps read-only.  The harness opens them for writing around
 * each of its own writes, with interrupts off, and closes them again
 * (state_open() and state_close()), so code outside the harness that
 * writes there faults with "write to read-only kernel memory".  Code in
 * ring 0 can still remap the pages: this makes tampering deliberate work,
 * it does not make it impossible.  A graded build also leaves this file's
 * functions out of the kernel's symbol table (the Makefile's ksyms-omit.txt).
 */
#include "test/ktest.h"
#include "boot/interrupt.h"
#include "boot/pit.h"
#include "io.h"
#include "main/cmdline.h"
#include "main/shutdown.h"
#include "mm/kstack.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pagetable.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/sha256.h"
#include "util/string.h"

extern const ktest_t ktests_start[], ktests_end[];

/* The harness's mutable state: read-only pages except inside state_open()/state_close(). */
#define KTEST_STATE __attribute__((section(".ktest_state")))

#define MAX_SELECTED 512

static const ktest_t *selected[MAX_SELECTED] KTEST_STATE;
static int nselected KTEST_STATE;
static int next_index KTEST_STATE; /* the next test to run, 0-based in run order */
static int npassed KTEST_STATE, nfailed KTEST_STATE;
static bool active KTEST_STATE;

static const ktest_t *current KTEST_STATE;
static bool current_failed KTEST_STATE;
static uint32_t current_deadline KTEST_STATE; /* in PIT ticks */

/* A write window on the state pages: interrupts off, pages writable. */
typedef struct state_window {
	uint32_t sw_flags; /* interrupt flag to restore */
	bool sw_was_open;  /* nested inside another window: leave the pages open */
} state_window_t;

static state_window_t state_open(void)
{
	state_window_t w = {.sw_flags = intr_save()};
	w.sw_was_open = pt_kernel_writable(ktest_state_start);
	if (!w.sw_was_open) {
		pt_kernel_set_writable(ktest_state_start, ktest_state_end, true);
	}
	return w;
}

static void state_close(state_window_t w)
{
	if (!w.sw_was_open) {
		pt_kernel_set_writable(ktest_state_start, ktest_state_end, false);
	}
	intr_restore(w.sw_flags);
}

static void set_failed(void)
{
	state_window_t w = state_open();
	current_failed = true;
	state_close(w);
}

/* CMOS persistence: 16 bytes at CMOS_BASE. */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_BASE 0x60
#define CMOS_MAGIC 0x4b54 /* "KT" */

typedef struct saved_state {
	uint16_t ss_magic;
	uint16_t ss_hash;    /* of the selection glob */
	uint16_t ss_next;    /* next test to run */
	uint16_t ss_passed;
	uint16_t ss_failed;
	uint16_t ss_running; /* 1 + the test running now, or 0 */
	uint16_t ss_spare;
	uint16_t ss_check;
} saved_state_t;

static uint16_t glob_hash KTEST_STATE;

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, 0x80 | reg); /* bit 7: keep NMIs off while we touch it */
	return inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	outb(CMOS_INDEX, 0x80 | reg);
	outb(CMOS_DATA, v);
}

static uint16_t state_check(const saved_state_t *s)
{
	const uint16_t *w = (const uint16_t *)s;
	uint16_t sum = 0x5a5a;
	for (size_t i = 0; i < sizeof(*s) / 2 - 1; i++) {
		sum = (uint16_t)(sum * 31 + w[i]);
	}
	return sum;
}

static void state_store(int running)
{
	saved_state_t s = {
		.ss_magic = CMOS_MAGIC,
		.ss_hash = glob_hash,
		.ss_next = next_index,
		.ss_passed = npassed,
		.ss_failed = nfailed,
		.ss_running = running,
	};
	s.ss_check = state_check(&s);
	const uint8_t *b = (const uint8_t *)&s;
	uint32_t flags = intr_save();
	for (size_t i = 0; i < sizeof(s); i++) {
		cmos_write(CMOS_BASE + i, b[i]);
	}
	intr_restore(flags);
}

static void state_clear(void)
{
	uint32_t flags = intr_save();
	for (int i = 0; i < (int)sizeof(saved_state_t); i++) {
		cmos_write(CMOS_BASE + i, 0);
	}
	intr_restore(flags);
}

/* Loads saved state into 's'; true if it is valid and for this selection. */
static bool state_load(saved_state_t *s)
{
	uint8_t *b = (uint8_t *)s;
	for (size_t i = 0; i < sizeof(*s); i++) {
		b[i] = cmos_read(CMOS_BASE + i);
	}
	return s->ss_magic == CMOS_MAGIC && s->ss_check == state_check(s) && s->ss_hash == glob_hash;
}

/* Selection and order. */

static bool is_early(const ktest_t *t)
{
	return strncmp(t->kt_name, "base.", 5) == 0 || strncmp(t->kt_name, "selftest.base.", 14) == 0;
}

static int compare_tests(const ktest_t *a, const ktest_t *b)
{
	if (is_early(a) != is_early(b)) {
		return is_early(a) ? -1 : 1;
	}
	return strcmp(a->kt_name, b->kt_name);
}

static void select_tests(const char *glob)
{
	nselected = 0;
	for (const ktest_t *t = ktests_start; t < ktests_end; t++) {
		if (glob_match(glob, t->kt_name)) {
			if (nselected == MAX_SELECTED) {
				panic("ktest: more than %d tests match '%s'", MAX_SELECTED, glob);
			}
			selected[nselected++] = t;
		}
	}
	/* Insertion sort: a few hundred entries at most. */
	for (int i = 1; i < nselected; i++) {
		const ktest_t *t = selected[i];
		int j = i;
		while (j > 0 && compare_tests(selected[j - 1], t) > 0) {
			selected[j] = selected[j - 1];
			j--;
		}
		selected[j] = t;
	}
}

/* Signing result lines (see the top of this file). */

#ifdef KTEST_AUTH_KEY
static const char auth_key_hex[] = KTEST_AUTH_KEY;
#else
static const char auth_key_hex[] = "";
#endif
#define AUTH_KEY_SIZE 32
#define AUTH_NONCE_MAX 64

static uint8_t auth_key[AUTH_KEY_SIZE] KTEST_STATE;
static char auth_nonce[AUTH_NONCE_MAX + 1] KTEST_STATE;
static bool auth_on KTEST_STATE;
static uint32_t auth_seq KTEST_STATE; /* result lines signed in this boot */

/* Signing is on when this kernel has a key and the command line a nonce.  Inside a state window. */
static void auth_setup(void)
{
	auth_on = false;
	const char *nonce = cmdline_get(&kernel_cmdline, "ktest_nonce");
	if (nonce == NULL || strlen(auth_key_hex) != 2 * AUTH_KEY_SIZE) {
		return;
	}
	size_t n = strlen(nonce);
	if (n == 0 || n > AUTH_NONCE_MAX) {
		panic("ktest: ktest_nonce must have 1 to %d characters", AUTH_NONCE_MAX);
	}
	for (int i = 0; i < AUTH_KEY_SIZE; i++) {
		int hi = digit_value(auth_key_hex[2 * i]), lo = digit_value(auth_key_hex[2 * i + 1]);
		if (hi >= 16 || lo >= 16) {
			panic("ktest: KTEST_AUTH_KEY is not %d hex digits", 2 * AUTH_KEY_SIZE);
		}
		auth_key[i] = (uint8_t)(hi << 4 | lo);
	}
	strlcpy(auth_nonce, nonce, sizeof(auth_nonce));
	auth_seq = 0;
	auth_on = true;
}

static void mac_field(hmac_sha256_ctx_t *h, const char *s, bool last)
{
	hmac_sha256_update(h, s, strlen(s));
	if (!last) {
		hmac_sha256_update(h, "\n", 1);
	}
}

/* Writes " [auth=<seq>:<mac>]" for one result line into 'tag'. */
static void auth_tag(int number, bool ok, const char *name, const char *directive, char *tag,
		     size_t size)
{
	char seq[12], num[12];
	snprintf(seq, sizeof(seq), "%u", auth_seq);
	snprintf(num, sizeof(num), "%d", number);
	hmac_sha256_ctx_t h;
	hmac_sha256_init(&h, auth_key, sizeof(auth_key));
	mac_field(&h, "keel-ktest-1", false);
	mac_field(&h, auth_nonce, false);
	mac_field(&h, seq, false);
	mac_field(&h, num, false);
	mac_field(&h, ok ? "ok" : "not ok", false);
	mac_field(&h, name, false);
	mac_field(&h, directive != NULL ? directive : "", true);
	uint8_t mac[SHA256_DIGEST_SIZE];
	hmac_sha256_final(&h, mac);
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	hex_encode(mac, sizeof(mac), hex);
	snprintf(tag, size, " [auth=%u:%s]", auth_seq, hex);
	state_window_t w = state_open();
	auth_seq++;
	state_close(w);
}

/* Reporting. */

static void report(int index, bool ok, const char *directive)
{
	const ktest_t *t = selected[index];
	state_window_t w = state_open();
	if (ok) {
		npassed++;
	} else {
		nfailed++;
	}
	state_close(w);
	char tag[12 + 2 * SHA256_DIGEST_SIZE + 16] = "";
	if (auth_on) {
		auth_tag(index + 1, ok, t->kt_name, directive, tag, sizeof(tag));
	}
	kprintf("%s %d - %s%s%s%s\n", ok ? "ok" : "not ok", index + 1, t->kt_name,
		directive != NULL ? " # " : "", directive != NULL ? directive : "", tag);
}

bool ktest_check(bool ok, const char *file, int line, const char *expr)
{
	if (!ok) {
		kprintf("# %s:%d: check failed: %s\n", file, line, expr);
		set_failed();
	}
	return ok;
}

bool ktest_check_eq(long long a, long long b, const char *file, int line, const char *expr)
{
	if (a != b) {
		kprintf("# %s:%d: check failed: %s (%lld != %lld)\n", file, line, expr, a, b);
		set_failed();
	}
	return a == b;
}

bool ktest_check_str(const char *a, const char *b, const char *file, int line, const char *expr)
{
	bool ok = a != NULL && b != NULL && strcmp(a, b) == 0;
	if (!ok) {
		kprintf("# %s:%d: check failed: %s (\"%s\" != \"%s\")\n", file, line, expr,
			a != NULL ? a : "(null)", b != NULL ? b : "(null)");
		set_failed();
	}
	return ok;
}

void ktest_fail(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("# %s\n", msg);
	set_failed();
}

void ktest_note(const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("# %s\n", msg);
}

/* The leak check. */

static const ktest_leak_hook_t *leak_hook;

void ktest_set_leak_hook(const ktest_leak_hook_t *hook)
{
	leak_hook = hook;
}

void ktest_snapshot(ktest_snapshot_t *snap)
{
	if (leak_hook != NULL) {
		leak_hook->kh_snapshot(snap->ks_hook_state);
	}
	uint32_t flags = intr_save();
	size_t n = slab_cache_count();
	if (n > KTEST_SNAP_CACHES) {
		panic("ktest: %zu slab caches, but the leak check holds %d; raise KTEST_SNAP_CACHES", n,
		      KTEST_SNAP_CACHES);
	}
	snap->ks_ncaches = 0;
	for (slab_allocator_t *c = slab_cache_next(NULL); c != NULL; c = slab_cache_next(c)) {
		snap->ks_cache[snap->ks_ncaches] = c;
		snap->ks_live[snap->ks_ncaches] = slab_cache_live(c);
		snap->ks_ncaches++;
	}
	snap->ks_free_frames = page_free_count();
	snap->ks_kstacks = kstack_count();
	intr_restore(flags);
}

/* Appends one "; "-separated item to a leak description. */
typedef struct leak_report {
	char *buf;
	size_t size, used;
	int count;
} leak_report_t;

static void __printf(2, 3) leak_note(leak_report_t *r, const char *fmt, ...)
{
	if (r->used < r->size) {
		if (r->count > 0) {
			r->used += snprintf(r->buf + r->used, r->size - r->used, "; ");
		}
		va_list ap;
		va_start(ap, fmt);
		if (r->used < r->size) {
			r->used += vsnprintf(r->buf + r->used, r->size - r->used, fmt, ap);
		}
		va_end(ap);
	}
	r->count++;
}

int ktest_leaks(const ktest_snapshot_t *before, char *why, size_t size)
{
	leak_report_t r = {.buf = why, .size = size};
	why[0] = '\0';
	if (leak_hook != NULL) {
		char hook_why[200];
		int n = leak_hook->kh_compare(before->ks_hook_state, hook_why, sizeof(hook_why));
		if (n > 0) {
			leak_note(&r, "%s", hook_why);
			r.count += n - 1;
		}
	}
	ktest_snapshot_t now;
	ktest_snapshot(&now);
	for (size_t i = 0; i < now.ks_ncaches; i++) {
		size_t was = 0;
		bool existed = false;
		for (size_t j = 0; j < before->ks_ncaches; j++) {
			if (before->ks_cache[j] == now.ks_cache[i]) {
				was = before->ks_live[j];
				existed = true;
			}
		}
		const char *name = slab_cache_name(now.ks_cache[i]);
		if (now.ks_live[i] != was) {
			leak_note(&r, "cache '%s': %zu live objects, was %zu%s", name, now.ks_live[i],
				  was, existed ? "" : " (a new cache)");
		} else if (!existed) {
			leak_note(&r, "cache '%s' created and not destroyed", name);
		}
	}
	if (now.ks_kstacks != before->ks_kstacks) {
		leak_note(&r, "kernel stacks: %zu in use, was %zu", now.ks_kstacks, before->ks_kstacks);
	}
	if (now.ks_free_frames != before->ks_free_frames) {
		leak_note(&r, "free frames: %zu, was %zu", now.ks_free_frames, before->ks_free_frames);
	}
	return r.count;
}

/* Running. */

const ktest_t *ktest_current(void)
{
	return current;
}

bool ktest_has_key(void)
{
	return auth_key_hex[0] != '\0';
}

bool ktest_active(void)
{
	return active;
}

static uint32_t ms_to_ticks(uint32_t ms)
{
	return (uint32_t)((uint64_t)ms * pit_hz / 1000) + 1;
}
/*
 * A test's time limit: its own, or KTEST_DEFAULT_TIMEOUT_MS, and at most
 * ktest_timeout=MS from the command line when given (the course self-test
 * boots kernels with one function cut, where a hang must end quickly).
 */
static uint32_t time_limit(const ktest_t *t)
{
	uint32_t limit = t->kt_timeout_ms != 0 ? t->kt_timeout_ms : KTEST_DEFAULT_TIMEOUT_MS;
	long cap = cmdline_get_int(&kernel_cmdline, "ktest_timeout", 0);
	if (cap > 0 && (uint32_t)cap < limit) {
		limit = (uint32_t)cap;
	}
	return limit;
}


static void run_one(int index)
{
	const ktest_t *t = selected[index];
	ktest_snapshot_t before;
	ktest_snapshot(&before);
	state_store(index + 1);
	dbg(DBG_TEST, "running %s\n", t->kt_name);

	uint32_t limit = time_limit(t);
	state_window_t w = state_open();
	current_failed = false;
	current_deadline = pit_ticks + ms_to_ticks(limit);
	current = t;
	state_close(w);
	t->kt_fn();
	w = state_open();
	current = NULL;
	next_index = index + 1;
	state_close(w);
	if (t->kt_flags & KTEST_PANICS) {
		report(index, false, "expected a panic, but the test returned");
		return;
	}
	if (t->kt_flags & KTEST_TIMES_OUT) {
		report(index, false, "expected to run out of time, but the test returned");
		return;
	}
	char why[200];
	if (ktest_leaks(&before, why, sizeof(why)) > 0) {
		kprintf("# leak: %s\n", why);
		set_failed();
	}
	report(index, !current_failed, NULL);
}

void ktest_run_stage(bool early)
{
	while (next_index < nselected && is_early(selected[next_index]) == early) {
		run_one(next_index);
	}
	state_store(0);
}

static void finish_line(void)
{
	kprintf("# %d passed, %d failed\n", npassed, nfailed);
}

void ktest_finish(void)
{
	KASSERT(next_index == nselected);
	finish_line();
	state_clear();
	state_window_t w = state_open();
	active = false;
	state_close(w);
	shutdown(nfailed == 0 ? SHUTDOWN_OK : SHUTDOWN_TESTS_FAILED);
}

void ktest_abort_rest(const char *why)
{
	while (next_index < nselected) {
		state_window_t w = state_open();
		int index = next_index++;
		state_close(w);
		report(index, false, why);
	}
	ktest_finish();
}

/* Ends this boot after the running test hit a panic, a fault or its time limit. */
static void __noreturn resume_after_reset(void)
{
	state_window_t w = state_open(); /* not closed: the machine resets */
	(void)w;
	current = NULL;
	state_store(0);
	if (next_index == nselected) {
		ktest_finish();
	}
	kprintf("# resetting the machine to go on with test %d\n", next_index + 1);
	machine_reset();
}

void ktest_panic_hook(const char *msg)
{
	if (current == NULL) {
		return;
	}
	const ktest_t *t = current;
	int index = next_index;
	state_window_t w = state_open(); /* not closed: resume_after_reset() does not return */
	(void)w;
	next_index = index + 1;
	char directive[240];
	if ((t->kt_flags & KTEST_PANICS) && strstr(msg, t->kt_expect) != NULL) {
		snprintf(directive, sizeof(directive), "panicked as expected: %s", msg);
		report(index, true, directive);
	} else if (t->kt_flags & KTEST_PANICS) {
		snprintf(directive, sizeof(directive), "panicked with \"%s\", expected \"%s\"", msg,
			 t->kt_expect);
		report(index, false, directive);
	} else {
		snprintf(directive, sizeof(directive), "panic: %s", msg);
		report(index, false, directive);
	}
	resume_after_reset();
}

void ktest_tick(void)
{
	if (current == NULL || (int32_t)(pit_ticks - current_deadline) < 0) {
		return;
	}
	const ktest_t *t = current;
	int index = next_index;
	state_window_t w = state_open(); /* not closed: resume_after_reset() does not return */
	(void)w;
	next_index = index + 1;
	uint32_t limit = time_limit(t);
	char directive[80];
	snprintf(directive, sizeof(directive), "timed out after %u ms%s", limit,
		 (t->kt_flags & KTEST_TIMES_OUT) ? " as expected" : "");
	report(index, (t->kt_flags & KTEST_TIMES_OUT) != 0, directive);
	resume_after_reset();
}

void ktest_begin(const char *glob)
{
	state_window_t w = state_open();
	glob_hash = 0;
	for (const char *p = glob; *p != '\0'; p++) {
		glob_hash = (uint16_t)(glob_hash * 33 + (uint8_t)*p);
	}
	select_tests(glob);
	auth_setup();
	active = true;
	next_index = 0;
	npassed = nfailed = 0;

	saved_state_t s;
	long start = cmdline_get_int(&kernel_cmdline, "start", 0);
	if (state_load(&s) && s.ss_next <= nselected) {
		/* Resuming after a reset that this harness made or saw coming. */
		next_index = s.ss_next;
		npassed = s.ss_passed;
		nfailed = s.ss_failed;
		if (s.ss_running != 0 && s.ss_running - 1 == next_index) {
			report(next_index, false, "the machine reset while it ran (triple fault?)");
			next_index++;
		}
	} else {
		kprintf("1..%d\n", nselected);
		if (start > 0 && start <= nselected) {
			/* The host runner resumes a run that QEMU's -no-reboot ended. */
			next_index = start - 1;
		}
	}
	state_store(0);
	state_close(w);
	if (nselected == 0) {
		kprintf("# no test matches '%s'\n", glob);
	}
}

void ktest_list(void)
{
	state_window_t w = state_open();
	select_tests("*");
	state_close(w);
	for (int i = 0; i < nselected; i++) {
		const ktest_t *t = selected[i];
		kprintf("# test %s%s\n", t->kt_name,
			(t->kt_flags & KTEST_PANICS) ? " panics" :
			(t->kt_flags & KTEST_TIMES_OUT) ? " times-out" : "");
	}
}
