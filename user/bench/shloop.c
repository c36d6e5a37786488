/*
 * shloop [-t MS]: how long BusyBox's shell takes for
 *
 *     busybox sh -c 'for i in $(seq 100); do /bin/true; done'
 *
 * (figure vm.busybox_sh_loop100): a shell that forks and execs a program
 * 100 times, after a command substitution (a pipe, and seq run as an
 * applet).  It is run again until MS milliseconds (1 s unless told) have
 * passed; the figure is the mean time of one run, in microseconds, and
 * runs per second.
 */
#include "bench.h"

#include <sys/wait.h>

int main(int argc, char **argv)
{
	bench_fds();
	uint64_t min_ns = bench_min_ns(argc, argv);
	char *args[] = {"busybox", "sh", "-c", "for i in $(seq 100); do /bin/true; done", NULL};
	char *envp[] = {"PATH=/bin:/usr/bin", NULL};
	uint64_t n = 0, start = bench_now(), ns;
	do {
		pid_t pid = fork();
		if (pid < 0)
			bench_die("shloop", "fork");
		if (pid == 0) {
			execve("/bin/busybox", args, envp);
			_exit(127);
		}
		int status;
		if (waitpid(pid, &status, 0) != pid)
			bench_die("shloop", "waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "shloop: busybox sh ended with status %#x\n", status);
			return 1;
		}
		n++;
		ns = bench_now() - start;
	} while (ns < min_ns);
	bench_rate("vm.busybox_sh_loop100", n, ns);
	printf("# bench vm.busybox_sh_loop100 us_each %llu\n",
	       (unsigned long long)(ns / n / 1000u));
	return 0;
}
