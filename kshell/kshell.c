/*
 * The kernel shell's core: the command table, the line parser, the
 * read-eval-print loop, the built-in commands (see kshell/kshell.h), and at
 * the end initproc_run(), which starts a shell on every terminal.
 *
 * The loop is the simplest possible one:
 *
 *     print the prompt ("tty0> ")
 *     tty_read() one line        (the line discipline did the editing)
 *     split it into words, look up the first, call the command
 *
 * and it ends on `exit`, at end of file, when `halt` was asked anywhere, or
 * when the thread is cancelled.  A shell touches its terminal only through
 * tty_read() and tty_write(), so it runs the same on a VGA terminal, the
 * serial port, or a test's pretend terminal.
 *
 * Commands.  The table is a fixed array filled at boot (kshell_init() and
 * the subsystems' own calls to kshell_add_command()); it is only read after
 * that, so it needs no lock.  A command's status: 0 for success; a negative
 * value is an -errno, which the shell names ("sleep: EINVAL").
 *
 * `parallel` runs each of its commands in a new process (Keel's processes
 * have one thread each) that is a child of the shell's process, and reaps
 * them all before the prompt comes back.  Each child gets its own copy of
 * the kshell_t, so an `exit` inside one ends only that child.  Their output
 * goes to the same terminal; the tty's write mutex keeps each write whole.
 * When the `parallel` line is redirected, each child starts with a copy of
 * the shell's descriptors (vfs_proc_fork()), so it writes to the same open
 * file.
 *
 * Redirection (kshell.h) is taken out of a line after it is split and
 * before the command runs: kshell_redirect() (kshell/cmds_fs.c) opens the
 * file with do_open() in the shell's process, the command's output and
 * input go through that descriptor, and kshell_unredirect() closes it when
 * the command returns.
 */
#include "kshell/kshell.h"
#include "errno.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

typedef struct kshell_command {
	const char *kc_name;
	kshell_cmd_func_t kc_func;
	const char *kc_help;
} kshell_command_t;

static kshell_command_t commands[KSHELL_MAX_COMMANDS];
static int ncommands;
static bool kshell_ready;
static volatile bool halt_requested;

int kshell_add_command(const char *name, kshell_cmd_func_t func, const char *help)
{
	KASSERT(name != NULL && func != NULL);
	for (int i = 0; i < ncommands; i++) {
		if (strcmp(commands[i].kc_name, name) == 0) {
			return -EEXIST;
		}
	}
	if (ncommands == KSHELL_MAX_COMMANDS) {
		return -ENOSPC;
	}
	commands[ncommands++] = (kshell_command_t){name, func, help != NULL ? help : ""};
	return 0;
}

static const kshell_command_t *find_command(const char *name)
{
	for (int i = 0; i < ncommands; i++) {
		if (strcmp(commands[i].kc_name, name) == 0) {
			return &commands[i];
		}
	}
	return NULL;
}

/* Writes to the terminal alone. */
static ssize_t kshell_tty_write(kshell_t *ks, const void *buf, size_t n)
{
	return tty_write(ks->ks_tty, buf, n);
}

ssize_t kshell_write(kshell_t *ks, const void *buf, size_t n)
{
	if (!ks->ks_out_file) {
		return kshell_tty_write(ks, buf, n);
	}
	size_t done = 0;
	while (done < n) {
		ssize_t w = do_write(ks->ks_out_fd, (const char *)buf + done, n - done);
		if (w < 0) {
			return w;
		}
		if (w == 0) {
			return -EIO; /* a file that takes nothing would loop forever */
		}
		done += w;
	}
	return n;
}

ssize_t kshell_read(kshell_t *ks, void *buf, size_t n)
{
	if (ks->ks_in_file) {
		return do_read(ks->ks_in_fd, buf, n);
	}
	return tty_read(ks->ks_tty, buf, n);
}

/* Formats into buf (cut at its size); returns the length. */
static int kshell_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);
	return n > (int)size - 1 ? (int)size - 1 : n;
}

int kshell_printf(kshell_t *ks, const char *fmt, ...)
{
	char buf[KSHELL_LINE_MAX * 2];
	va_list ap;
	va_start(ap, fmt);
	int n = kshell_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ssize_t written = kshell_write(ks, buf, n);
	return written < 0 ? (int)written : n;
}

int kshell_eprintf(kshell_t *ks, const char *fmt, ...)
{
	char buf[KSHELL_LINE_MAX * 2];
	va_list ap;
	va_start(ap, fmt);
	int n = kshell_vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ssize_t written = kshell_tty_write(ks, buf, n);
	return written < 0 ? (int)written : n;
}

static void kshell_printer_write(void *arg, const char *s, size_t n)
{
	kshell_write(arg, s, n);
}

printer_t kshell_printer(kshell_t *ks)
{
	return (printer_t){.pr_write = kshell_printer_write, .pr_arg = ks};
}

void kshell_request_halt(void)
{
	halt_requested = true;
}

bool kshell_halt_requested(void)
{
	return halt_requested;
}

/* Whether the running shell (or command) should stop what it is doing. */
static bool kshell_stopping(void)
{
	return halt_requested || curthr->kt_cancelled;
}

/*
 * Splits 'line' into words in place.  Blanks separate words; quotes ('...'
 * or "...") keep blanks inside one.  quoted[i] says whether word i had a
 * quote in it (a quoted '>' is not a redirection).  Returns the number of
 * words, or -E2BIG for more than KSHELL_MAX_ARGS, -EINVAL for an unclosed
 * quote.
 */
static int split_words(char *line, char **argv, bool *quoted)
{
	int argc = 0;
	char *in = line;
	for (;;) {
		while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r') {
			in++;
		}
		if (*in == '\0') {
			break;
		}
		if (argc == KSHELL_MAX_ARGS) {
			return -E2BIG;
		}
		/* Copy the word down over itself, dropping the quotes. */
		char *out = in;
		quoted[argc] = false;
		argv[argc++] = out;
		char quote = '\0';
		while (*in != '\0') {
			char c = *in;
			if (quote != '\0') {
				in++;
				if (c == quote) {
					quote = '\0';
				} else {
					*out++ = c;
				}
			} else if (c == '\'' || c == '"') {
				quote = c;
				quoted[argc - 1] = true;
				in++;
			} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				break;
			} else {
				*out++ = c;
				in++;
			}
		}
		if (quote != '\0') {
			return -EINVAL;
		}
		bool more = *in != '\0';
		*out = '\0';
		if (more) {
			in++;
		}
		if (!more) {
			break;
		}
	}
	argv[argc] = NULL;
	return argc;
}

int kshell_exec(kshell_t *ks, int argc, char **argv)
{
	if (argc == 0) {
		return 0;
	}
	const kshell_command_t *cmd = find_command(argv[0]);
	if (cmd == NULL) {
		kshell_eprintf(ks, "kshell: no command '%s' (try 'help')\n", argv[0]);
		return -ENOENT;
	}
	dbg(DBG_TTY, "%s: running '%s'\n", ks->ks_tty->tt_name, argv[0]);
	int status = cmd->kc_func(ks, argc, argv);
	if (status < 0) {
		kshell_eprintf(ks, "%s: %s\n", argv[0], errno_name(status));
	}
	return status;
}

/* The redirection sign a word starts with ("<", ">>" or ">"), or NULL. */
static const char *redirect_sign(const char *word)
{
	if (strncmp(word, ">>", 2) == 0) {
		return ">>";
	}
	if (word[0] == '>') {
		return ">";
	}
	if (word[0] == '<') {
		return "<";
	}
	return NULL;
}

/*
 * Takes the redirections (see kshell.h) out of argv, opening their files;
 * returns the number of words left, or -errno (the message is printed).
 */
static int take_redirections(kshell_t *ks, int argc, char **argv, const bool *quoted)
{
	int kept = 0;
	for (int i = 0; i < argc; i++) {
		const char *sign = quoted[i] ? NULL : redirect_sign(argv[i]);
		if (sign == NULL) {
			argv[kept++] = argv[i];
			continue;
		}
		const char *path = argv[i] + strlen(sign);
		if (*path == '\0') {
			if (i + 1 == argc) {
				kshell_eprintf(ks, "kshell: no file name after '%s'\n", sign);
				return -EINVAL;
			}
			path = argv[++i];
		}
		int err = kshell_redirect(ks, sign, path);
		if (err < 0) {
			return err;
		}
	}
	argv[kept] = NULL;
	return kept;
}

int kshell_exec_line(kshell_t *ks, char *line)
{
	char *argv[KSHELL_MAX_ARGS + 1];
	bool quoted[KSHELL_MAX_ARGS];
	int argc = split_words(line, argv, quoted);
	if (argc < 0) {
		kshell_eprintf(ks, "kshell: %s\n",
			       argc == -E2BIG ? "too many words" : "a quote is not closed");
		return argc;
	}
	int status = take_redirections(ks, argc, argv, quoted);
	if (status >= 0) {
		status = kshell_exec(ks, status, argv);
	}
	kshell_unredirect(ks);
	return status;
}

int kshell_run(tty_t *tty)
{
	kshell_t ks = {.ks_tty = tty, .ks_exit = false};
	char line[KSHELL_LINE_MAX];
	int result = 0;
	kshell_printf(&ks, "Keel kernel shell on %s ('help' lists the commands)\n", tty->tt_name);
	while (!ks.ks_exit && !kshell_stopping()) {
		kshell_printf(&ks, "%s> ", tty->tt_name);
		ssize_t n = tty_read(tty, line, sizeof(line) - 1);
		if (n == 0) {
			kshell_printf(&ks, "\n");
			break; /* end of file */
		}
		if (n < 0) {
			if (n != -EINTR) {
				kprintf("kshell: cannot read %s: %s\n", tty->tt_name,
					errno_name(n));
				result = (int)n;
			}
			break;
		}
		line[n] = '\0';
		kshell_exec_line(&ks, line);
	}
	return result;
}

/* The built-in commands. */

static int cmd_help(kshell_t *ks, int argc, char **argv)
{
	for (int i = 0; i < ncommands; i++) {
		kshell_printf(ks, "  %-10s %s\n", commands[i].kc_name, commands[i].kc_help);
	}
	return 0;
}

static int cmd_echo(kshell_t *ks, int argc, char **argv)
{
	char out[KSHELL_LINE_MAX];
	size_t len = 0;
	out[0] = '\0';
	for (int i = 1; i < argc; i++) {
		len = strlcat(out, argv[i], sizeof(out));
		if (i + 1 < argc) {
			len = strlcat(out, " ", sizeof(out));
		}
	}
	len = MIN(len, sizeof(out) - 2);
	out[len] = '\n';
	ssize_t n = kshell_write(ks, out, len + 1);
	return n < 0 ? (int)n : 0;
}

static int cmd_exit(kshell_t *ks, int argc, char **argv)
{
	ks->ks_exit = true;
	return 0;
}

static int cmd_repeat(kshell_t *ks, int argc, char **argv)
{
	char *end;
	long times = argc >= 3 ? strtol(argv[1], &end, 10) : -1;
	if (argc < 3 || *end != '\0' || times < 0) {
		kshell_printf(ks, "usage: repeat N COMMAND [ARG...]\n");
		return -EINVAL;
	}
	int status = 0;
	for (long i = 0; i < times && !kshell_stopping() && !ks->ks_exit; i++) {
		status = kshell_exec(ks, argc - 2, argv + 2);
	}
	return status;
}

/* What a `parallel` child runs: one command, in a shell state of its own. */
typedef struct parallel_job {
	kshell_t pj_shell;
	int pj_argc;
	char **pj_argv;
} parallel_job_t;

static void *parallel_main(long unused, void *arg)
{
	parallel_job_t *job = arg;
	return (void *)(intptr_t)kshell_exec(&job->pj_shell, job->pj_argc, job->pj_argv);
}

static int cmd_parallel(kshell_t *ks, int argc, char **argv)
{
	parallel_job_t jobs[KSHELL_MAX_ARGS / 2 + 1];
	int njobs = 0;
	/* Cut argv at each "--" into the jobs' argument vectors. */
	int start = 1;
	for (int i = 1; i <= argc; i++) {
		if (i < argc && strcmp(argv[i], "--") != 0) {
			continue;
		}
		if (i > start) {
			jobs[njobs] = (parallel_job_t){*ks, i - start, argv + start};
			njobs++;
		}
		if (i < argc) {
			argv[i] = NULL; /* each job's argv ends where the next begins */
		}
		start = i + 1;
	}
	if (njobs == 0) {
		kshell_printf(ks, "usage: parallel COMMAND [ARG...] [-- COMMAND [ARG...]]...\n");
		return -EINVAL;
	}

	pid_t pids[ARRAY_SIZE(jobs)];
	int started = 0, status = 0;
	for (int j = 0; j < njobs; j++) {
		char name[PROC_NAME_LEN];
		snprintf(name, sizeof(name), "kshell-%s", jobs[j].pj_argv[0]);
		proc_t *p = proc_create(name);
		if (p == NULL) {
			status = -ENOMEM;
			break;
		}
		if (ks->ks_in_file || ks->ks_out_file) {
			/* The child writes and reads through the same descriptors. */
			vfs_proc_fork(curproc, p);
		}
		kthread_t *thr = kthread_create(p, parallel_main, 0, &jobs[j]);
		if (thr == NULL) {
			/* A process with no thread never exits, and nothing can destroy it. */
			panic("parallel: no memory for the thread of process %d", p->p_pid);
		}
		pids[started++] = p->p_pid;
		sched_make_runnable(thr);
	}
	/*
	 * The jobs use this stack frame: wait for every one, even when this
	 * thread is cancelled (then waitpid returns -EINTR at once; yield so
	 * that the job can run to its end).
	 */
	for (int j = 0; j < started; j++) {
		int child_status = 0;
		while (do_waitpid(pids[j], &child_status, 0) == -EINTR) {
			sched_yield();
		}
		if (child_status != 0 && status == 0) {
			status = child_status > 0 ? child_status : 1;
		}
	}
	return status;
}

void kshell_init(void)
{
	if (kshell_ready) {
		return;
	}
	kshell_ready = true;
	kshell_add_command("help", cmd_help, "lists the commands");
	kshell_add_command("echo", cmd_echo, "echo WORD...: prints the words");
	kshell_add_command("exit", cmd_exit, "ends this shell");
	kshell_add_command("repeat", cmd_repeat, "repeat N CMD...: runs CMD N times");
	kshell_add_command("parallel", cmd_parallel,
			   "parallel CMD... -- CMD...: runs each CMD in its own process");
	kshell_sys_commands_init();
	kshell_dev_commands_init();
	kshell_fs_commands_init();
}

/*
 * Starting the shells: what init runs when no tests were asked for, a
 * kernel shell on every terminal.
 *
 * This is the strong definition of initproc_run() (kernel/proc/procboot.c
 * has a weak one for kernels without a shell).  init has already run
 * drivers_init(), so the terminals exist: the VGA virtual terminals tty0,
 * tty1, tty2 and the serial port's ttyS0.  Each gets a process of its own,
 * "kshell tty0" and so on, a child of init.
 *
 * init then reaps children until none is left.  That also reaps the
 * orphans init inherits along the way (a process whose parent exited goes
 * to init).  When the last shell has exited (`exit` in each, or `halt` in
 * one, which ends them all), initproc_run() returns, init exits, and the
 * idle process halts the machine: "keel: halted cleanly".
 */
static void *kshell_main(long unused, void *arg)
{
	return (void *)(intptr_t)kshell_run(arg);
}

void *initproc_run(long arg1, void *arg2)
{
	kshell_init();
	int started = 0;
	for (int i = 0; i < tty_count(); i++) {
		tty_t *tty = tty_at(i);
		char name[PROC_NAME_LEN];
		snprintf(name, sizeof(name), "kshell %s", tty->tt_name);
		proc_t *p = proc_create(name);
		if (p == NULL) {
			kprintf("kshell: cannot create a process for %s\n", tty->tt_name);
			continue;
		}
		kthread_t *thr = kthread_create(p, kshell_main, 0, tty);
		if (thr == NULL) {
			panic("kshell: no memory for the thread of '%s'", name);
		}
		sched_make_runnable(thr);
		started++;
	}
	if (tty_count() == 0) {
		/* A kernel whose DRIVERS stage is not written yet has no terminals. */
		kprintf("keel: no terminal for a kernel shell: the terminals come with the DRIVERS "
			"stage\n");
		kprintf("keel: to run your code, run its tests: make test-stage STAGE=procs (or "
			"your stage)\n");
	} else {
		kprintf("keel: %d kernel shells started\n", started);
	}
	int status;
	while (do_waitpid(-1, &status, 0) > 0) {
	}
	return NULL;
}
