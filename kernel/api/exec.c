/*
 * The ELF loader, execve and uproc_spawn (api/exec.h has the contract).
 *
 * The order of work, for a failed execve to leave the caller intact:
 *   1. copy the path, the argument and environment strings into one
 *      kernel buffer (exec_args_t), checking every pointer;
 *   2. read and check the ELF header and program headers (elf_check());
 *   3. build a detached vmmap (vmm_proc NULL, so nothing reaches a page
 *      table yet): the segments, the zeroed tails, the stack and its
 *      contents, all written through the memory objects (vmmap_write());
 *   4. commit: release the old address space, install the new map in a
 *      fresh vm_proc with the break after the highest segment.
 * Step 4 cannot fail but for the small vm_proc entry; if even that
 * cannot be had, the process cannot go on and exits (SIGKILL's status).
 */
#include "api/exec.h"
#include "api/fdflags.h"
#include "api/linux2.h"
#include "api/signal.h"
#include "api/syscall.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/gdt.h"
#include "boot/pit.h"
#include "errno.h"
#include "io.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "proc/kthread.h"
#include "proc/sched.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/namev.h"
#include "vfs/vfs.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

/* ELF, as much as the loader needs. */
typedef struct elf32_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} elf32_ehdr_t;

typedef struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} elf32_phdr_t;

#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define EM_386 3

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define STACK_TOP USER_TOP
#define STACK_BOTTOM (STACK_TOP - EXEC_STACK_SIZE)

/* The strings of a new program: path, then argc argv strings, then envc envp strings. */
typedef struct exec_args {
	char *ea_buf; /* EXEC_ARG_MAX bytes */
	size_t ea_used;
	int ea_argc, ea_envc;
	size_t ea_path_len; /* the path is first in ea_buf */
} exec_args_t;

static int args_init(exec_args_t *a, const char *path)
{
	a->ea_buf = kmalloc(EXEC_ARG_MAX);
	if (a->ea_buf == NULL) {
		return -ENOMEM;
	}
	a->ea_argc = a->ea_envc = 0;
	a->ea_path_len = strlen(path);
	if (a->ea_path_len + 1 >= MAXPATHLEN) {
		kfree(a->ea_buf);
		return -ENAMETOOLONG;
	}
	memcpy(a->ea_buf, path, a->ea_path_len + 1);
	a->ea_used = a->ea_path_len + 1;
	return 0;
}

static void args_free(exec_args_t *a)
{
	kfree(a->ea_buf);
}

/* The bytes the strings and their pointers take (what EXEC_ARG_MAX limits). */
static size_t args_cost(const exec_args_t *a, size_t extra_strings, int extra_ptrs)
{
	return (a->ea_used - a->ea_path_len - 1) + extra_strings +
	       4 * (size_t)(a->ea_argc + a->ea_envc + 2 + extra_ptrs);
}

/* Appends one kernel string. */
static int args_add(exec_args_t *a, const char *s, bool env)
{
	size_t len = strlen(s);
	if (args_cost(a, len + 1, 1) > EXEC_ARG_MAX || a->ea_used + len + 1 > EXEC_ARG_MAX) {
		return -E2BIG;
	}
	memcpy(a->ea_buf + a->ea_used, s, len + 1);
	a->ea_used += len + 1;
	*(env ? &a->ea_envc : &a->ea_argc) += 1;
	return 0;
}

/* Appends the strings of a NULL-terminated user array (NULL: none). */
static int args_add_user(exec_args_t *a, uint32_t uarray, bool env)
{
	if (uarray == 0) {
		return 0;
	}
	for (uint32_t i = 0;; i++) {
		uint32_t ustr;
		if (get_user_u32(&ustr, (const uint32_t *)uarray + i) != 0) {
			return -EFAULT;
		}
		if (ustr == 0) {
			return 0;
		}
		if (args_cost(a, 1, 1) > EXEC_ARG_MAX) {
			return -E2BIG;
		}
		size_t room = MIN(EXEC_ARG_MAX - a->ea_used, EXEC_ARG_MAX - args_cost(a, 0, 1));
		ssize_t n = strncpy_from_user(a->ea_buf + a->ea_used, (const char *)ustr, room);
		if (n == -ENAMETOOLONG) {
			return -E2BIG;
		}
		if (n < 0) {
			return n;
		}
		a->ea_used += n + 1;
		*(env ? &a->ea_envc : &a->ea_argc) += 1;
	}
}

/* Appends the strings of a NULL-terminated kernel array (NULL: none). */
static int args_add_kernel(exec_args_t *a, char *const v[], bool env)
{
	for (int i = 0; v != NULL && v[i] != NULL; i++) {
		int err = args_add(a, v[i], env);
		if (err < 0) {
			return err;
		}
	}
	return 0;
}

/* Reads exactly 'count' bytes at 'pos' of the file: 0, -ENOEXEC (short), or the error. */
static int read_exact(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	ssize_t n = vop_read(vn, pos, buf, count);
	if (n < 0) {
		return n;
	}
	return (size_t)n == count ? 0 : -ENOEXEC;
}

/* What elf_check() finds. */
typedef struct elf_image {
	elf32_ehdr_t ei_eh;
	elf32_phdr_t ei_ph[EXEC_MAX_PHDRS];
	uintptr_t ei_phdr_addr; /* AT_PHDR: where the headers are in memory, or 0 */
	uintptr_t ei_end;       /* the end of the highest segment */
} elf_image_t;

/* Whether the page ranges of segments a and b overlap. */
static bool pages_overlap(const elf32_phdr_t *a, const elf32_phdr_t *b)
{
	uintptr_t a0 = PAGE_ALIGN_DOWN(a->p_vaddr), a1 = PAGE_ALIGN_UP(a->p_vaddr + a->p_memsz);
	uintptr_t b0 = PAGE_ALIGN_DOWN(b->p_vaddr), b1 = PAGE_ALIGN_UP(b->p_vaddr + b->p_memsz);
	return a0 < b1 && b0 < a1;
}

/* Reads and checks the headers (api/exec.h lists the checks).  0, -ENOEXEC or a read error. */
static int elf_check(vnode_t *vn, elf_image_t *im)
{
	elf32_ehdr_t *eh = &im->ei_eh;
	uint32_t flen = vn->vn_len;
	int err = read_exact(vn, 0, eh, sizeof(*eh));
	if (err < 0) {
		return err;
	}
	if (memcmp(eh->e_ident, "\177ELF", 4) != 0 || eh->e_ident[4] != 1 /* 32-bit */ ||
	    eh->e_ident[5] != 1 /* little-endian */ || eh->e_ident[6] != 1 || eh->e_version != 1 ||
	    eh->e_type != ET_EXEC || eh->e_machine != EM_386 ||
	    eh->e_phentsize != sizeof(elf32_phdr_t) || eh->e_phnum == 0 ||
	    eh->e_phnum > EXEC_MAX_PHDRS || eh->e_phoff > flen ||
	    (uint32_t)eh->e_phnum * sizeof(elf32_phdr_t) > flen - eh->e_phoff) {
		return -ENOEXEC;
	}
	err = read_exact(vn, eh->e_phoff, im->ei_ph, eh->e_phnum * sizeof(elf32_phdr_t));
	if (err < 0) {
		return err;
	}
	bool any_load = false, entry_ok = false;
	im->ei_phdr_addr = 0;
	im->ei_end = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const elf32_phdr_t *ph = &im->ei_ph[i];
		if (ph->p_type == PT_INTERP) {
			return -ENOEXEC;
		}
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
			continue;
		}
		any_load = true;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > flen ||
		    ph->p_filesz > flen - ph->p_offset ||
		    (ph->p_vaddr & PAGE_MASK) != (ph->p_offset & PAGE_MASK) ||
		    ph->p_vaddr < PAGE_SIZE || ph->p_vaddr >= STACK_BOTTOM ||
		    ph->p_memsz > STACK_BOTTOM - ph->p_vaddr) {
			return -ENOEXEC;
		}
		for (int j = 0; j < i; j++) {
			const elf32_phdr_t *q = &im->ei_ph[j];
			if (q->p_type == PT_LOAD && q->p_memsz != 0 && pages_overlap(ph, q)) {
				return -ENOEXEC;
			}
		}
		if ((ph->p_flags & PF_X) && eh->e_entry >= ph->p_vaddr &&
		    eh->e_entry - ph->p_vaddr < ph->p_memsz) {
			entry_ok = true;
		}
		if (eh->e_phoff >= ph->p_offset && eh->e_phoff - ph->p_offset < ph->p_filesz) {
			im->ei_phdr_addr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
		}
		im->ei_end = MAX(im->ei_end, ph->p_vaddr + ph->p_memsz);
	}
	return any_load && entry_ok ? 0 : -ENOEXEC;
}

static int prot_of(uint32_t pflags)
{
	return ((pflags & PF_R) ? PROT_READ : 0) | ((pflags & PF_W) ? PROT_WRITE : 0) |
	       ((pflags & PF_X) ? PROT_EXEC : 0);
}

/* Zero bytes, for the tails of last file pages. */
static const char zero_page[PAGE_SIZE];

/*
 * Maps file pages [vfn, vfn + npages) from byte 'off' of vn (page
 * aligned).  A file system that cannot map files gets an anonymous area
 * with a copy of the bytes [off, off + copy_len).
 */
static int map_file_pages(vmmap_t *map, vnode_t *vn, size_t vfn, size_t npages, int prot, off_t off,
			  size_t copy_len)
{
	int err = vmmap_map(map, vn, vfn, npages, prot, MAP_PRIVATE, off, VMMAP_DIR_LOHI, NULL);
	if (err != -ENODEV) {
		return err;
	}
	err = vmmap_map(map, NULL, vfn, npages, prot, MAP_PRIVATE, 0, VMMAP_DIR_LOHI, NULL);
	if (err < 0) {
		return err;
	}
	char *buf = kmalloc(PAGE_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	for (size_t done = 0; done < copy_len; done += PAGE_SIZE) {
		size_t n = MIN(PAGE_SIZE, copy_len - done);
		err = read_exact(vn, off + done, buf, n);
		if (err == 0) {
			err = vmmap_write(map, (void *)(vfn * PAGE_SIZE + done), buf, n);
		}
		if (err < 0) {
			break;
		}
	}
	kfree(buf);
	return err;
}

/* Maps one PT_LOAD segment into map. */
static int map_segment(vmmap_t *map, vnode_t *vn, const elf32_phdr_t *ph)
{
	int prot = prot_of(ph->p_flags);
	uintptr_t start = PAGE_ALIGN_DOWN(ph->p_vaddr);
	uintptr_t file_end = ph->p_vaddr + ph->p_filesz; /* first byte not from the file */
	uintptr_t file_pages_end = PAGE_ALIGN_UP(file_end);
	uintptr_t end = PAGE_ALIGN_UP(ph->p_vaddr + ph->p_memsz);
	int err;
	if (ph->p_filesz > 0) {
		off_t off = PAGE_ALIGN_DOWN(ph->p_offset);
		err =
		    map_file_pages(map, vn, start / PAGE_SIZE, (file_pages_end - start) / PAGE_SIZE,
				   prot, off, ph->p_offset + ph->p_filesz - off);
		if (err < 0) {
			return err;
		}
		if (file_end < file_pages_end) {
			err = vmmap_write(map, (void *)file_end, zero_page,
					  file_pages_end - file_end);
			if (err < 0) {
				return err;
			}
		}
	} else {
		file_pages_end = start;
	}
	if (file_pages_end < end) {
		err = vmmap_map(map, NULL, file_pages_end / PAGE_SIZE,
				(end - file_pages_end) / PAGE_SIZE, prot, MAP_PRIVATE, 0,
				VMMAP_DIR_LOHI, NULL);
	}
	return err < 0 ? err : 0;
}

/* 16 bytes for AT_RANDOM: the time-stamp counter stirred with xorshift. */
static void random_bytes(uint8_t out[16])
{
	static uint64_t state;
	state ^= rdtsc() + ((uint64_t)pit_ticks << 32) + 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < 16; i++) {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		out[i] = (uint8_t)(state >> 24);
	}
}

/*
 * Builds the initial stack in map (api/exec.h gives the layout) and
 * returns the stack pointer (argc's address) in *spp.
 */
static int build_stack(vmmap_t *map, const exec_args_t *a, const elf_image_t *im, uintptr_t *spp)
{
	const char *path = a->ea_buf;
	const char *strs = a->ea_buf + a->ea_path_len + 1;
	size_t strs_len = a->ea_used - a->ea_path_len - 1;
	/* From the top down: the path (AT_EXECFN), the strings, 16 random bytes. */
	uintptr_t execfn = STACK_TOP - 16 - (a->ea_path_len + 1);
	uintptr_t strs_at = execfn - strs_len;
	uintptr_t rand_at = ALIGN_DOWN(strs_at - 16, 16);
	int nptrs = 1 + a->ea_argc + 1 + a->ea_envc + 1 + 2 * 15;
	uintptr_t sp = ALIGN_DOWN(rand_at - 4 * nptrs, 16);
	size_t size = STACK_TOP - sp;
	char *buf = kmalloc(size);
	if (buf == NULL) {
		return -ENOMEM;
	}
	memset(buf, 0, size);
#define AT(addr) (buf + ((addr)-sp))
	memcpy(AT(execfn), path, a->ea_path_len + 1);
	memcpy(AT(strs_at), strs, strs_len);
	random_bytes((uint8_t *)AT(rand_at));
	uint32_t *p = (uint32_t *)buf;
	*p++ = a->ea_argc;
	uintptr_t s = strs_at;
	for (int i = 0; i < a->ea_argc + a->ea_envc; i++) {
		if (i == a->ea_argc) {
			*p++ = 0; /* the end of argv */
		}
		*p++ = s;
		s += strlen(AT(s)) + 1;
	}
	if (a->ea_envc == 0) {
		*p++ = 0;
	}
	*p++ = 0; /* the end of envp */
	const uint32_t aux[][2] = {
	    {AT_PHDR, im->ei_phdr_addr},
	    {AT_PHENT, sizeof(elf32_phdr_t)},
	    {AT_PHNUM, im->ei_eh.e_phnum},
	    {AT_PAGESZ, PAGE_SIZE},
	    {AT_ENTRY, im->ei_eh.e_entry},
	    {AT_UID, 0},
	    {AT_EUID, 0},
	    {AT_GID, 0},
	    {AT_EGID, 0},
	    {AT_SECURE, 0},
	    {AT_CLKTCK, 100},
	    {AT_RANDOM, rand_at},
	    {AT_EXECFN, execfn},
	    {AT_NULL, 0},
	};
	for (size_t i = 0; i < ARRAY_SIZE(aux); i++) {
		*p++ = aux[i][0];
		*p++ = aux[i][1];
	}
#undef AT
	KASSERT((char *)p <= buf + (rand_at - sp));
	int err = vmmap_write(map, (void *)sp, buf, size);
	kfree(buf);
	*spp = sp;
	return err;
}

/* The last name of a path, for the process's name. */
static const char *base_name(const char *path)
{
	const char *b = path;
	for (const char *c = path; *c != '\0'; c++) {
		if (*c == '/' && c[1] != '\0') {
			b = c + 1;
		}
	}
	return b;
}

/* The exec cache (api/exec.h): the programs run last, most recent first. */
static vnode_t *exec_cache[EXEC_CACHE_SIZE];

void exec_cache_drop(void)
{
	for (int i = 0; i < EXEC_CACHE_SIZE; i++) {
		vnode_t *vn = exec_cache[i];
		exec_cache[i] = NULL; /* before vput(), which may sleep */
		if (vn != NULL) {
			vput(vn);
		}
	}
}

/* Puts vn (just run) first in the exec cache, with a reference of its own. */
static void exec_cache_note(vnode_t *vn)
{
	int i = 0;
	while (i < EXEC_CACHE_SIZE && exec_cache[i] != vn) {
		i++;
	}
	vnode_t *out = NULL;
	if (i == EXEC_CACHE_SIZE) {
		vfs_set_cache_release(exec_cache_drop); /* now that the table holds vnodes */
		vref(vn);
		i = EXEC_CACHE_SIZE - 1;
		out = exec_cache[i];
	}
	memmove(&exec_cache[1], &exec_cache[0], i * sizeof(exec_cache[0]));
	exec_cache[0] = vn;
	if (out != NULL) {
		vput(out); /* the table is whole again before this may sleep */
	}
}

/*
 * Loads the program of 'a' into process p (curproc, or a new child that
 * has not run) and fills *regs to start it.  On failure p's old address
 * space is untouched.
 */
static int exec_load(proc_t *p, const exec_args_t *a, regs_t *regs)
{
	vnode_t *vn;
	int err = namev_resolve(vfs_cwd(), a->ea_buf, &vn);
	if (err < 0) {
		return err;
	}
	elf_image_t *im = kmalloc(sizeof(*im));
	vmmap_t *map = vmmap_create();
	if (im == NULL || map == NULL) {
		err = -ENOMEM;
		goto out;
	}
	if (!S_ISREG(vn->vn_mode)) {
		err = -EACCES;
		goto out;
	}
	err = elf_check(vn, im);
	for (int i = 0; err == 0 && i < im->ei_eh.e_phnum; i++) {
		if (im->ei_ph[i].p_type == PT_LOAD && im->ei_ph[i].p_memsz != 0) {
			err = map_segment(map, vn, &im->ei_ph[i]);
		}
	}
	if (err == 0) {
		err = vmmap_map(map, NULL, STACK_BOTTOM / PAGE_SIZE, EXEC_STACK_SIZE / PAGE_SIZE,
				PROT_READ | PROT_WRITE, MAP_PRIVATE, 0, VMMAP_DIR_HILO, NULL);
	}
	uintptr_t sp = 0;
	if (err == 0) {
		err = build_stack(map, a, im, &sp);
	}
	if (err < 0) {
		goto out;
	}
	/* The point of no return: the old image goes. */
	vm_proc_release(p);
	vm_proc_t *vmp = vm_proc_create(p);
	if (vmp == NULL) {
		vmmap_destroy(map);
		kfree(im);
		vput(vn);
		if (p == curproc) {
			uthread_exit(9);
		}
		return -ENOMEM;
	}
	vmmap_destroy(vmp->vmp_map);
	map->vmm_proc = p;
	vmp->vmp_map = map;
	vmp->vmp_start_brk = vmp->vmp_brk = PAGE_ALIGN_UP(im->ei_end);
	map = NULL;
	uthread_regs_init(regs, im->ei_eh.e_entry, sp);
	strlcpy(p->p_name, base_name(a->ea_buf), sizeof(p->p_name));
	exec_cache_note(vn);
out:
	if (map != NULL) {
		vmmap_destroy(map);
	}
	kfree(im);
	vput(vn);
	return err;
}

/* What a process keeps of its old program's state besides memory: descriptors, TLS. */
static void exec_finish_self(void)
{
	for (int fd = 0; fd < NFILES; fd++) {
		if (fdflags_cloexec(fd)) {
			do_close(fd);
			fdflags_set_cloexec(fd, false);
		}
	}
	curthr->kt_ctx.c_tls[0] = curthr->kt_ctx.c_tls[1] = 0;
	gdt_set_tls(curthr->kt_ctx.c_tls);
}

long sys_execve(SYSCALL_ARGS)
{
	char *path = kmalloc(MAXPATHLEN);
	if (path == NULL) {
		return -ENOMEM;
	}
	ssize_t n = strncpy_from_user(path, (const char *)a1, MAXPATHLEN);
	if (n >= 0) {
		pgrp_exec_self(path, MAXPATHLEN); /* "/proc/self/exe" (api/linux2.h) */
	}
	exec_args_t a;
	int err = n < 0 ? (int)n : args_init(&a, path);
	kfree(path);
	if (err < 0) {
		return err;
	}
	err = args_add_user(&a, a2, false);
	if (err == 0) {
		err = args_add_user(&a, a3, true);
	}
	regs_t regs;
	if (err == 0) {
		err = exec_load(curproc, &a, &regs);
	}
	if (err == 0) {
		pgrp_exec_record(a.ea_buf);
		signal_exec();
	}
	args_free(&a);
	if (err < 0) {
		return err;
	}
	exec_finish_self();
	*uthread_regs() = regs;
	return 0; /* eax of the new program */
}

/* Copies kernel path, argv and envp into a. */
static int args_from_kernel(exec_args_t *a, const char *path, char *const argv[],
			    char *const envp[])
{
	int err = args_init(a, path);
	if (err < 0) {
		return err;
	}
	err = args_add_kernel(a, argv, false);
	if (err == 0) {
		err = args_add_kernel(a, envp, true);
	}
	if (err < 0) {
		args_free(a);
	}
	return err;
}

int kernel_execve(const char *path, char *const argv[], char *const envp[])
{
	exec_args_t a;
	int err = args_from_kernel(&a, path, argv, envp);
	if (err < 0) {
		return err;
	}
	regs_t regs;
	err = exec_load(curproc, &a, &regs);
	if (err == 0) {
		pgrp_exec_record(a.ea_buf);
		signal_exec();
	}
	args_free(&a);
	if (err < 0) {
		return err;
	}
	exec_finish_self();
	userland_entry(&regs);
}

static void *spawn_discard_main(long arg1, void *arg2)
{
	return NULL;
}

pid_t uproc_spawn(const char *path, char *const argv[], char *const envp[], const int fds[3])
{
	exec_args_t a;
	int err = args_from_kernel(&a, path, argv, envp);
	if (err < 0) {
		return err;
	}
	proc_t *child = proc_create(base_name(path));
	if (child == NULL) {
		args_free(&a);
		return -EAGAIN;
	}
	vfs_proc_t *vp = vfs_proc_get(child);
	for (int i = 0; vp != NULL && i < 3; i++) {
		vp->vp_files[i] = fget(fds[i]); /* NULL for a bad one: closed */
	}
	regs_t regs;
	err = exec_load(child, &a, &regs);
	args_free(&a);
	kthread_t *thr = NULL;
	if (err == 0) {
		thr = uthread_clone(child, &regs);
		if (thr == NULL) {
			err = -ENOMEM;
		}
	}
	if (err < 0) {
		/* The child never ran: give it a thread that just exits, and reap it. */
		vm_proc_release(child);
		vfs_proc_release(child);
		kthread_t *t = kthread_create(child, spawn_discard_main, 0, NULL);
		if (t != NULL) {
			sched_make_runnable(t);
			int status;
			do_waitpid(child->p_pid, &status, 0);
		}
		return err;
	}
	thr->kt_ctx.c_tls[0] = thr->kt_ctx.c_tls[1] = 0;
	fdflags_release(child);
	pid_t pid = child->p_pid;
	sched_make_runnable(thr);
	return pid;
}
