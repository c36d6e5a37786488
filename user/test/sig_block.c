/*
 * A blocked signal waits: it is delivered when it is unblocked (before
 * sigprocmask returns); a blocked fatal signal kills only once unblocked;
 * SIGKILL cannot be blocked; fork keeps the handler and mask, execve
 * (here: only fork) keeps the mask.
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

int main(void)
{
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGKILL);
	CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0);
	CHECK(!sigismember(&old, SIGUSR1));
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0); /* does not queue */
	CHECK(hits == 0);
	sigset_t now;
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
	CHECK(sigismember(&now, SIGUSR1) && !sigismember(&now, SIGKILL));
	sigset_t pend;
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) &&
	      !sigismember(&pend, SIGUSR2));
	puts("blocked: not delivered");

	/* The child has the handler and the mask, and nothing pending. */
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		sigset_t m;
		sigprocmask(SIG_BLOCK, NULL, &m);
		if (!sigismember(&m, SIGUSR1)) {
			_exit(2);
		}
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		if (hits != 0) {
			_exit(3);
		}
		kill(getpid(), SIGUSR1);
		_exit(hits == 1 ? 0 : 4);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	CHECK(sigprocmask(SIG_UNBLOCK, &set, NULL) == 0);
	CHECK(hits == 1);
	puts("unblocked: delivered once");

	/* A blocked SIGTERM kills only when unblocked. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		sigset_t t;
		sigemptyset(&t);
		sigaddset(&t, SIGTERM);
		sigprocmask(SIG_BLOCK, &t, NULL);
		kill(getpid(), SIGTERM);
		write(1, "child: alive\n", 13);
		sigprocmask(SIG_UNBLOCK, &t, NULL);
		_exit(0);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	puts("blocked SIGTERM: killed when unblocked");
	puts("sig_block: ok");
	return 0;
}
