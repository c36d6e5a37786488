/* The benchmark runner; see test/kbench.h. */
#include "test/kbench.h"
#include "util/kprintf.h"
#include "util/string.h"

extern const kbench_t kbench_start[], kbench_end[];

static const kbench_t *running;

void kbench_report(const char *what, uint64_t value)
{
	kprintf("# bench %s %s %llu\n", running != NULL ? running->kb_name : "?", what, value);
}

void kbench_run(const char *glob)
{
	/* Name order, without sorting storage: repeatedly take the smallest name above the last. */
	const char *last = "";
	for (;;) {
		const kbench_t *next = NULL;
		for (const kbench_t *b = kbench_start; b < kbench_end; b++) {
			if (glob_match(glob, b->kb_name) && strcmp(b->kb_name, last) > 0 &&
			    (next == NULL || strcmp(b->kb_name, next->kb_name) < 0)) {
				next = b;
			}
		}
		if (next == NULL) {
			break;
		}
		running = next;
		next->kb_fn();
		running = NULL;
		last = next->kb_name;
	}
}
