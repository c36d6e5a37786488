/*
 * Bringing up the devices.  (Support code.)
 *
 * drivers_init() runs in the init process before the kernel tests or the
 * kernel shell, once threads exist (drivers sleep on wait queues and lock
 * mutexes).  In order: the PCI scan, /dev/null and /dev/zero, the virtual
 * terminals and the keyboard, the serial port's terminal, the ATA disks.
 * It creates no thread or process: after it, the kernel is what it was,
 * plus devices and their interrupt handlers.
 */
#ifndef KEEL_DRIVERS_DRIVERS_H
#define KEEL_DRIVERS_DRIVERS_H

void drivers_init(void);

#endif
