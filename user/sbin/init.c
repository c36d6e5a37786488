/*
 * init: the first user process.
 *
 * Starts a shell (/bin/sh) on each terminal that exists among /dev/ttyS0,
 * /dev/tty0 and /dev/tty1, with the terminal as its descriptors 0, 1 and 2.
 * The environment variable USERSHELL (the kernel passes the command line's
 * usershell=NAME so: make run USERSHELL=busybox) picks another shell:
 * "busybox" runs `busybox sh` (/bin/busybox, Debian's BusyBox) with
 * PATH=/bin:/usr/bin, where /usr/bin holds its applet links, and
 * ENV=/etc/busybox-shrc, which the interactive shell reads (it makes halt
 * the project's /bin/halt, as BusyBox's needs /proc); "sh" or none
 * is the project's /bin/sh with PATH=/bin.  Another name is refused with
 * a line on each terminal, and /bin/sh runs.
 * Then it waits for any child: a terminal's shell that exits is started
 * again on the same terminal, and any other child (an orphan the kernel gave
 * to init) is simply reaped.  `halt` powers the machine off (the kernel
 * halts); init itself never exits -- except when no terminal opens, where it
 * says so and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const terminals[] = {"/dev/ttyS0", "/dev/tty0", "/dev/tty1"};
#define NTERMS (sizeof(terminals) / sizeof(terminals[0]))

static pid_t shells[NTERMS]; /* the shell running on each terminal, or 0 */

/* The shells USERSHELL can name. */
typedef struct user_shell {
	const char *name; /* USERSHELL's value */
	const char *path;
	char *argv[3];
	char *envp[4];
} user_shell_t;

static const user_shell_t user_shells[] = {
    {"sh", "/bin/sh", {"sh", NULL}, {"PATH=/bin", "HOME=/", NULL}},
    {"busybox",
     "/bin/busybox",
     {"busybox", "sh", NULL},
     {"PATH=/bin:/usr/bin", "HOME=/", "ENV=/etc/busybox-shrc", NULL}},
};

static const user_shell_t *shell = &user_shells[0]; /* the one to start */
static const char *unknown_shell;                   /* a USERSHELL that names none, or NULL */

/*
 * Starts the shell on terminals[i]; its pid, or -1 after a message on the
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
	if (unknown_shell != NULL)
		dprintf(2, "init: USERSHELL=%s: no such shell (sh or busybox); starting %s\n",
			unknown_shell, shell->path);
	execve(shell->path, shell->argv, shell->envp);
	dprintf(2, "init: %s: %s\n", shell->path, strerror(errno));
	_exit(127);
}

/* Chooses the shell from USERSHELL (see the top of the file). */
static void choose_shell(void)
{
	const char *name = getenv("USERSHELL");
	if (name == NULL || name[0] == '\0')
		return;
	for (size_t i = 0; i < sizeof(user_shells) / sizeof(user_shells[0]); i++) {
		if (strcmp(name, user_shells[i].name) == 0) {
			shell = &user_shells[i];
			return;
		}
	}
	unknown_shell = name;
}

int main(void)
{
	size_t started = 0;
	choose_shell();
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
