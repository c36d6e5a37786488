/*
 * What the system calls need from the VM stage (kernel/include/vm/), for
 * the files of kernel/api/ that only call it.  Weak: a kernel without the
 * VM stage's code links, and each caller checks for NULL first.
 */
#ifndef KEEL_API_VMGLUE_H
#define KEEL_API_VMGLUE_H

#include "boot/interrupt.h"
#include "proc/proc.h"
#include "types.h"

struct vm_proc;
struct vm_proc *vm_proc_get(proc_t *p) __attribute__((weak));
void vm_proc_release(proc_t *p) __attribute__((weak));
int vm_pagefault(uintptr_t vaddr, uint32_t cause) __attribute__((weak));
int vm_user_range_ok(const void *addr, size_t len, int access) __attribute__((weak));
pid_t do_fork(const regs_t *regs) __attribute__((weak));
int do_brk(void *addr, void **ret) __attribute__((weak));
int do_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off, void **ret)
    __attribute__((weak));
int do_munmap(void *addr, size_t len) __attribute__((weak));

#endif
