/*
 * spawn [-t MS]: fork + execve + wait per second of a small program,
 * /bin/true (figure vm.spawn_true).  The parent is small (no heap to speak
 * of), so the figure is mostly execve: reading the ELF, building the new
 * address space, and the first faults of /bin/true.
 */
#include "bench.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	bench_fds();
	uint64_t min_ns = bench_min_ns(argc, argv);
	char *args[] = {"true", NULL};
	char *envp[] = {NULL};
	uint64_t n = 0, start = bench_now(), ns;
	do {
		pid_t pid = fork();
		if (pid < 0)
			bench_die("spawn", "fork");
		if (pid == 0) {
			execve("/bin/true", args, envp);
			_exit(127);
		}
		int status;
		if (waitpid(pid, &status, 0) != pid)
			bench_die("spawn", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawn: /bin/true ended with status %#x\n", status);
			return 1;
		}
		n++;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate("vm.spawn_true", n, ns);
	return 0;
}
