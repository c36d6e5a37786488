/*
 * The VGA text screen, 80x25 at physical 0xB8000, as a boot console: it
 * writes, scrolls and moves the hardware cursor.  DRIVERS builds virtual
 * terminals on it.
 */
#ifndef KEEL_DRIVERS_VGA_H
#define KEEL_DRIVERS_VGA_H

#include "types.h"

#define VGA_COLS 80
#define VGA_ROWS 25

void vga_init(void);
void vga_write(const char *s, size_t n);
void vga_clear(void);

#endif
