/*
 * SIGCHLD reaches the parent when a child exits (CLD_EXITED with the exit
 * code, CLD_KILLED with the signal), and its default is to ignore it.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static volatile int hits, code, status, from;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	hits++;
	code = si->si_code;
	status = si->si_status;
	from = si->si_pid;
}

int main(void)
{
	/* Default: ignored, the parent goes on. */
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		_exit(0);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);

	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		_exit(3);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(hits == 1 && code == CLD_EXITED && status == 3 && from == pid);
	printf("exited: code %d status %d\n", code, status);

	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (;;) {
			sched_yield();
		}
	}
	CHECK(kill(pid, SIGTERM) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(hits == 2 && code == CLD_KILLED && status == SIGTERM && from == pid);
	printf("killed: code %d status %d\n", code, status);
	puts("sig_chld: ok");
	return 0;
}
