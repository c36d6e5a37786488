/*
 * The PS/2 keyboard behind the i8042 controller, IRQ 1.  (Support code.)
 *
 * The controller hands over scancodes from set 1 (it translates whatever
 * the keyboard speaks): one byte per key press ("make" code) and the same
 * byte with bit 7 set when the key is released ("break" code); keys added
 * after the original PC keyboard (right Ctrl and Alt, the arrows, Home...)
 * come after a 0xE0 prefix byte.
 *
 * kbd_translate() turns scancodes into keys: ASCII characters with Shift,
 * Caps Lock and Ctrl applied ('a', 'A', 0x01 for Ctrl-A, '\n' for Enter,
 * '\b' for Backspace), or a KEY_ code above 0xff for keys without a
 * character.  The modifiers held at that moment come along, so that the
 * virtual terminals can see Alt+F2.
 */
#ifndef KEEL_DRIVERS_KEYBOARD_H
#define KEEL_DRIVERS_KEYBOARD_H

#include "types.h"

#define KEY_NONE (-1)
#define KEY_F1 0x100 /* KEY_F1 + n - 1 for Fn, up to F12 */
#define KEY_F12 0x10b
#define KEY_UP 0x110
#define KEY_DOWN 0x111
#define KEY_LEFT 0x112
#define KEY_RIGHT 0x113
#define KEY_HOME 0x114
#define KEY_END 0x115
#define KEY_PGUP 0x116
#define KEY_PGDN 0x117
#define KEY_INSERT 0x118
#define KEY_DELETE 0x119

#define KBD_MOD_SHIFT 0x1
#define KBD_MOD_CTRL 0x2
#define KBD_MOD_ALT 0x4
#define KBD_MOD_CAPS 0x8 /* Caps Lock is on */

/* What kbd_translate() remembers between scancodes. */
typedef struct kbd_state {
	bool ks_lshift, ks_rshift, ks_lctrl, ks_rctrl, ks_lalt, ks_ralt;
	bool ks_caps;
	bool ks_e0; /* the last byte was the 0xE0 prefix */
} kbd_state_t;

/*
 * Takes one scancode byte; returns the key it completes (a character or a
 * KEY_ code) or KEY_NONE (a release, a modifier, a prefix, an unknown
 * key).  *mods receives the modifiers in effect (KBD_MOD_ bits).
 */
int kbd_translate(kbd_state_t *st, uint8_t scancode, unsigned *mods);

/* Where keys go: called in interrupt context for every key pressed. */
typedef void (*keyboard_handler_t)(int key, unsigned mods);

/* Sets up the controller, installs the IRQ 1 handler and starts delivering keys to 'handler'. */
void keyboard_init(keyboard_handler_t handler);

/* Keys delivered since boot (for tests and `devices`). */
extern uint32_t keyboard_keys;

#endif
