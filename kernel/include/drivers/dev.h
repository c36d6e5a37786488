/*
 * Device ids.
 *
 * A device is named by a major number (which driver: the memory devices,
 * the terminals, the ATA disks) and a minor number (which device of that
 * driver).  The encoding is Linux's old 16-bit one (major << 8 | minor), the
 * one stat() reports on i386, so the numbers a program sees are the same on
 * Keel as on Linux's layout.  Byte devices and block devices have separate
 * id spaces: a block device and a byte device may share an id.
 */
#ifndef KEEL_DRIVERS_DEV_H
#define KEEL_DRIVERS_DEV_H

#include "types.h"

typedef uint32_t devid_t;

#define MKDEVID(major, minor) ((devid_t)(((major) << 8) | (minor)))
#define DEVID_MAJOR(id) ((unsigned)(id) >> 8)
#define DEVID_MINOR(id) ((unsigned)(id)&0xff)

/* No device. */
#define NULL_DEVID ((devid_t)0)

/* Byte devices. */
#define MEM_MAJOR 1 /* minor 0: /dev/null, 1: /dev/zero */
#define TTY_MAJOR 2 /* minors 0..VTERM_COUNT-1: tty0.., TTY_SERIAL_MINOR: ttyS0 */
#define TTY_SERIAL_MINOR 64
#define CTTY_MAJOR 5 /* minor 0: /dev/tty, the caller's controlling terminal */
#define DEVID_NULL MKDEVID(MEM_MAJOR, 0)
#define DEVID_ZERO MKDEVID(MEM_MAJOR, 1)
#define DEVID_CTTY MKDEVID(CTTY_MAJOR, 0)

/* Block devices. */
#define DISK_MAJOR 3 /* minors 0..3: hda (primary master) .. hdd (secondary slave) */

/* Device names ("hda", "tty0") are at most DEV_NAME_LEN - 1 characters. */
#define DEV_NAME_LEN 16

/* 'name' without a leading "/dev/": the short name a device registers. */
static inline const char *dev_name_strip(const char *name)
{
	const char *prefix = "/dev/";
	int i = 0;
	while (prefix[i] != '\0' && name[i] == prefix[i]) {
		i++;
	}
	return prefix[i] == '\0' ? name + i : name;
}

#endif
