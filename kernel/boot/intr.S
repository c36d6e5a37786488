/*
 * Interrupt entry stubs.  Each vector's stub pushes a zero where the CPU
 * pushes no error code, then the vector number, and jumps to the common
 * path, which saves the registers in the order of regs_t, loads kernel data
 * segments and calls intr_dispatch(regs).  intr_return restores a regs_t and
 * returns from the interrupt (also used to enter user mode).
 */
#include "boot/gdt.h"

.macro STUB vec
    .globl intr_stub_\vec
intr_stub_\vec:
    .if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21)
    .else
    pushl $0
    .endif
    pushl $\vec
    jmp intr_common
.endm

.macro STUB_ADDR vec
    .long intr_stub_\vec
.endm

    .text
.altmacro
.set i, 0
.rept 48
    STUB %i
    .set i, i + 1
.endr
    STUB 128

intr_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $GDT_KERNEL_DATA, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    cld
    pushl %esp              /* regs_t * */
    call intr_dispatch
    addl $4, %esp
    .globl intr_return
intr_return:
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp           /* vector and error code */
    iret

/* The table of stub addresses that intr.c loads into the IDT. */
    .section .rodata
    .align 4
    .globl intr_stubs
intr_stubs:
.set i, 0
.rept 48
    STUB_ADDR %i
    .set i, i + 1
.endr
