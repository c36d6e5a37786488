/*
 * The VGA text screen, 80x25 at physical 0xB8000.  (Support code.)
 *
 * The hardware shows one screenful of cells (character and colour).  Keel
 * draws into screens (vga_screen_t): off-screen copies of that grid, each
 * with its own cursor.  One screen at a time is visible; writing to it also
 * writes the hardware, and vga_screen_show() copies another screen onto the
 * hardware.  The virtual terminals (drivers/vterm.h) are three screens.
 *
 * The boot console is one screen too: vga_write() (what kprintf() calls)
 * draws on it.  Virtual terminal 0 adopts it, so the boot messages stay on
 * the first terminal.
 *
 * Every function here masks interrupts while it draws: kprintf() may be
 * called from an interrupt handler, and the keyboard handler echoes.
 */
#ifndef KEEL_DRIVERS_VGA_H
#define KEEL_DRIVERS_VGA_H

#include "types.h"

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR_DEFAULT 0x07 /* light grey on black */

typedef struct vga_screen {
	uint16_t vs_cells[VGA_ROWS * VGA_COLS]; /* attribute << 8 | character */
	int vs_row, vs_col;                     /* the cursor */
	uint8_t vs_attr;                        /* the attribute new characters get */
} vga_screen_t;

/* Clears the boot console screen, shows it, and registers it as a console. */
void vga_init(void);
/* Writes to the boot console screen. */
void vga_write(const char *s, size_t n);
void vga_clear(void);

/* The boot console's screen (virtual terminal 0 draws on it). */
vga_screen_t *vga_console_screen(void);

/* Makes 's' a blank screen with the cursor at the top left. */
void vga_screen_init(vga_screen_t *s);

/*
 * Draws n bytes on 's' at its cursor.  '\n' starts a new line, '\r' goes
 * to column 0, '\b' moves one column left (it does not erase), '\t' goes to
 * the next multiple of 8; other bytes are drawn as they are.  Reaching the
 * bottom scrolls the screen up a line.
 */
void vga_screen_write(vga_screen_t *s, const char *buf, size_t n);

/* Moves the cursor of 's' to (row, col), each clamped to the screen. */
void vga_screen_move(vga_screen_t *s, int row, int col);

/* Blanks the cells from..to-1 of 's' (a cell's index: row * VGA_COLS + col). */
void vga_screen_erase(vga_screen_t *s, int from, int to);

/* Blanks 's' and puts its cursor at the top left. */
void vga_screen_clear(vga_screen_t *s);

/* Makes 's' the visible screen: copies its cells and cursor to the hardware. */
void vga_screen_show(vga_screen_t *s);

/* The visible screen. */
vga_screen_t *vga_visible_screen(void);

/* The character at (row, col) of 's' (for tests and debugging). */
char vga_screen_char(const vga_screen_t *s, int row, int col);

#endif
