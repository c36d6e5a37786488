/*
 * Starting the first user program.
 *
 * The init process (pid 1) is a kernel thread when it starts (proc/
 * procboot.c).  Unless the kernel runs tests or benchmarks, it calls
 * uproc_init_start() before the kernel shell: pid 1 itself then execs
 * /sbin/init (kernel_execve()) and never comes back to the kernel's init
 * code.  So the user program is pid 1, the process PROCS gives orphans
 * to, and it reaps them as on Unix; when it exits (or reboot() ends it)
 * its last children are reaped in uthread_exit() and the idle process
 * halts the machine.
 *
 * The command line chooses: init=kshell keeps the kernel shell; init=PATH
 * runs another program; with neither, /sbin/init runs if the root file
 * system has it, and the kernel shell otherwise.
 *
 * usershell=NAME (make run USERSHELL=NAME) is handed on to the program as
 * the environment variable USERSHELL=NAME, as Linux hands the command
 * line's words it does not know to init: /sbin/init reads it to choose
 * the shell it starts on each terminal (user/sbin/init.c).  The kernel
 * does not check NAME (its value must fit the command line's word).
 */
#include "api/exec.h"
#include "main/cmdline.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/namev.h"
#include "vfs/vfs_proc.h"
#include "vfs/vnode.h"

#define INIT_DEFAULT "/sbin/init"

void uproc_init_start(void)
{
	const char *path = cmdline_get(&kernel_cmdline, "init");
	if (path != NULL && strcmp(path, "kshell") == 0) {
		return;
	}
	bool asked = path != NULL;
	if (!asked) {
		path = INIT_DEFAULT;
	}
	vnode_t *vn;
	if (vfs_cwd() == NULL || namev_resolve(NULL, path, &vn) < 0) {
		if (asked) {
			kprintf("keel: init=%s: no such program; starting the kernel shell\n",
				path);
		}
		return;
	}
	vput(vn);
	char *argv[] = {(char *)path, NULL};
	char usershell[CMDLINE_MAX + sizeof("USERSHELL=")];
	char *envp[] = {"PATH=/bin:/sbin", "HOME=/", NULL, NULL};
	const char *shell = cmdline_get(&kernel_cmdline, "usershell");
	if (shell != NULL) {
		snprintf(usershell, sizeof(usershell), "USERSHELL=%s", shell);
		envp[2] = usershell;
	}
	int err = kernel_execve(path, argv, envp);
	kprintf("keel: cannot run %s (error %d); starting the kernel shell\n", path, err);
}
