/*
 * Leaving the machine.
 *
 * shutdown() prints the reason and stops the emulator: QEMU through its
 * isa-debug-exit device at port 0xf4 (a guest value v exits QEMU with status
 * (v << 1) | 1), Bochs through its shutdown port 0x8900.  On hardware without
 * either it tries the ACPI-less resets (keyboard controller, port 0xCF9) for
 * a reboot, and otherwise halts with interrupts off.
 */
#ifndef KEEL_MAIN_SHUTDOWN_H
#define KEEL_MAIN_SHUTDOWN_H

#include "types.h"

/* Guest values for isa-debug-exit, and the host exit statuses they give. */
#define SHUTDOWN_OK 0x10          /* status 33: clean halt, every test passed */
#define SHUTDOWN_TESTS_FAILED 0x11 /* status 35: some test failed */
#define SHUTDOWN_PANIC 0x12       /* status 37: panic outside a test */
#define SHUTDOWN_LEAKS 0x13       /* status 39: halt found vnodes still referenced */

/* Prints "keel: halted cleanly" (for SHUTDOWN_OK) and leaves the emulator. */
void shutdown(uint8_t code) __noreturn;

/* Resets the machine (used by the test harness to go on after a panic). */
void machine_reset(void) __noreturn;

#endif
