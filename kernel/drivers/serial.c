/*
 * COM1 (support code; see drivers/serial.h).
 *
 * Output is polled.  Each byte waits for the transmit holding register to
 * empty (LSR bit 5); serial_flush() waits for the shift register too (LSR
 * bit 6), so that nothing is lost when the emulator exits right after the
 * last message.  Polling keeps kernel messages, tty output and echo in one
 * order whatever context writes them; at 115200 baud a byte takes under
 * 0.1 ms, and an emulated UART takes it at once.
 *
 * Input is interrupt-driven.  With IER bit 0 set the UART raises IRQ 4
 * when the receive buffer holds a byte, and the handler drains every
 * waiting byte into ttyS0's line discipline.  The FIFOs stay off: the UART
 * then holds one received byte, and an emulator keeps the rest on the host
 * side until the guest takes it, so a script can send a whole session at
 * once and lose nothing.  (Turning the FIFOs on or off empties them, which
 * is why serial_init() first saves a byte that arrived during the boot.
 * Real hardware at 115200 baud would want the FIFO back, to survive
 * interrupts being masked for more than a byte's time.)
 *
 * Holding input back.  A script may send many lines before the shell reads
 * the first.  When completed lines fill the line discipline (ldisc_full()),
 * the handler stops taking bytes and switches the receive interrupt off:
 * the bytes stay in the UART (and the emulator stops feeding it while its
 * FIFO is full, so nothing is lost on the host side either).  After the
 * next read, the tty calls serial_input_room(), which takes the waiting
 * bytes and switches the interrupt back on.  A person typing a line longer
 * than the buffer still loses characters, as on the VGA terminals: only
 * completed lines are a reason to wait.
 */
#include "drivers/serial.h"
#include "boot/interrupt.h"
#include "drivers/dev.h"
#include "drivers/tty.h"
#include "errno.h"
#include "io.h"
#include "util/kprintf.h"

#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define IER_RX_AVAILABLE 0x01
#define LSR_DATA_READY 0x01
#define LSR_THRE 0x20 /* transmit holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty */

static bool serial_present;
static tty_t serial_tty_dev;
static bool serial_tty_ready;
static bool rx_held_back;
static char early_input[16]; /* received before the FIFOs were turned on */
static size_t early_count;
uint32_t serial_rx_count;

static console_t serial_console = {
    .cn_name = "serial",
    .cn_write = serial_write,
};

void serial_init(void)
{
	/*
	 * Changing the FIFO mode empties the receiver, and bytes may already
	 * wait there (the emulator feeds the UART from the moment it starts):
	 * keep them for ttyS0.
	 */
	while (early_count < sizeof(early_input) && inb(COM1_PORT + UART_LSR) != 0xff &&
	       (inb(COM1_PORT + UART_LSR) & LSR_DATA_READY)) {
		early_input[early_count++] = (char)inb(COM1_PORT + UART_DATA);
	}
	outb(COM1_PORT + UART_IER, 0x00);  /* no interrupts yet */
	outb(COM1_PORT + UART_LCR, 0x80);  /* DLAB on: set the divisor */
	outb(COM1_PORT + UART_DATA, 0x01); /* 115200 baud */
	outb(COM1_PORT + UART_IER, 0x00);
	outb(COM1_PORT + UART_LCR, 0x03); /* 8 bits, no parity, one stop bit */
	outb(COM1_PORT + UART_FCR, 0x00); /* FIFOs off: see the top of the file */
	outb(COM1_PORT + UART_MCR, 0x0b); /* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
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

/* The interrupt-driven side. */

/* Moves waiting bytes into ttyS0 until none is left or the tty is full.  Interrupts masked. */
static void serial_receive(void)
{
	while (inb(COM1_PORT + UART_LSR) & LSR_DATA_READY) {
		if (tty_input_full(&serial_tty_dev)) {
			rx_held_back = true;
			outb(COM1_PORT + UART_IER, 0x00);
			return;
		}
		char c = (char)inb(COM1_PORT + UART_DATA);
		serial_rx_count++;
		tty_receive_char(&serial_tty_dev, c);
	}
}

static void serial_intr(regs_t *regs)
{
	serial_receive();
}

/* One write comes out whole: echo from the interrupt handler waits until it is done. */
static void serial_tty_output(tty_t *tty, const char *buf, size_t n)
{
	uint32_t flags = intr_save();
	serial_write(buf, n);
	intr_restore(flags);
}

static void serial_input_room(tty_t *tty)
{
	uint32_t flags = intr_save();
	if (rx_held_back && !tty_input_full(tty)) {
		rx_held_back = false;
		outb(COM1_PORT + UART_IER, IER_RX_AVAILABLE);
		serial_receive();
	}
	intr_restore(flags);
}

static const tty_ops_t serial_tty_ops = {
    .output = serial_tty_output,
    .input_room = serial_input_room,
};

void serial_tty_init(void)
{
	if (!serial_present || serial_tty_ready) {
		return;
	}
	tty_init(&serial_tty_dev, "ttyS0", &serial_tty_ops, NULL);
	int err = tty_register(&serial_tty_dev, TTY_SERIAL_MINOR);
	if (err != 0) {
		kprintf("serial: could not register ttyS0: %s\n", errno_name(-err));
		return;
	}
	serial_tty_ready = true;
	uint32_t flags = intr_save();
	for (size_t i = 0; i < early_count; i++) {
		tty_receive_char(&serial_tty_dev, early_input[i]);
	}
	early_count = 0;
	intr_register(IRQ_BASE + IRQ_COM1, serial_intr);
	outb(COM1_PORT + UART_IER, IER_RX_AVAILABLE);
	irq_enable(IRQ_COM1);
	serial_receive();
	intr_restore(flags);
}

tty_t *serial_tty(void)
{
	return serial_tty_ready ? &serial_tty_dev : NULL;
}
