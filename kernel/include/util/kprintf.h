/*
 * Formatted output.  The conversions are C's: %d %i %u %x %X %o %c %s %p %%,
 * with flags '-' '0' '+' ' ' '#', a field width and precision (numbers or
 * '*'), and the length modifiers hh, h, l, ll and z.
 *
 * kprintf() writes to every console: the serial port COM1 and the VGA
 * screen.  It may be called from interrupt context and before memory
 * management is up; it never allocates.
 */
#ifndef KEEL_UTIL_KPRINTF_H
#define KEEL_UTIL_KPRINTF_H

#include "types.h"

/*
 * Like C's: writes at most size bytes including the NUL and returns the
 * length the full output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

int vkprintf(const char *fmt, va_list ap);
int kprintf(const char *fmt, ...) __printf(1, 2);

/* Writes n bytes to every console. */
void kputs_n(const char *s, size_t n);

/*
 * A console is where kernel messages go.  Drivers register one with
 * console_register(); kprintf() writes to each in registration order.
 */
typedef struct console {
	const char *cn_name;
	void (*cn_write)(const char *s, size_t n);
	struct console *cn_next; /* owned by kprintf.c */
} console_t;

void console_register(console_t *cn);

/*
 * A destination for reports such as the process table or the slab caches:
 * the consoles (kprintf_printer), or one kernel shell's terminal.  Each
 * pr_printf() formats into a line-sized buffer and hands it to pr_write.
 */
typedef struct printer {
	void (*pr_write)(void *arg, const char *s, size_t n);
	void *pr_arg;
} printer_t;

extern const printer_t kprintf_printer;
int pr_printf(const printer_t *pr, const char *fmt, ...) __printf(2, 3);

/*
 * Every message kprintf() writes is also kept in a ring buffer (the kernel
 * log), which GDB's kdmesg command prints.
 */
#define KLOG_SIZE 16384
extern char klog_buf[KLOG_SIZE];
extern uint32_t klog_head; /* total bytes ever written; the ring index is klog_head % KLOG_SIZE */

#endif
