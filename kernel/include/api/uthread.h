#ifndef KEEL_API_UTHREAD_H
#define KEEL_API_UTHREAD_H

#include "boot/interrupt.h"
#include "proc/kthread.h"
#include "proc/proc.h"

kthread_t *uthread_clone(proc_t *child, const regs_t *regs);

#endif
