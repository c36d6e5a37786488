/*
 * vm.api.exec_*: the ELF loader, through uproc_spawn(), with executables
 * the test writes itself to /tmp (the root of a vm.* boot is the disk's
 * S5FS, whose files map through the page-frame cache).
 *
 * A valid image: one PT_LOAD segment (read, write, execute) holding the
 * headers and a few instructions; its file goes on with 0xff bytes past
 * p_filesz, and p_memsz reaches two pages further (.bss).  The program
 * checks what a new program may rely on -- every general register 0, esp
 * 16-byte aligned, argv[argc] NULL, the end of its file data and its .bss
 * reading as zeros and the .bss writable -- and exits with argc, or with
 * 100 + the number of the check that failed.
 *
 * Hostile images (each a small change to the valid one) must fail with
 * -ENOEXEC, and the kernel must go on with nothing leaked.
 */
#include "api/exec.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "util/string.h"
#include "vfs/vfs_syscall.h"

#define IMG_VADDR 0x08048000u
#define IMG_FILESZ 0x200u   /* the segment's bytes from the file */
#define IMG_FILE_LEN 0x400u /* the file: 0xff bytes from IMG_FILESZ on */
#define IMG_MEMSZ (IMG_FILESZ + 2 * PAGE_SIZE)
#define IMG_CODE_OFF 0x80u /* after room for two program headers */
#define IMG_PATH "/tmp/elftest"

__asm__(".pushsection .rodata\n"
	"elfprog_start:\n"
	"  movl $101, %ebx\n"
	"  orl %ecx, %eax\n"
	"  orl %edx, %eax\n"
	"  orl %esi, %eax\n"
	"  orl %edi, %eax\n"
	"  orl %ebp, %eax\n"
	"  jnz 9f\n"
	"  movl $102, %ebx\n"
	"  testl $15, %esp\n"
	"  jnz 9f\n"
	"  movl (%esp), %ecx\n"
	"  movl $103, %ebx\n"
	"  cmpl $0, 4(%esp,%ecx,4)\n"
	"  jne 9f\n"
	"  movl $104, %ebx\n"
	"  cmpb $0, 0x08048200\n" /* IMG_VADDR + IMG_FILESZ: past the file data */
	"  jne 9f\n"
	"  cmpb $0, 0x08048fff\n" /* the last byte of that page */
	"  jne 9f\n"
	"  movl $105, %ebx\n"
	"  cmpb $0, 0x080491ff\n" /* the last byte of the .bss */
	"  jne 9f\n"
	"  movb $7, 0x080491ff\n"
	"  cmpb $7, 0x080491ff\n"
	"  jne 9f\n"
	"  movl %ecx, %ebx\n"
	"9: movl $1, %eax\n"
	"  int $0x80\n"
	"elfprog_end:\n"
	".popsection\n");
extern const char elfprog_start[], elfprog_end[];

typedef struct ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} ehdr_t;

typedef struct phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} phdr_t;

/* The valid image in buf (IMG_FILE_LEN bytes); returns its headers for changes. */
static void img_build(char *buf, ehdr_t **ehp, phdr_t **php)
{
	memset(buf, 0, IMG_FILE_LEN);
	memset(buf + IMG_FILESZ, 0xff, IMG_FILE_LEN - IMG_FILESZ);
	ehdr_t *eh = (ehdr_t *)buf;
	phdr_t *ph = (phdr_t *)(buf + sizeof(ehdr_t));
	memcpy(eh->e_ident, "\177ELF\1\1\1", 7);
	eh->e_type = 2;
	eh->e_machine = 3;
	eh->e_version = 1;
	eh->e_entry = IMG_VADDR + IMG_CODE_OFF;
	eh->e_phoff = sizeof(ehdr_t);
	eh->e_ehsize = sizeof(ehdr_t);
	eh->e_phentsize = sizeof(phdr_t);
	eh->e_phnum = 1;
	ph->p_type = 1;
	ph->p_offset = 0;
	ph->p_vaddr = ph->p_paddr = IMG_VADDR;
	ph->p_filesz = IMG_FILESZ;
	ph->p_memsz = IMG_MEMSZ;
	ph->p_flags = 7;
	ph->p_align = PAGE_SIZE;
	memcpy(buf + IMG_CODE_OFF, elfprog_start, elfprog_end - elfprog_start);
	*ehp = eh;
	*php = ph;
}

static bool img_write(const char *buf, size_t len)
{
	int fd = do_open(IMG_PATH, O_WRONLY | O_CREAT | O_TRUNC);
	if (!KT_CHECK(fd >= 0)) {
		return false;
	}
	bool ok = KT_CHECK_EQ(do_write(fd, buf, len), (ssize_t)len);
	do_close(fd);
	return ok;
}

/* Spawns IMG_PATH with three arguments; its pid or error. */
static pid_t img_spawn(void)
{
	char *argv[] = {"elftest", "one", "two", NULL};
	char *envp[] = {"A=1", NULL};
	int fds[3] = {-1, -1, -1};
	return uproc_spawn(IMG_PATH, argv, envp, fds);
}

KTEST(api_exec_valid, "vm.api.exec_valid")
{
	char *buf = kmalloc(IMG_FILE_LEN);
	ehdr_t *eh;
	phdr_t *ph;
	img_build(buf, &eh, &ph);
	if (img_write(buf, IMG_FILE_LEN)) {
		pid_t pid = img_spawn();
		if (KT_CHECK(pid > 0)) {
			KT_CHECK_EQ(reap(pid), 3 << 8);
		}
	}
	do_unlink(IMG_PATH);
	kfree(buf);
}

/* Each hostile change, applied to a fresh valid image. */
static void hostile(int which, char *buf, size_t *len)
{
	ehdr_t *eh;
	phdr_t *ph;
	img_build(buf, &eh, &ph);
	phdr_t *ph2 = ph + 1; /* a second header, where one is added */
	switch (which) {
	case 0:
		eh->e_ident[1] = 'X';
		break; /* bad magic */
	case 1:
		eh->e_ident[4] = 2;
		break; /* 64-bit */
	case 2:
		eh->e_machine = 62;
		break; /* x86-64 */
	case 3:
		eh->e_type = 3;
		break; /* ET_DYN */
	case 4:
		eh->e_phnum = 0;
		break; /* no headers */
	case 5:
		eh->e_phoff = IMG_FILE_LEN - 8;
		break; /* headers past the end */
	case 6:
		eh->e_phnum = 1000;
		break; /* absurd count */
	case 7:
		ph->p_filesz = IMG_MEMSZ + 1;
		break; /* filesz > memsz */
	case 8:
		ph->p_filesz = IMG_FILE_LEN + 1;
		break; /* past the end of the file */
	case 9:
		ph->p_vaddr = 0xBFFFF000u;
		break; /* into the stack and the kernel */
	case 10:
		ph->p_vaddr = 0xC0000000u;
		break; /* the kernel half */
	case 11:
		ph->p_memsz = 0xFFFFF000u;
		break; /* wraps */
	case 12:
		eh->e_entry = IMG_VADDR + IMG_MEMSZ;
		break; /* entry outside */
	case 13:
		ph->p_flags = 6;
		break; /* entry not executable */
	case 14:
		ph->p_vaddr = 0;
		ph->p_memsz = 0x100;
		break; /* page 0 */
	case 15:
		ph->p_vaddr = IMG_VADDR + 1;
		break; /* vaddr and offset disagree */
	case 16:       /* two segments sharing a page */
		eh->e_phnum = 2;
		*ph2 = *ph;
		ph2->p_vaddr += PAGE_SIZE;
		break;
	case 17: /* a PT_INTERP beside the PT_LOAD */
		eh->e_phnum = 2;
		*ph2 = *ph;
		ph2->p_type = 3;
		break;
	case 18:
		*len = 40;
		break; /* shorter than the header */
	case 19:
		eh->e_phentsize = 56;
		break; /* 64-bit headers */
	}
}

#define HOSTILE_COUNT 20

KTEST(api_exec_hostile, "vm.api.exec_hostile")
{
	char *buf = kmalloc(IMG_FILE_LEN);
	for (int i = 0; i < HOSTILE_COUNT; i++) {
		size_t len = IMG_FILE_LEN;
		hostile(i, buf, &len);
		if (!img_write(buf, len)) {
			break;
		}
		pid_t pid = img_spawn();
		if (!KT_CHECK_EQ(pid, -ENOEXEC)) {
			ktest_note("hostile image %d was not refused", i);
			if (pid > 0) {
				reap(pid);
			}
		}
	}
	do_unlink(IMG_PATH);
	kfree(buf);
}

KTEST(api_exec_errors, "vm.api.exec_errors")
{
	int fds[3] = {-1, -1, -1};
	char *argv[] = {"x", NULL};
	KT_CHECK_EQ(uproc_spawn("/tmp/no/such/file", argv, NULL, fds), -ENOENT);
	KT_CHECK_EQ(uproc_spawn("/tmp", argv, NULL, fds), -EACCES);
	/* 200 arguments of 1000 bytes: more than EXEC_ARG_MAX. */
	char *big = kmalloc(1000);
	char **many = kmalloc(201 * sizeof(char *));
	memset(big, 'a', 999);
	big[999] = '\0';
	for (int i = 0; i < 200; i++) {
		many[i] = big;
	}
	many[200] = NULL;
	KT_CHECK_EQ(uproc_spawn("/sbin/init", many, NULL, fds), -E2BIG);
	kfree(many);
	kfree(big);
}
