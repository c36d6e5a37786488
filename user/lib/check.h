/*
 * The user test programs' helpers (linked into every program under
 * user/test/ from libcheck.a).
 *
 * A test program checks facts with CHECK(expr): when expr is false it
 * prints "FAIL file:line expr" (and errno's name when errno is set) and
 * exits 1.  A test passes when it exits 0.  Everything a test prints must be
 * the same on Keel and on Linux (the differential runner, tools/hosttests/
 * vm.py, compares the bytes), so tests print only facts that do not depend
 * on pids, addresses, times or memory sizes -- unless TESTS marks them
 * nodiff.
 *
 * Errors: CHECK_ERR(call, E) checks that call returned -1 with errno E;
 * SYS_ERR(ret, E) checks a raw syscall()'s -1 / errno E the same way.
 */
#ifndef KEEL_USER_CHECK_H
#define KEEL_USER_CHECK_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

void check_fail(const char *file, int line, const char *expr) __attribute__((noreturn));

#define CHECK(expr)                                                                                \
	do {                                                                                       \
		errno = 0;                                                                         \
		if (!(expr))                                                                       \
			check_fail(__FILE__, __LINE__, #expr);                                     \
	} while (0)

/* call must return -1 and set errno to err. */
#define CHECK_ERR(call, err)                                                                       \
	do {                                                                                       \
		errno = 0;                                                                         \
		long check_ret_ = (long)(call);                                                    \
		if (check_ret_ != -1 || errno != (err))                                            \
			check_err_fail(__FILE__, __LINE__, #call, check_ret_, errno, (err));       \
	} while (0)

void check_err_fail(const char *file, int line, const char *expr, long ret, int got, int want)
    __attribute__((noreturn));

/* The name of an errno value ("ENOENT"), or "E?" for one it does not know. */
const char *errno_name(int err);

/* Writes all of buf to fd (retrying short writes); exits through check_fail on an error. */
void write_all(int fd, const void *buf, size_t len);
/* Makes (or truncates) path holding the NUL-terminated text. */
void put_file(const char *path, const char *text);
/* Reads up to cap-1 bytes of path into buf, NUL-terminated; the length, or -1. */
ssize_t get_file(const char *path, char *buf, size_t cap);

/*
 * Forks; the child runs fn(arg) and exits with its return value.  Returns
 * the child's raw wait status (waitpid for that child).
 */
int run_child(int (*fn)(void *), void *arg);

/*
 * This program's own path, for tests that execute themselves: argv0 when it
 * has a '/', else "/usr/test/" argv0 (where the disk image keeps tests).
 */
const char *self_path(const char *argv0);

/* Prints "exited N" or "signalled N" for a raw wait status. */
void print_status(const char *what, int status);

/*
 * Keel's own system call 1000: counters of the kernel's memory.  On Linux
 * it fails with ENOSYS; tests that print what it returns are nodiff.
 */
struct keel_meminfo {
	uint32_t free_frames;    /* free page frames */
	uint32_t resident_pages; /* pages in the page-frame cache */
	uint32_t slab_objects;   /* live objects in all slab caches */
	uint32_t reserved[5];
};
#define SYS_keel_meminfo 1000
/* 0 and *out filled, or -1 with errno (ENOSYS on Linux, EFAULT). */
int keel_meminfo(struct keel_meminfo *out);

#endif
