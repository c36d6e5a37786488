/*
 * The memory devices: byte devices with no hardware behind them
 * (implemented in kernel/drivers/bytedev.c).
 *
 *   /dev/null  (DEVID_NULL)  reads give end of file (0 bytes); writes
 *                            succeed and the bytes vanish
 *   /dev/zero  (DEVID_ZERO)  reads fill the whole buffer with zero bytes;
 *                            writes succeed and the bytes vanish
 */
#ifndef KEEL_DRIVERS_MEMDEVS_H
#define KEEL_DRIVERS_MEMDEVS_H

/* Registers /dev/null and /dev/zero. */
void memdevs_init(void);

#endif
