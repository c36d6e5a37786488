/*
 * Virtual terminals on the VGA screen and the keyboard.  (Support code.)
 *
 * VTERM_COUNT terminals share the one screen and the one keyboard.  Each
 * has its own screen contents and cursor (a vga_screen_t) and its own tty
 * (tty0, tty1, ...).  One of them is active: it is on the screen and the
 * keyboard types into it.  Alt+F1, Alt+F2, Alt+F3 make terminal 0, 1, 2
 * active.  Output to a terminal that is not active is kept and appears when
 * it becomes active again.
 *
 * Terminal 0 is also the kernel console: kprintf() draws on its screen.
 */
#ifndef KEEL_DRIVERS_VTERM_H
#define KEEL_DRIVERS_VTERM_H

#include "drivers/tty.h"
#include "drivers/vga.h"

#define VTERM_COUNT 3

/*
 * Sets up the terminals, registers their ttys (tty0 .. as minors 0 ..
 * VTERM_COUNT - 1) and starts the keyboard.
 */
void vterm_init(void);

/* Makes terminal 'index' active.  Returns 0, or -EINVAL for no such terminal. */
int vterm_switch(int index);

/* The active terminal's index. */
int vterm_active(void);

/* Terminal 'index''s tty and screen (NULL for no such terminal). */
tty_t *vterm_tty(int index);
vga_screen_t *vterm_screen(int index);

/*
 * What the keyboard interrupt calls for each key (exposed so that tests can
 * type without a keyboard): Alt+F1.. switch terminals, characters go to the
 * active terminal's tty; the arrows, Home, End and Delete go there as ESC [
 * A, B, C, D, ESC [ 1 ~, 4 ~, 3 ~ when it is in raw mode
 * (tty_termios.h); other keys are ignored.
 */
void vterm_key(int key, unsigned mods);

#endif
