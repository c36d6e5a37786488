/*
 * The 16550 UART on COM1 (port 0x3f8), 115200 baud, 8N1.  (Support code.)
 *
 * Two sides.  Output is polled: each byte waits until the transmitter can
 * take it, so kprintf() works anywhere, from the first line of kmain() to a
 * panic with interrupts off, and messages come out in the order they were
 * written.  Input is interrupt-driven: once serial_tty_init() has run, the
 * UART interrupts (IRQ 4) when a byte arrives, and the byte goes to the
 * serial port's tty, ttyS0, so the serial port is a terminal like the VGA
 * ones (a kernel shell runs on it; a script can drive it headlessly).
 */
#ifndef KEEL_DRIVERS_SERIAL_H
#define KEEL_DRIVERS_SERIAL_H

#include "types.h"

#define COM1_PORT 0x3f8

struct tty;

void serial_init(void);
void serial_putc(char c);
/* Writes n bytes, turning each '\n' into "\r\n". */
void serial_write(const char *s, size_t n);
/* Waits until the transmitter has sent every byte (LSR bit 6). */
void serial_flush(void);

/*
 * Registers ttyS0 (MKDEVID(TTY_MAJOR, TTY_SERIAL_MINOR)) and turns on the
 * receive interrupt.  Does nothing when there is no UART.
 */
void serial_tty_init(void);

/* ttyS0, or NULL before serial_tty_init() or without a UART. */
struct tty *serial_tty(void);

/* Bytes received through the interrupt since boot. */
extern uint32_t serial_rx_count;

#endif
