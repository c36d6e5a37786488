/*
 * Process groups and sessions (setpgid, getpgid, getpgrp, setsid,
 * getsid), umask, getrlimit, prctl's name, getrandom, dup3, fstatat,
 * utimensat, sendfile, chmod, chown and readlink, with Linux's results.
 * Pids differ between systems, so only relations are printed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int in_child(void *arg)
{
	(void)arg;
	pid_t me = getpid();
	/* A new session makes the child the leader of a group of its own. */
	CHECK(getpgrp() != me);
	CHECK(setsid() == me);
	CHECK(getsid(0) == me && getpgid(0) == me && getpgrp() == me);
	CHECK_ERR(setsid(), EPERM);      /* already a group leader */
	CHECK_ERR(setpgid(0, 0), EPERM); /* a session leader cannot move */
	CHECK_ERR(setpgid(getppid(), 0), ESRCH);
	return 0;
}

static int grandchild_pause(void *arg)
{
	(void)arg;
	/* Waits for the parent to move it, then reports its group. */
	for (int i = 0; i < 200 && getpgrp() != getpid(); i++) {
		usleep(10000);
	}
	return getpgrp() == getpid() ? 7 : 8;
}

int main(void)
{
	pid_t me = getpid();
	CHECK(getpgid(0) == getpgrp());
	CHECK(getpgid(me) == getpgrp());
	CHECK(getsid(0) == getsid(me));
	CHECK_ERR(getpgid(-5), ESRCH);
	CHECK_ERR(setpgid(0, -1), EINVAL);
	print_status("setsid in a child", run_child(in_child, NULL));

	/* A parent moves its child into a new group of the child's own. */
	pid_t c = fork();
	CHECK(c >= 0);
	if (c == 0) {
		_exit(grandchild_pause(NULL));
	}
	CHECK(getpgid(c) == getpgrp());
	CHECK(setpgid(c, c) == 0);
	CHECK(getpgid(c) == c);
	CHECK(setpgid(c, getpgrp()) == 0); /* back into ours, an existing group */
	CHECK(setpgid(c, 0) == 0);
	int st;
	CHECK(waitpid(c, &st, 0) == c);
	print_status("moved child", st);

	/* umask: 022 given by the runner, inherited by fork. */
	mode_t old = umask(077);
	printf("umask was %03o\n", (unsigned)old);
	CHECK(umask(old) == 077);

	struct rlimit rl;
	CHECK(getrlimit(RLIMIT_STACK, &rl) == 0);
	printf("stack limit %lu MiB\n", (unsigned long)(rl.rlim_cur >> 20));
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 3);
	CHECK_ERR(getrlimit(99, &rl), EINVAL);

	char name[16];
	CHECK(prctl(PR_SET_NAME, "renamed-process-long") == 0);
	CHECK(prctl(PR_GET_NAME, name) == 0);
	printf("name %s\n", name);

	unsigned char rnd[40];
	memset(rnd, 0, sizeof(rnd));
	CHECK(getrandom(rnd, sizeof(rnd), 0) == (ssize_t)sizeof(rnd));
	int nonzero = 0;
	for (size_t i = 0; i < sizeof(rnd); i++) {
		nonzero += rnd[i] != 0;
	}
	CHECK(nonzero > 20);
	CHECK_ERR(getrandom(rnd, 4, 0x40), EINVAL);

	put_file("src", "sendfile's data\n");
	int in = open("src", O_RDONLY);
	CHECK(in >= 0);
	int fd = dup3(in, 9, O_CLOEXEC);
	CHECK(fd == 9 && fcntl(9, F_GETFD) == FD_CLOEXEC);
	CHECK_ERR(dup3(9, 9, 0), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, 9, 8, 1), EINVAL); /* libc calls dup2 without O_CLOEXEC */
	CHECK(close(9) == 0);
	int out = open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	off_t off = 4;
	CHECK(sendfile(out, in, &off, 100) == 12 && off == 16);
	CHECK(lseek(in, 0, SEEK_CUR) == 0);
	CHECK(sendfile(out, in, NULL, 3) == 3 && lseek(in, 0, SEEK_CUR) == 3);
	CHECK(fsync(out) == 0);
	close(out);
	close(in);
	char buf[64];
	CHECK(get_file("dst", buf, sizeof(buf)) == 15);
	printf("sent: %s", buf);

	struct stat sb;
	CHECK(fstatat(AT_FDCWD, "dst", &sb, 0) == 0 && sb.st_size == 15);
	CHECK(fstatat(AT_FDCWD, "dst", &sb, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK_ERR(fstatat(AT_FDCWD, "", &sb, 0), ENOENT);
	CHECK_ERR(fstatat(AT_FDCWD, "nothing", &sb, 0), ENOENT);
	CHECK(utimensat(AT_FDCWD, "dst", NULL, 0) == 0);
	CHECK_ERR(utimensat(AT_FDCWD, "nothing", NULL, 0), ENOENT);
	CHECK(chmod("dst", 0644) == 0);
	CHECK_ERR(chmod("nothing", 0644), ENOENT);
	CHECK(chown("dst", 0, 0) == 0 || errno == EPERM); /* root on Keel; maybe not here */
	CHECK_ERR(readlink("dst", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink("nothing", buf, sizeof(buf)), ENOENT);
	return 0;
}
