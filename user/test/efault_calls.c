/*
 * EFAULT from the rest of the calls that take a pointer, given NULL (where
 * NULL is not allowed), a kernel address, an unmapped address and an object
 * that runs off its mapping: waitpid's status, pipe2, gettimeofday's
 * timezone, the old mmap's argument block, rt_sigaction's act and oldact,
 * rt_sigprocmask's set and oldset, set_thread_area, and execve's
 * environment strings.  Nothing changes on the way: no descriptor is left
 * open, no signal mask or action is set.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "badptr.h"

/* bads[1..3]: the bad pointers for a call where NULL means "none". */
#define EACH_BAD_NOT_NULL(tail, expr)                                                              \
	do {                                                                                       \
		void *bn_[NBAD];                                                                   \
		bad_pointers(bn_, (tail));                                                         \
		for (int bj_ = 1; bj_ < NBAD; bj_++) {                                             \
			void *b = bn_[bj_];                                                        \
			errno = 0;                                                                 \
			long r_ = (long)(expr);                                                    \
			if (r_ != -1 || errno != EFAULT) {                                         \
				printf("FAIL %s:%d %s with a %s pointer: %ld errno %s\n",          \
				       __FILE__, __LINE__, #expr, bad_names[bj_], r_,              \
				       errno_name(errno));                                         \
				return 1;                                                          \
			}                                                                          \
		}                                                                                  \
	} while (0)

int main(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0644);
	CHECK(fd >= 0);

	/* waitpid's status, for a child that has exited (it is reaped either way). */
	void *bads[NBAD];
	bad_pointers(bads, 2);
	for (int i = 1; i < NBAD; i++) {
		fflush(stdout);
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0)
			_exit(0);
		CHECK_ERR(syscall(SYS_waitpid, pid, bads[i], 0), EFAULT);
		waitpid(pid, NULL, 0);
	}

	/* pipe2: no descriptor stays open. */
	EACH_BAD(4, syscall(SYS_pipe2, b, O_CLOEXEC));
	EACH_BAD(4, syscall(SYS_pipe2, b, 0));

	/* gettimeofday's second argument (NULL: not wanted). */
	EACH_BAD_NOT_NULL(4, syscall(SYS_gettimeofday_time32, NULL, b));

	/* The old mmap: a pointer to its six arguments. */
	EACH_BAD(12, syscall(SYS_mmap, b));

	/* rt_sigaction: act and oldact (20 bytes each on i386). */
	EACH_BAD_NOT_NULL(8, syscall(SYS_rt_sigaction, SIGUSR1, b, NULL, 8));
	EACH_BAD_NOT_NULL(8, syscall(SYS_rt_sigaction, SIGUSR1, NULL, b, 8));
	/* rt_sigprocmask: set and oldset (8 bytes). */
	EACH_BAD_NOT_NULL(4, syscall(SYS_rt_sigprocmask, SIG_BLOCK, b, NULL, 8));
	EACH_BAD_NOT_NULL(4, syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, b, 8));

	/* set_thread_area: the 16-byte descriptor. */
	EACH_BAD(8, syscall(SYS_set_thread_area, b));

	/* execve: a string the environment points to. */
	char *argv[] = {"prog", NULL};
	bad_pointers(bads, 3);
	for (int i = 1; i < NBAD; i++) { /* (a NULL there would end envp) */
		char *envp[] = {"A=1", bads[i], NULL};
		CHECK_ERR(syscall(SYS_execve, "/bin/true", argv, envp), EFAULT);
	}

	/* Nothing leaked or changed: the next descriptor, the mask, the action. */
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(p[0] == fd + 1 && p[1] == fd + 2);
	sigset_t mask;
	CHECK(sigprocmask(SIG_BLOCK, NULL, &mask) == 0);
	CHECK(!sigismember(&mask, SIGUSR1));
	struct sigaction sa;
	CHECK(sigaction(SIGUSR1, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0 && close(fd) == 0);
	puts("efault calls: ok");
	return 0;
}
