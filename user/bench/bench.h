/*
 * What the benchmark programs (user/bench/, /usr/bench/ on the disk) share.
 *
 * Each program times its own work with clock_gettime(CLOCK_MONOTONIC), whose
 * resolution on Keel is one timer tick (10 ms at the default hz=100), so it
 * repeats the work until at least the time asked for has passed (1 s unless
 * told: -t MS) and divides.  It prints one line a figure, for people and for
 * tools/bench alike:
 *
 *     # bench vm.fork_1m per_second 812
 *
 * (the same form as the kernel's own benchmarks: name, what, an integer),
 * and exits 0; 1 after a message on standard error when a call fails.  The
 * same binaries run on Linux, for comparison.
 *
 * Run as the first process (the kernel command line's init=/usr/bench/NAME)
 * a program starts with descriptors 0, 1 and 2 closed: bench_fds() then
 * opens /dev/console (or, on a disk without one, as build/disk.img,
 * /dev/ttyS0) for them, so the figures reach the serial port; the machine
 * halts when the program exits.
 */
#ifndef KEEL_USER_BENCH_H
#define KEEL_USER_BENCH_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_PAGE 4096

/* Makes 0, 1 and 2 the console when they are closed (the program is init). */
static inline void bench_fds(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		fd = open("/dev/ttyS0", O_RDWR);
	for (int d = 0; fd >= 0 && d < 3; d++)
		if (fd != d && fcntl(d, F_GETFD) < 0)
			dup2(fd, d);
	if (fd > 2)
		close(fd);
}

/* Nanoseconds since some fixed moment. */
static inline uint64_t bench_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		fprintf(stderr, "bench: clock_gettime: %s\n", strerror(errno));
		exit(1);
	}
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Stops the program with "NAME: WHAT: error" (errno's text). */
static inline void __attribute__((noreturn)) bench_die(const char *name, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", name, what, strerror(errno));
	exit(1);
}

/* The -t MS option: the shortest time to measure, in nanoseconds. */
static inline uint64_t bench_min_ns(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "-t") == 0)
			return (uint64_t)strtoul(argv[i + 1], NULL, 10) * 1000000u;
	return 1000000000u;
}

/* Prints "# bench NAME per_second N" for 'count' events in 'ns' nanoseconds. */
static inline void bench_rate(const char *name, uint64_t count, uint64_t ns)
{
	uint64_t rate = ns ? count * 1000000000u / ns : 0;
	printf("# bench %s per_second %llu\n", name, (unsigned long long)rate);
	printf("# bench %s count %llu\n", name, (unsigned long long)count);
	printf("# bench %s ns %llu\n", name, (unsigned long long)ns);
	fflush(stdout);
}

#endif
