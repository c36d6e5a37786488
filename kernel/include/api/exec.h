/*
 * Running programs: the ELF loader, execve and uproc_spawn.  (Support code
 * of the VM stage; kernel/api/exec.c.)
 *
 * Keel runs static i386 executables (ELF, ET_EXEC, EM_386), the kind musl
 * and BusyBox build.  Loading one builds a whole new address space before
 * the old one is touched:
 *   - each PT_LOAD segment is mapped private from the file's vnode (its
 *     pages come through the page-frame cache; a file system that cannot
 *     map files, such as ramfs, gets an anonymous copy instead); the part
 *     of its last file page past p_filesz is zeroed, and the pages up to
 *     p_memsz (the .bss) are anonymous;
 *   - a stack of EXEC_STACK_SIZE bytes just below 0xC0000000 (anonymous,
 *     private) holds, exactly as Linux builds it, argc, argv[], NULL,
 *     envp[], NULL, the auxiliary vector (AT_PHDR, AT_PHENT, AT_PHNUM,
 *     AT_PAGESZ, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE,
 *     AT_CLKTCK, AT_RANDOM pointing to 16 random bytes, AT_EXECFN, AT_NULL)
 *     and the strings at the top; esp points to argc, 16-byte aligned;
 *   - the break starts at the end of the highest segment, page rounded.
 * Only then is the old address space released; the program starts at its
 * entry point with every general register 0.
 *
 * A file that is not such an executable fails with -ENOEXEC, never a
 * panic: a bad magic number, class, byte order, version, type or machine;
 * program headers of the wrong size, more than EXEC_MAX_PHDRS of them, or
 * outside the file; a PT_INTERP (a dynamic executable); no PT_LOAD; a
 * segment with p_filesz > p_memsz, a file range outside the file, p_vaddr
 * and p_offset that disagree modulo the page size, memory below the
 * second page, reaching the stack or the kernel half, or sharing a page
 * with another segment; an entry point outside every executable segment.
 *
 * The exec cache.  A vnode that nobody holds is freed, and its cached
 * pages with it (vfs/vnode.h), so an execve of a program that no running
 * process holds would read every page it touches from the disk again:
 * about 25 pages of BusyBox's 2 MB for `busybox true`, some 8 ms of disk
 * reads each time.  So a successful execve keeps a reference to its file
 * in a small table of the EXEC_CACHE_SIZE programs run last (the least
 * recently run one is let go first).  Their pages stay in the page-frame
 * cache, which may still evict them like any other file's.  The VFS makes
 * the table let go of everything (exec_cache_drop(), registered with
 * vfs_set_cache_release()) before it counts vnodes for the tests' leak
 * check and before it unmounts the root.  A cached program that is
 * unlinked keeps its inode and blocks until it leaves the table.
 */
#ifndef KEEL_API_EXEC_H
#define KEEL_API_EXEC_H

#include "proc/proc.h"
#include "types.h"

#define EXEC_STACK_SIZE (8u << 20) /* 8 MiB */
#define EXEC_ARG_MAX (128u << 10)  /* argument and environment bytes */
#define EXEC_MAX_PHDRS 64
#define EXEC_CACHE_SIZE 8

/* Lets go of every file the exec cache holds (may sleep). */
void exec_cache_drop(void);

/*
 * execve(path, argv, envp): replaces the running process's program.
 * argv or envp NULL counts as an empty list.  On success the call does
 * not return (the new program starts; close-on-exec descriptors are
 * closed, others kept; the TLS descriptor is cleared).  Errors, with the
 * caller's program intact: -EFAULT (a bad pointer: path, an argv or envp
 * array or string), -E2BIG (the strings and their pointers take more than
 * EXEC_ARG_MAX bytes), -ENAMETOOLONG, -ENOENT and the other errors of a
 * walk, -EACCES (not a regular file), -ENOEXEC (above), -ENOMEM, -EIO.
 */
long sys_execve(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5, uint32_t a6);

/*
 * execve from a kernel thread with kernel strings (argv and envp
 * NULL-terminated; NULL counts as empty): loads 'path' into the running
 * process as above and enters user mode there.  Returns only on failure,
 * with execve's errors (-EFAULT excepted).
 */
int kernel_execve(const char *path, char *const argv[], char *const envp[]);

/*
 * A new process, child of the running one, running 'path' with argv and
 * envp (kernel strings, as for kernel_execve()).  Its descriptors 0, 1
 * and 2 are copies of the caller's descriptors fds[0..2] (sharing the
 * open file, as dup does; a negative or closed one stays closed), its
 * current directory the caller's.  Returns its pid once the program is
 * loaded and its thread runnable; or an error of kernel_execve() (the
 * child is gone then), or -ENOMEM, -EAGAIN (no pid).
 */
pid_t uproc_spawn(const char *path, char *const argv[], char *const envp[], const int fds[3]);

#endif
