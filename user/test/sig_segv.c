/*
 * A SIGSEGV handler runs for a bad access and may leave with siglongjmp;
 * si_addr is the faulting address.  Without a handler the status stays 11.
 * A SIGILL handler that moves uc_mcontext's eip past a ud2 resumes the
 * program after it, with the old mask in uc_sigmask.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

static sigjmp_buf env;
static volatile void *addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	addr = si->si_addr;
	siglongjmp(env, 1);
}

static volatile int ill_hits, mask_ok;

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)si;
	ucontext_t *uc = ucv;
	ill_hits++;
	mask_ok = sigismember(&uc->uc_sigmask, SIGUSR2) && !sigismember(&uc->uc_sigmask, SIGILL);
	uc->uc_mcontext.gregs[REG_EIP] += 2; /* ud2's length */
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	volatile int *bad = (volatile int *)16;
	if (sigsetjmp(env, 1) == 0) {
		*bad = 1;
		CHECK(!"not reached");
	}
	CHECK(addr == (void *)16);
	sigset_t m;
	CHECK(sigprocmask(SIG_BLOCK, NULL, &m) == 0 && !sigismember(&m, SIGSEGV));
	puts("caught: address 16, the mask restored");

	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		*bad = 2;
		_exit(0);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	puts("default: status 11");
	/* SIGILL: the handler changes eip in the saved registers. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGILL, &sa, NULL) == 0);
	sigset_t u2;
	sigemptyset(&u2);
	sigaddset(&u2, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &u2, NULL) == 0);
	__asm__ volatile("ud2");
	CHECK(ill_hits == 1 && mask_ok);
	puts("ud2: skipped by the handler");
	puts("sig_segv: ok");
	return 0;
}
