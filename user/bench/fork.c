/*
 * fork [-c] [-t MS]: fork + exit + wait per second of a process with 1 MiB of
 * touched heap (brk), figure vm.fork_1m.  The child exits at once, so with
 * copy-on-write the fork copies page tables, not pages.
 *
 * -c: the child writes one byte in each of the 256 pages of that heap before
 * it exits (figure vm.fork_1m_copy): the copy-on-write cost in full, what a
 * fork that copies everything would cost (256 page copies a fork).
 */
#include "bench.h"

#include <sys/syscall.h>
#include <sys/wait.h>

#define HEAP (1024 * 1024)

int main(int argc, char **argv)
{
	bench_fds();
	int copy = argc > 1 && strcmp(argv[1], "-c") == 0;
	uint64_t min_ns = bench_min_ns(argc, argv);
	/* The raw brk call: musl's sbrk() only reports the break. */
	char *heap = (char *)syscall(SYS_brk, 0);
	if ((char *)syscall(SYS_brk, heap + HEAP) != heap + HEAP) {
		errno = ENOMEM;
		bench_die("fork", "brk 1 MiB more");
	}
	memset(heap, 1, HEAP);
	uint64_t n = 0, start = bench_now(), ns;
	do {
		pid_t pid = fork();
		if (pid < 0)
			bench_die("fork", "fork");
		if (pid == 0) {
			if (copy)
				for (size_t off = 0; off < HEAP; off += BENCH_PAGE)
					heap[off]++;
			_exit(0);
		}
		int status;
		if (waitpid(pid, &status, 0) != pid)
			bench_die("fork", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "fork: a child ended with status %#x\n", status);
			return 1;
		}
		n++;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate(copy ? "vm.fork_1m_copy" : "vm.fork_1m", n, ns);
	return 0;
}
