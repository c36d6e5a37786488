/*
 * A handler runs on kill(getpid()) before kill returns, gets its signal
 * number and siginfo (SI_USER, the sender's pid), and its return resumes
 * the program with its registers and mask as they were.  SA_RESETHAND
 * puts the default back; the signal is blocked while its handler runs
 * (a second one waits for the return); sigaction reads the old action;
 * the FPU registers (the rounding mode) come back after a handler.
 */
#include <fenv.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static volatile int hits, last_sig, last_code, pid_ok, nested, depth, max_depth;

static void on_usr1(int sig)
{
	hits++;
	last_sig = sig;
}

/* Changes the FPU's rounding mode: the program's must come back. */
static void on_alrm(int sig)
{
	(void)sig;
	hits++;
	fesetround(FE_UPWARD);
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	pid_ok = si->si_pid == getpid() && si->si_signo == sig;
}

static void on_usr2(int sig)
{
	depth++;
	if (depth > max_depth) {
		max_depth = depth;
	}
	if (nested++ == 0) {
		kill(getpid(), sig); /* blocked while this runs: after the return */
	}
	depth--;
}

int main(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	CHECK(sigaction(SIGUSR1, &sa, &old) == 0);
	CHECK(old.sa_handler == SIG_DFL);
	/* Registers live across the handler. */
	volatile double f = 1.5;
	unsigned long a = 0x12345678, b = 0x9abcdef0;
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(hits == 1 && last_sig == SIGUSR1);
	CHECK(a == 0x12345678 && b == 0x9abcdef0 && f == 1.5);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(hits == 2);
	printf("handler: %d calls\n", hits);

	CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
	CHECK(old.sa_handler == on_usr1);

	/* SA_SIGINFO */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(hits == 3 && last_sig == SIGUSR1 && last_code == SI_USER && pid_ok);
	printf("siginfo: signo %d code %d\n", last_sig, last_code);

	/* The signal is blocked in its own handler; the mask comes back after. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR2) == 0);
	CHECK(nested == 2 && max_depth == 1);
	sigset_t now;
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0);
	CHECK(!sigismember(&now, SIGUSR2));
	printf("nested: %d calls, depth %d\n", nested, max_depth);

	/* SA_RESETHAND: once, then the default (SIGURG's default is to ignore). */
	hits = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESETHAND;
	CHECK(sigaction(SIGURG, &sa, NULL) == 0);
	CHECK(kill(getpid(), SIGURG) == 0);
	CHECK(kill(getpid(), SIGURG) == 0);
	CHECK(hits == 1);
	CHECK(sigaction(SIGURG, NULL, &old) == 0 && old.sa_handler == SIG_DFL);

	/* The FPU registers are the program's again after the handler. */
	hits = 0;
	CHECK(signal(SIGALRM, on_alrm) != SIG_ERR);
	CHECK(fegetround() == FE_TONEAREST);
	CHECK(kill(getpid(), SIGALRM) == 0);
	CHECK(hits == 1 && fegetround() == FE_TONEAREST);
	puts("fpu: rounding mode restored");

	/* Errors. */
	CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	puts("sig_handler: ok");
	return 0;
}
