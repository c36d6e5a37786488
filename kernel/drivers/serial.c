/*
 * COM1, polled.  Output waits for the transmit holding register to empty
 * (LSR bit 5) before each byte; serial_flush() waits for the shift register
 * too (LSR bit 6), so that nothing is lost when the emulator exits right
 * after the last message.
 */
#include "drivers/serial.h"
#include "io.h"
#include "util/kprintf.h"

#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty */

static bool serial_present;

static console_t serial_console = {
	.cn_name = "serial",
	.cn_write = serial_write,
};

void serial_init(void)
{
	outb(COM1_PORT + UART_IER, 0x00);  /* no interrupts yet */
	outb(COM1_PORT + UART_LCR, 0x80);  /* DLAB on: set the divisor */
	outb(COM1_PORT + UART_DATA, 0x01); /* 115200 baud */
	outb(COM1_PORT + UART_IER, 0x00);
	outb(COM1_PORT + UART_LCR, 0x03);  /* 8 bits, no parity, one stop bit */
	outb(COM1_PORT + UART_FCR, 0xc7);  /* FIFOs on and cleared, 14-byte threshold */
	outb(COM1_PORT + UART_MCR, 0x0b);  /* DTR, RTS, OUT2 */
	/* A missing UART reads as all ones. */
	serial_present = inb(COM1_PORT + UART_LSR) != 0xff;
	if (serial_present) {
		console_register(&serial_console);
	}
}

void serial_putc(char c)
{
	if (!serial_present) {
		return;
	}
	while ((inb(COM1_PORT + UART_LSR) & LSR_THRE) == 0) {
	}
	outb(COM1_PORT + UART_DATA, c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			serial_putc('\r');
		}
		serial_putc(s[i]);
	}
}

void serial_flush(void)
{
	if (!serial_present) {
		return;
	}
	while ((inb(COM1_PORT + UART_LSR) & LSR_TEMT) == 0) {
	}
}
