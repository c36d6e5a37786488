/*
 * The instructions that touch user memory for the kernel (api/uaccess.h).
 *
 * uaccess_copy(dst, src, n) copies n bytes and returns 0.
 * uaccess_strncpy(dst, src, max) copies bytes up to and including the
 * first NUL, at most max of them, and returns the number copied before the
 * NUL, or max if there was none.
 * Both keep the same registers on the stack (esi, edi), so one fixup
 * serves them: a fault the VM cannot resolve inside [uaccess_text_start,
 * uaccess_text_end) resumes at uaccess_fault, which returns -EFAULT.
 */
#define EFAULT 14

    .text
    .globl uaccess_text_start, uaccess_text_end, uaccess_fault
    .globl uaccess_copy, uaccess_strncpy
uaccess_text_start:

uaccess_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    cld
    rep movsb
    xorl %eax, %eax
    popl %edi
    popl %esi
    ret

uaccess_strncpy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    xorl %eax, %eax
1:  cmpl %ecx, %eax
    je 2f
    movb (%esi,%eax), %dl
    movb %dl, (%edi,%eax)
    testb %dl, %dl
    je 2f
    incl %eax
    jmp 1b
2:  popl %edi
    popl %esi
    ret

uaccess_fault:
    movl $-EFAULT, %eax
    popl %edi
    popl %esi
    ret
uaccess_text_end:

    .section .note.GNU-stack, "", @progbits
