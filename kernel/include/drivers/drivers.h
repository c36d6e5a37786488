/*
 * Bringing up the devices.  (Support code.)
 *
 * drivers_init() runs in the init process before the kernel tests or the
 * kernel shell, once threads exist (drivers sleep on wait queues and lock
 * mutexes).  In order: the PCI scan, /dev/null and /dev/zero, the virtual
 * terminals and the keyboard, the serial port's terminal, the tty signal
 * thread and /dev/tty (tty_signals_init()), the ATA disks.  It creates no
 * process and one thread (the tty signal thread, in the idle process):
 * after it, the kernel is what it was, plus devices, their interrupt
 * handlers and that thread.
 */
#ifndef KEEL_DRIVERS_DRIVERS_H
#define KEEL_DRIVERS_DRIVERS_H

void drivers_init(void);

#endif
