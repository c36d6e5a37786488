/* Leaving the machine; see main/shutdown.h. */
#include "main/shutdown.h"
#include "boot/interrupt.h"
#include "drivers/serial.h"
#include "io.h"
#include "util/kprintf.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define BOCHS_SHUTDOWN_PORT 0x8900
#define KBC_STATUS 0x64
#define KBC_RESET 0xfe
#define PIIX_RESET_CONTROL 0xcf9

void machine_reset(void)
{
	intr_disable();
	serial_flush();
	/* PIIX reset control register: a hard reset. */
	outb(PIIX_RESET_CONTROL, 0x02);
	outb(PIIX_RESET_CONTROL, 0x06);
	/* The keyboard controller's reset line. */
	for (int i = 0; i < 100000 && (inb(KBC_STATUS) & 0x02) != 0; i++) {
	}
	outb(KBC_STATUS, KBC_RESET);
	/* A triple fault: no IDT, then an exception. */
	struct {
		uint16_t limit;
		uint32_t base;
	} __packed empty = {0, 0};
	__asm__ volatile("lidt %0; int3" : : "m"(empty));
	for (;;) {
		cpu_halt();
	}
}

void shutdown(uint8_t code)
{
	intr_disable();
	if (code == SHUTDOWN_OK) {
		kprintf("keel: halted cleanly\n");
	} else if (code == SHUTDOWN_TESTS_FAILED) {
		kprintf("keel: halted (tests failed)\n");
	} else if (code == SHUTDOWN_LEAKS) {
		kprintf("keel: halted with vnodes still referenced\n");
	} else {
		kprintf("keel: halted after a panic\n");
	}
	serial_flush();
	outb(QEMU_DEBUG_EXIT_PORT, code);
	const char *bochs = "Shutdown";
	for (const char *p = bochs; *p != '\0'; p++) {
		outb(BOCHS_SHUTDOWN_PORT, *p);
	}
	/* Neither emulator stopped us: real hardware, or QEMU without isa-debug-exit. */
	machine_reset();
}
