/*
 * sigsuspend sleeps with a temporary mask until a caught signal arrives
 * (from another process), returns EINTR after the handler ran, and puts
 * the old mask back; pause does the same with the mask as it is.
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
	sigset_t block, empty, now;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK(sigprocmask(SIG_BLOCK, &block, NULL) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	CHECK_ERR(sigsuspend(&empty), EINTR);
	CHECK(hits == 1);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, SIGUSR1));
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
	puts("sigsuspend: handler ran, EINTR, mask back");

	CHECK(sigprocmask(SIG_UNBLOCK, &block, NULL) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (;;) { /* until killed: one signal may come before the pause */
			kill(getppid(), SIGUSR1);
			usleep(20000);
		}
	}
	int before = hits;
	CHECK_ERR(pause(), EINTR);
	CHECK(hits > before);
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	puts("pause: handler ran, EINTR");
	puts("sig_suspend: ok");
	return 0;
}
