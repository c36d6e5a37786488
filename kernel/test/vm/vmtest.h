/*
 * Helpers shared by the vm.* kernel tests.
 *
 * Most tests build a detached vmmap (vmm_proc NULL) and place areas with
 * vmt_area(), then look at the list.  Tests of the calls that work on
 * curproc (mmap, brk, the fault handler, the user range check) run in a
 * process of their own (vmt_in_proc()), which gets VM state for the test
 * and gives it back before it exits: the pages it maps go into that
 * process's page directory, which is freed when it is reaped.
 */
#ifndef KEEL_TEST_VM_VMTEST_H
#define KEEL_TEST_VM_VMTEST_H

#include "errno.h"
#include "mm/mm.h"
#include "mm/pagetable.h"
#include "mm/pframe.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "types.h"
#include "util/debug.h"
#include "util/string.h"
#include "vm/anon.h"
#include "vm/shadow.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

/* Maps npages anonymous private read-write pages at lopage; the area, or NULL (test failed). */
vmarea_t *vmt_area(vmmap_t *map, size_t lopage, size_t npages);

/* The n-th area of the map (0 first), or NULL. */
vmarea_t *vmt_nth(vmmap_t *map, size_t n);

/* Checks that the n-th area is [start, end) with offset off; false (test failed) if not. */
bool vmt_check_area(vmmap_t *map, size_t n, size_t start, size_t end, size_t off);

/*
 * Runs fn() in a new process that has VM state (vm_proc_create()) and an
 * empty map, releases that state, and reaps the process.
 */
void vmt_in_proc(void (*fn)(void));

/* Writes the string s into page n of object o (pframe_get(), dirty). */
void vmt_put_text(mobj_t *o, uint32_t n, const char *s);
/* Checks that page n of o, found down its shadow chain, holds the string s. */
void vmt_check_lookup(mobj_t *o, uint32_t n, const char *s);
/* curproc's map (in a vmt_in_proc() function). */
vmmap_t *vmt_map(void);

#endif
