/*
 * Kernel benchmarks.  Like tests, benchmarks register by dotted name:
 *
 *     KBENCH(ctxsw, "procs.context_switch") { ... kbench_report(...); }
 *
 * Booting with bench=<glob> runs the matching benchmarks (in the init
 * process, so they may use threads) instead of tests, each printing its
 * figures as lines the host's `make bench` reads:
 *
 *     # bench procs.context_switch cycles_per_switch 1234
 *
 * Benchmarks measure; they do not pass or fail.  Timed assertions belong
 * here, never in tests, which must not depend on the speed of the machine.
 */
#ifndef KEEL_TEST_KBENCH_H
#define KEEL_TEST_KBENCH_H

#include "types.h"

typedef struct kbench {
	const char *kb_name;
	void (*kb_fn)(void);
} kbench_t;

#define KBENCH(id, name)                                                        \
	static void kbench_##id(void);                                         \
	static const kbench_t kbench_entry_##id                                \
		__attribute__((used, section(".kbench"), aligned(4))) = {name, kbench_##id}; \
	static void kbench_##id(void)

/* Prints "# bench <running benchmark> <what> <value>". */
void kbench_report(const char *what, uint64_t value);

/* Runs every benchmark matching 'glob', in name order. */
void kbench_run(const char *glob);

#endif
