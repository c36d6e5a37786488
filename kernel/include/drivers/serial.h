/*
 * The 16550 UART on COM1 (port 0x3f8), 115200 baud, 8N1.  At boot output is
 * polled; the interrupt-driven side (a terminal) comes with DRIVERS.
 */
#ifndef KEEL_DRIVERS_SERIAL_H
#define KEEL_DRIVERS_SERIAL_H

#include "types.h"

#define COM1_PORT 0x3f8

void serial_init(void);
void serial_putc(char c);
void serial_write(const char *s, size_t n);
/* Waits until the transmitter has sent every byte (LSR bit 6). */
void serial_flush(void);

#endif
