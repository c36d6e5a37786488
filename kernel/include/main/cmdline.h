/*
 * The kernel command line: whitespace-separated key=value words, as GRUB's
 * "multiboot /keel.elf test=base.* dbg=mm" or QEMU's -append give them.
 * QEMU puts the kernel's file name first; words without '=' are ignored, so
 * the parser never depends on positions.  A later word overrides an earlier
 * one with the same key.
 */
#ifndef KEEL_MAIN_CMDLINE_H
#define KEEL_MAIN_CMDLINE_H

#include "types.h"

#define CMDLINE_MAX 512
#define CMDLINE_MAX_ARGS 32

typedef struct cmdline {
	char cl_buf[CMDLINE_MAX];
	int cl_nargs;
	const char *cl_key[CMDLINE_MAX_ARGS];
	const char *cl_value[CMDLINE_MAX_ARGS];
} cmdline_t;

/*
 * Parses 'text' into 'cl' (text is copied; a line longer than CMDLINE_MAX
 * is truncated at a word boundary and extra words past CMDLINE_MAX_ARGS
 * are dropped).  Returns the number of key=value words kept.
 */
int cmdline_parse(cmdline_t *cl, const char *text);
/* The value of 'key', or NULL when absent.  "key=" gives "". */
const char *cmdline_get(const cmdline_t *cl, const char *key);
/* The value of 'key' as an integer, or 'dflt' when absent or not a number. */
long cmdline_get_int(const cmdline_t *cl, const char *key, long dflt);

/* The kernel's own command line, parsed at boot. */
extern cmdline_t kernel_cmdline;

#endif
