/*
 * The first instructions of Keel.
 *
 * A Multiboot v1 loader (GRUB, or QEMU's -kernel) loads the image at 1 MiB and
 * jumps to _start with paging off, EAX = the Multiboot magic and EBX = the
 * physical address of the Multiboot information structure.  The kernel is
 * linked at 0xC0000000 + physical, so before any C runs this file turns on
 * paging with a boot page directory that maps the first 16 MiB of physical
 * memory twice: at 0 (so the instruction after the switch still exists) and at
 * 0xC0000000 (where the kernel is linked).  Both use 4 MiB pages, all
 * writable.  kmain() then builds the real kernel page directory, which drops
 * the low mapping and maps the kernel's code and read-only data read-only
 * (mm/pagetable.c).  CR0.WP, set here, makes ring 0 obey that.
 */
#include "boot/multiboot.h"

#define KERNEL_VMA  0xC0000000
#define PHYS(x)     ((x) - KERNEL_VMA)

#define PDE_P       0x001
#define PDE_W       0x002
#define PDE_PS      0x080
#define CR0_WP      0x00010000
#define CR0_PG      0x80000000
#define CR4_PSE     0x00000010

#define BOOT_STACK_SIZE 16384

    .section .multiboot, "a"
    .align 4
multiboot_header:
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

    .section .text.boot, "ax"
    .globl _start
    .type _start, @function
_start:
    cli
    cld
    /* Zero .bss: not every loader does, and the boot page directory is in it. */
    movl %eax, %edx
    movl $PHYS(bss_start), %edi
    movl $PHYS(bss_end), %ecx
    subl %edi, %ecx
    xorl %eax, %eax
    rep stosb
    movl %edx, %eax

    /* Fill in the boot page directory: 4 entries of 4 MiB at 0 and at 3 GiB. */
    movl $PHYS(boot_page_directory), %edi
    movl $(PDE_P | PDE_W | PDE_PS), %ecx
    xorl %esi, %esi
1:  movl %ecx, (%edi, %esi, 4)
    movl %ecx, (KERNEL_VMA >> 22) * 4(%edi, %esi, 4)
    addl $0x400000, %ecx
    incl %esi
    cmpl $4, %esi
    jne 1b

    movl %cr4, %ecx
    orl $CR4_PSE, %ecx
    movl %ecx, %cr4
    movl %edi, %cr3
    movl %cr0, %ecx
    orl $(CR0_PG | CR0_WP), %ecx
    movl %ecx, %cr0

    /* Jump to the higher half. */
    lea higher_half, %ecx
    jmp *%ecx
    .size _start, . - _start

    .text
higher_half:
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp             /* ends every backtrace */
    pushl $0                    /* EFLAGS: interrupts off, DF clear */
    popfl
    pushl %ebx                  /* physical address of the Multiboot info */
    pushl %eax                  /* Multiboot magic */
    call kmain
    /* kmain never returns; if it does, stop here. */
2:  cli
    hlt
    jmp 2b

    .section .bss
    .align 4096
    .globl boot_page_directory
boot_page_directory:
    .space 4096
    .globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .space BOOT_STACK_SIZE
boot_stack_top:
