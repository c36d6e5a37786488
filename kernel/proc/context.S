/*
 * context_switch_stacks(uint32_t *save_esp, uint32_t new_esp)
 *
 * Pushes the callee-saved registers, stores ESP in *save_esp, loads
 * new_esp, pops that thread's registers and returns on its stack.
 *
 * context_first_entry is where a new thread's first switch returns to
 * (context.c builds the stack): EBX holds the function, ESI and EDI its two
 * arguments.  It enables interrupts, calls the function and passes its
 * return value to kthread_exit().
 */
    .text
    .globl context_switch_stacks
context_switch_stacks:
    movl 4(%esp), %eax
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

    .globl context_first_entry
context_first_entry:
    call context_fpu_reset      /* a new thread's FPU starts reset */
    sti
    pushl %edi
    pushl %esi
    call *%ebx
    pushl %eax
    call kthread_exit
1:  hlt                         /* kthread_exit does not return */
    jmp 1b

    .section .note.GNU-stack, "", @progbits
