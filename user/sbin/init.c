/*
 * init: the first user process.
 *
 * Starts a shell (/bin/sh) on each terminal that exists among /dev/ttyS0,
 * /dev/tty0 and /dev/tty1, with the terminal as its descriptors 0, 1 and 2.
 * Then it waits for any child: a terminal's shell that exits is started
 * again on the same terminal, and any other child (an orphan the kernel gave
 * to init) is simply reaped.  `halt` powers the machine off (the kernel
 * halts); init itself never exits -- except when no terminal opens, where it
 * says so and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const terminals[] = {"/dev/ttyS0", "/dev/tty0", "/dev/tty1"};
#define NTERMS (sizeof(terminals) / sizeof(terminals[0]))

static pid_t shells[NTERMS]; /* the shell running on each terminal, or 0 */

/*
 * Starts /bin/sh on terminals[i]; its pid, or -1 after a message on the
 * console.  The shell leads a session of its own (setsid) whose
 * controlling terminal is terminals[i]: opening it makes it so, and
 * TIOCSCTTY says it again in case init's own session held it.  So ^C
 * there signals the terminal's foreground process group.
 */
static pid_t start_shell(size_t i)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	setsid();
	int fd = open(terminals[i], O_RDWR);
	if (fd < 0)
		_exit(1);
	for (int d = 0; d < 3; d++)
		if (fd != d)
			dup2(fd, d);
	if (fd > 2)
		close(fd);
	ioctl(0, TIOCSCTTY, 1);
	char *argv[] = {"sh", NULL};
	char *envp[] = {"PATH=/bin", "HOME=/", NULL};
	execve("/bin/sh", argv, envp);
	dprintf(2, "init: /bin/sh: %s\n", strerror(errno));
	_exit(127);
}

int main(void)
{
	size_t started = 0;
	for (size_t i = 0; i < NTERMS; i++) {
		int fd = open(terminals[i], O_RDWR);
		if (fd < 0)
			continue;
		close(fd);
		shells[i] = start_shell(i);
		if (shells[i] > 0)
			started++;
	}
	if (started == 0) {
		/* No terminal: nowhere to print but the console, if any. */
		int fd = open("/dev/console", O_WRONLY);
		if (fd >= 0)
			dprintf(fd, "init: no terminal to start a shell on\n");
		return 1;
	}
	for (;;) {
		int status;
		pid_t pid = wait(&status);
		if (pid < 0) {
			if (errno == ECHILD)
				return 1; /* every shell failed to start again */
			continue;
		}
		for (size_t i = 0; i < NTERMS; i++) {
			if (shells[i] == pid) {
				if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
					shells[i] = 0; /* no shell to run: do not spin */
				else
					shells[i] = start_shell(i);
			}
		}
	}
}
