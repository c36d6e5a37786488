/*
 * The kernel shell's core on a pretend terminal: lines typed in, output
 * read back.  Built-ins (echo, repeat, parallel, exit), an unknown
 * command, and end of file ending the shell.
 */
#include "kshell/kshell.h"
#include "dtest.h"
#include "proc/proc.h"
#include "test/ktest.h"
#include "util/string.h"

static dtest_term_t term;

/* The number of times 'needle' occurs in 'hay'. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle)) {
		n++;
	}
	return n;
}

KTEST(kshell_builtins, "drivers.kshell.echo_repeat_exit")
{
	kshell_init();
	dtest_term_init(&term, "ttyK");
	dtest_type(&term, "echo hello   'big  world'\nrepeat 3 echo again\nexit\necho never\n");
	dtest_term_clear(&term);
	KT_CHECK_EQ(kshell_run(&term.ft_tty), 0);
	bool ok = KT_CHECK(strstr(term.ft_out, "ttyK> hello big  world\n") != NULL);
	ok &= KT_CHECK(strstr(term.ft_out, "ttyK> again\nagain\nagain\nttyK> ") != NULL);
	ok &= KT_CHECK(strstr(term.ft_out, "never") == NULL);
	if (!ok) {
		ktest_note("output: %s", term.ft_out);
	}
}

KTEST(kshell_parallel, "drivers.kshell.parallel")
{
	kshell_init();
	dtest_term_init(&term, "ttyK");
	int before = proc_count();
	dtest_type(&term, "parallel echo one -- echo two -- repeat 2 echo three\n\x04");
	dtest_term_clear(&term);
	KT_CHECK_EQ(kshell_run(&term.ft_tty), 0);
	KT_CHECK_EQ(count_of(term.ft_out, "one\n"), 1);
	KT_CHECK_EQ(count_of(term.ft_out, "two\n"), 1);
	KT_CHECK_EQ(count_of(term.ft_out, "three\n"), 2);
	/* Every job's process was reaped. */
	KT_CHECK_EQ(proc_count(), before);
}

KTEST(kshell_unknown_and_eof, "drivers.kshell.unknown_command_and_eof")
{
	kshell_init();
	dtest_term_init(&term, "ttyK");
	dtest_type(&term, "nosuchcommand 1 2\nrepeat x echo\n\x04");
	dtest_term_clear(&term);
	KT_CHECK_EQ(kshell_run(&term.ft_tty), 0);
	KT_CHECK(strstr(term.ft_out, "no command 'nosuchcommand'") != NULL);
	KT_CHECK(strstr(term.ft_out, "usage: repeat") != NULL);
	/* Two prompts after the banner... and a third that end of file answered. */
	KT_CHECK_EQ(count_of(term.ft_out, "ttyK> "), 3);
}
