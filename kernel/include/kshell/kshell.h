/*
 * The kernel shell (kshell): a read-eval-print loop on a terminal, inside
 * the kernel.
 *
 * Booting without test= starts one kshell per terminal (the VGA virtual
 * terminals and the serial port); init waits for all of them and the
 * machine halts when the last one exits.  A line is split into words at
 * blanks ('single' or "double" quotes keep blanks inside a word); the first
 * word names a command.
 *
 * Built in:
 *   help                       the commands and what they do
 *   echo WORD...               prints the words
 *   exit                       ends this shell
 *   repeat N CMD...            runs CMD N times
 *   parallel CMD... -- CMD...  runs each command in a process of its own
 *                              and waits for all of them
 *
 * Subsystems add commands with kshell_add_command(): `ps`, `mem`, `sleep`,
 * `halt` and `test` come with the shell; the drivers add `devices`,
 * `lspci`, `disks` and the block commands; the VFS stage adds the file
 * commands (kshell/cmds_fs.c: ls, cat, mkdir, cd, ...).
 *
 * Redirection.  Any command line may end with (or contain) the words
 * `> FILE` (output to FILE, created or emptied), `>> FILE` (output added
 * at FILE's end) and `< FILE` (input from FILE); the file name may also
 * follow the sign in the same word (`>FILE`).  A quoted sign ('>') is an
 * ordinary word.  While the command runs, what it prints with
 * kshell_printf() or kshell_write() goes to the file, and what it reads
 * with kshell_read() comes from the file; error messages (kshell_eprintf())
 * still go to the terminal.  A file that cannot be opened is reported as
 * "kshell: FILE: ENAME" (a sign with no name after it as "kshell: no file
 * name after '>'") and the command does not run.  Relative names are taken from the shell's
 * current directory: each shell runs in a process of its own, so each has
 * its own (`cd` in one does not move the others).
 */
#ifndef KEEL_KSHELL_KSHELL_H
#define KEEL_KSHELL_KSHELL_H

#include "drivers/tty.h"
#include "types.h"
#include "util/kprintf.h"

#define KSHELL_LINE_MAX 256
#define KSHELL_MAX_ARGS 32
#define KSHELL_MAX_COMMANDS 64

typedef struct kshell {
	tty_t *ks_tty; /* where the shell reads and writes */
	bool ks_exit;  /* set by `exit`: the loop ends after this command */
	/*
	 * Redirection (`< FILE`, `> FILE`, `>> FILE`) while one command line
	 * runs: when ks_in_file (ks_out_file) is set, input (output) goes
	 * through descriptor ks_in_fd (ks_out_fd) of the shell's process
	 * instead of the terminal.  A zeroed kshell_t has no redirection.
	 */
	bool ks_in_file;
	bool ks_out_file;
	int ks_in_fd;
	int ks_out_fd;
} kshell_t;

/*
 * A command: argv[0] is its name, argv[argc] is NULL.  Returns 0 on
 * success, a positive status or -errno on failure (the shell reports
 * -errno by name).  Output goes through kshell_printf() to the shell's
 * terminal; commands may sleep.
 */
typedef int (*kshell_cmd_func_t)(kshell_t *ks, int argc, char **argv);

/*
 * Adds command 'name' ('name' and 'help' are not copied: pass string
 * constants).  Returns 0, -EEXIST if the name is taken, -ENOSPC when the
 * table (KSHELL_MAX_COMMANDS) is full.  May be called before kshell_init().
 */
int kshell_add_command(const char *name, kshell_cmd_func_t func, const char *help);

/* Adds the built-in and standard commands (once; later calls do nothing). */
void kshell_init(void);

/*
 * Runs a shell on 'tty' until `exit`, end of file (^D on an empty line),
 * `halt`, or a cancellation of the running thread.  Returns 0, or the
 * -errno that made reading the terminal fail.
 */
int kshell_run(tty_t *tty);

/* Runs one line (modified in place: it is split into words).  Returns the command's status. */
int kshell_exec_line(kshell_t *ks, char *line);

/* Runs the command argv[0].  Returns its status, or -ENOENT for no such command. */
int kshell_exec(kshell_t *ks, int argc, char **argv);

/*
 * Formatted output of a command (at most KSHELL_LINE_MAX * 2 bytes a
 * call): to the shell's terminal, or to the file its output is redirected
 * to.  Returns the number of bytes written or -errno.
 */
int kshell_printf(kshell_t *ks, const char *fmt, ...) __printf(2, 3);

/* Writes n bytes of a command's output, as kshell_printf() does.  Returns n or -errno. */
ssize_t kshell_write(kshell_t *ks, const void *buf, size_t n);

/*
 * An error message: always to the shell's terminal, even when the
 * command's output is redirected (as a Unix shell's standard error).
 */
int kshell_eprintf(kshell_t *ks, const char *fmt, ...) __printf(2, 3);

/*
 * Reads a command's input: from the file given with `< FILE`, else one
 * line from the terminal.  Returns the bytes read, 0 at the end of the
 * input (the file's end, or ^D on an empty line), or -errno.
 */
ssize_t kshell_read(kshell_t *ks, void *buf, size_t n);

/* A printer (util/kprintf.h) that writes to the shell's terminal, for reports like
 * proc_print_all(). */
printer_t kshell_printer(kshell_t *ks);

/*
 * `halt`: asks every shell to end and every other process to exit, so that
 * init finds them all gone and the machine halts cleanly.
 */
void kshell_request_halt(void);
bool kshell_halt_requested(void);

/* Command sets, added by kshell_init(). */
void kshell_sys_commands_init(void);
void kshell_dev_commands_init(void);
void kshell_fs_commands_init(void);

/*
 * Redirection, for the line parser (kshell/cmds_fs.c).  kshell_redirect()
 * opens 'path' for the sign 'op' ("<", ">" or ">>") and records the
 * descriptor in 'ks' (a second one of the same direction replaces the
 * first).  Returns 0 or -errno, after printing "kshell: PATH: ENAME" on
 * the terminal.  kshell_unredirect() closes whatever kshell_redirect()
 * opened; the shell calls it after every command line.
 */
int kshell_redirect(kshell_t *ks, const char *op, const char *path);
void kshell_unredirect(kshell_t *ks);

#endif
