/*
 * spawn [-t MS] [-b]: fork + execve + wait per second of a small program:
 * the project's /bin/true (figure vm.spawn_true), or with -b Debian's
 * BusyBox as `/bin/busybox true` (figure vm.spawn_busybox_true).  The
 * parent is small (no heap to speak of), so the figure is mostly execve:
 * reading the ELF, building the new address space, and the program's
 * start-up (musl's is a few pages; glibc's static start-up in BusyBox
 * touches many more, and sets up thread-local storage and its locale).
 */
#include "bench.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	bench_fds();
	uint64_t min_ns = bench_min_ns(argc, argv);
	int busybox = 0;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-b") == 0)
			busybox = 1;
	char *true_args[] = {"true", NULL};
	char *busybox_args[] = {"busybox", "true", NULL};
	const char *path = busybox ? "/bin/busybox" : "/bin/true";
	char **args = busybox ? busybox_args : true_args;
	char *envp[] = {NULL};
	uint64_t n = 0, start = bench_now(), ns;
	do {
		pid_t pid = fork();
		if (pid < 0)
			bench_die("spawn", "fork");
		if (pid == 0) {
			execve(path, args, envp);
			_exit(127);
		}
		int status;
		if (waitpid(pid, &status, 0) != pid)
			bench_die("spawn", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawn: %s ended with status %#x\n", path, status);
			return 1;
		}
		n++;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate(busybox ? "vm.spawn_busybox_true" : "vm.spawn_true", n, ns);
	return 0;
}
