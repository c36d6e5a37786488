/*
 * kill() of a process group: kill(-pgid) signals every member, kill(0)
 * the caller's own group (the caller included), and a group with no
 * member is ESRCH.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static volatile int hits;

static void on_usr1(int sig)
{
	(void)sig;
	hits++;
}

/* A child in group 'pgid' (0: a new one) that waits on the pipe's read end. */
static pid_t spawn(pid_t pgid, int rfd)
{
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		setpgid(0, pgid);
		char c;
		read(rfd, &c, 1);
		_exit(0);
	}
	CHECK(setpgid(pid, pgid == 0 ? pid : pgid) == 0);
	return pid;
}

int main(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t a = spawn(0, p[0]);
	pid_t b = spawn(a, p[0]);
	CHECK(getpgid(b) == a);
	CHECK(kill(-a, SIGTERM) == 0);
	int st;
	CHECK(waitpid(a, &st, 0) == a && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	CHECK(waitpid(b, &st, 0) == b && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	puts("kill(-pgid): both killed by SIGTERM");
	CHECK_ERR(kill(-a, SIGTERM), ESRCH);

	/* kill(0): the caller's group, the caller included. */
	CHECK(setpgid(0, 0) == 0);
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	pid_t c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		char ch;
		read(p[0], &ch, 1); /* the handler is inherited: the read goes on */
		_exit(hits == 1 ? 0 : 1);
	}
	CHECK(kill(0, SIGUSR1) == 0);
	CHECK(hits == 1);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	puts("kill(0): caller and child");
	puts("sig_pgrp: ok");
	return 0;
}
