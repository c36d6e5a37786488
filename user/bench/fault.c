/*
 * fault [-t MS]: page faults per second, two figures.
 *
 * vm.fault_anon: a fresh anonymous private mapping of 4 MiB (1024 pages) is
 * written one byte a page, then unmapped, again and again; each first write
 * is a fault that gives the page a zeroed frame.  The rate counts pages, and
 * includes the mmap and munmap (one of each per 1024 faults).
 *
 * vm.fault_cow: the process writes the same 4 MiB, then forks again and
 * again; each child times its own writes of one byte a page (each a
 * copy-on-write fault: a page copied) and sends the nanoseconds to the
 * parent through a pipe before it exits.  The rate is pages over the
 * children's summed write times: the faults alone, not the forks.
 */
#include "bench.h"

#include <sys/mman.h>
#include <sys/wait.h>

#define PAGES 1024
#define SIZE (PAGES * BENCH_PAGE)

int main(int argc, char **argv)
{
	bench_fds();
	uint64_t min_ns = bench_min_ns(argc, argv);

	uint64_t n = 0, start = bench_now(), ns;
	do {
		char *p =
		    mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			bench_die("fault", "mmap 4 MiB");
		for (size_t off = 0; off < SIZE; off += BENCH_PAGE)
			p[off] = 1;
		if (munmap(p, SIZE) != 0)
			bench_die("fault", "munmap");
		n += PAGES;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate("vm.fault_anon", n, ns);

	char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		bench_die("fault", "mmap 4 MiB");
	memset(p, 1, SIZE);
	int fds[2];
	if (pipe(fds) != 0)
		bench_die("fault", "pipe");
	uint64_t faults = 0, fault_ns = 0;
	start = bench_now();
	do {
		pid_t pid = fork();
		if (pid < 0)
			bench_die("fault", "fork");
		if (pid == 0) {
			uint64_t t0 = bench_now();
			for (size_t off = 0; off < SIZE; off += BENCH_PAGE)
				p[off]++;
			uint64_t took = bench_now() - t0;
			_exit(write(fds[1], &took, sizeof(took)) == sizeof(took) ? 0 : 1);
		}
		uint64_t took;
		if (read(fds[0], &took, sizeof(took)) != sizeof(took))
			bench_die("fault", "read the child's time");
		int status;
		if (waitpid(pid, &status, 0) != pid)
			bench_die("fault", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "fault: a child ended with status %#x\n", status);
			return 1;
		}
		faults += PAGES;
		fault_ns += took;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate("vm.fault_cow", faults, fault_ns);
	return 0;
}
