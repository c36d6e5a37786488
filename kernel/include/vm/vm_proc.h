/*
 * The VM's state of each user process: its address space and its break.
 *
 * proc_t belongs to the PROCS stage and does not change, so, as the VFS
 * does with vfs_proc (vfs/vfs_proc.h), the VM keeps a table beside it
 * indexed by pid; an entry belongs to (pid, proc_t pointer).  Kernel-only
 * processes have no entry.  The ELF loader and fork make one
 * (vm_proc_create()); a user process's exit path releases it
 * (vm_proc_release()) before do_exit().  Nothing sweeps the table.
 */
#ifndef KEEL_VM_VM_PROC_H
#define KEEL_VM_VM_PROC_H

#include "proc/proc.h"
#include "types.h"

struct vmmap;

typedef struct vm_proc {
	proc_t *vmp_proc;        /* owner, NULL when free */
	pid_t vmp_pid;           /* the owner's pid */
	struct vmmap *vmp_map;   /* the address space (owned) */
	uintptr_t vmp_start_brk; /* first address of the heap (page aligned) */
	uintptr_t vmp_brk;       /* the current break (any byte address >= vmp_start_brk) */
} vm_proc_t;

/* p's state, or NULL (kernel-only processes have none). */
vm_proc_t *vm_proc_get(proc_t *p);

/*
 * A fresh entry for 'p' with an empty vmmap whose vmm_proc is p, and no
 * heap (both break fields 0).  Any entry p's pid had is released first.
 * NULL when out of memory.
 */
vm_proc_t *vm_proc_create(proc_t *p);

/*
 * Destroys p's vmmap (unmapping every user page from p->p_pagedir) and
 * frees its entry; nothing happens when p has none.
 */
void vm_proc_release(proc_t *p);

/* How many entries are in use (tests). */
int vm_proc_count(void);

#endif
