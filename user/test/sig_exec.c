/*
 * execve sets caught signals back to their defaults and keeps ignored
 * ones ignored, the blocked mask and the pending set; fork keeps the
 * handlers.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static void on_usr1(int sig)
{
	(void)sig;
}

/* The program again, after the exec: checks what it inherited. */
static int after_exec(void)
{
	struct sigaction old;
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL);
	CHECK(sigaction(SIGUSR2, NULL, &old) == 0 && old.sa_handler == SIG_IGN);
	sigset_t m;
	CHECK(sigprocmask(SIG_BLOCK, NULL, &m) == 0 && sigismember(&m, SIGTERM));
	CHECK(sigpending(&m) == 0 && sigismember(&m, SIGTERM));
	puts("after exec: default, ignored, blocked and pending as expected");
	fflush(stdout);
	sigemptyset(&m);
	sigaddset(&m, SIGTERM);
	sigprocmask(SIG_UNBLOCK, &m, NULL); /* the pending SIGTERM kills */
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		return after_exec();
	}
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		struct sigaction old;
		CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == on_usr1);
		sigset_t t;
		sigemptyset(&t);
		sigaddset(&t, SIGTERM);
		CHECK(sigprocmask(SIG_BLOCK, &t, NULL) == 0);
		CHECK(kill(getpid(), SIGTERM) == 0);
		char *args[] = {argv[0], "child", NULL};
		execv(argv[0], args);
		_exit(9);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	puts("sig_exec: ok");
	return 0;
}
