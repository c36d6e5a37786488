/*
 * What the system calls use of the VM stage (kernel/include/vm/), in one
 * place: the files of kernel/api/ include this.
 */
#ifndef KEEL_API_VMGLUE_H
#define KEEL_API_VMGLUE_H

#include "vm/brk.h"
#include "vm/fork.h"
#include "vm/mmap.h"
#include "vm/pagefault.h"
#include "vm/uaccess.h"
#include "vm/vm_proc.h"
#include "vm/vmmap.h"

#endif
