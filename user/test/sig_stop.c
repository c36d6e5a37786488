/*
 * Stop and continue: SIGSTOP and SIGTSTP (by default) stop a process,
 * SIGCONT continues it; the parent sees both with waitpid's WUNTRACED and
 * WCONTINUED and hears of them by SIGCHLD (CLD_STOPPED, CLD_CONTINUED)
 * unless SA_NOCLDSTOP.  A stopped process keeps other signals pending
 * until it continues; SIGKILL ends it at once.  A read the stop cut short
 * goes on after SIGCONT.  waitpid(0, ...) and waitpid(-pgrp, ...) wait for
 * a process group.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int chld_hits, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_hits++;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void nap(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) != 0) {
	}
}

static pid_t spinner(void)
{
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static const char *code_name(int code)
{
	switch (code) {
	case CLD_EXITED:
		return "CLD_EXITED";
	case CLD_KILLED:
		return "CLD_KILLED";
	case CLD_STOPPED:
		return "CLD_STOPPED";
	case CLD_CONTINUED:
		return "CLD_CONTINUED";
	default:
		return "?";
	}
}

static void stop_and_continue(int stopsig)
{
	chld_hits = 0;
	pid_t pid = spinner();
	int st;
	CHECK(kill(pid, stopsig) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid);
	CHECK(WIFSTOPPED(st));
	printf("stopped by %d; SIGCHLD %s status %d\n", WSTOPSIG(st), code_name(chld_code),
	       chld_status);
	/* Reported once: a second look finds nothing new. */
	CHECK(waitpid(pid, &st, WUNTRACED | WNOHANG) == 0);
	CHECK(kill(pid, SIGCONT) == 0);
	CHECK(waitpid(pid, &st, WCONTINUED) == pid);
	CHECK(WIFCONTINUED(st));
	nap(20);
	printf("continued; SIGCHLD %s, %d in all\n", code_name(chld_code), chld_hits);
	CHECK(kill(pid, SIGTERM) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("then SIGTERM", st);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);

	stop_and_continue(SIGSTOP);
	stop_and_continue(SIGTSTP);

	/* Without WUNTRACED a stop is not reported; SIGTERM waits for SIGCONT. */
	pid_t pid = spinner();
	int st;
	CHECK(kill(pid, SIGSTOP) == 0);
	nap(50);
	CHECK(waitpid(pid, &st, WNOHANG) == 0);
	CHECK(kill(pid, SIGTERM) == 0);
	nap(50);
	CHECK(waitpid(pid, &st, WNOHANG) == 0);
	printf("stopped: SIGTERM waits\n");
	CHECK(kill(pid, SIGCONT) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("after SIGCONT", st);

	/* SIGKILL ends a stopped process. */
	pid = spinner();
	CHECK(kill(pid, SIGSTOP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("stopped, then SIGKILL", st);

	/* An ignored SIGTSTP does not stop (the child says when it ignores it). */
	int ready[2];
	CHECK(pipe(ready) == 0);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct sigaction c;
		memset(&c, 0, sizeof(c));
		c.sa_handler = SIG_IGN;
		sigaction(SIGTSTP, &c, NULL);
		write_all(ready[1], "r", 1);
		nap(300);
		_exit(4);
	}
	char r;
	CHECK(read(ready[0], &r, 1) == 1);
	close(ready[0]);
	close(ready[1]);
	CHECK(kill(pid, SIGTSTP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid);
	print_status("SIGTSTP ignored", st);

	/* SA_NOCLDSTOP: no SIGCHLD for a stop. */
	sa.sa_flags |= SA_NOCLDSTOP;
	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	chld_hits = 0;
	pid = spinner();
	CHECK(kill(pid, SIGSTOP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
	nap(20);
	printf("SA_NOCLDSTOP: %d SIGCHLD\n", chld_hits);
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid);

	/* A read cut short by a stop goes on after SIGCONT. */
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		char c;
		ssize_t n = read(p[0], &c, 1);
		_exit(n == 1 && c == 'y' ? 0 : 1);
	}
	nap(50);
	CHECK(kill(pid, SIGSTOP) == 0);
	CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
	CHECK(kill(pid, SIGCONT) == 0);
	nap(50);
	write_all(p[1], "y", 1);
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("read across a stop", st);

	/* Waiting for a process group. */
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(setpgid(0, 0) == 0);
		nap(50);
		_exit(9);
	}
	setpgid(pid, pid); /* either side may do it first */
	CHECK_ERR(waitpid(0, &st, WNOHANG), ECHILD);
	CHECK(waitpid(-pid, &st, 0) == pid);
	print_status("waitpid(-pgrp)", st);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(2);
	CHECK(waitpid(0, &st, 0) == pid);
	print_status("waitpid(0)", st);
	return 0;
}
