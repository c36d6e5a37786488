/*
 * The PS/2 keyboard (support code; see drivers/keyboard.h).
 *
 * The i8042 controller has two ports: 0x60 (data) and 0x64 (status on
 * read, command on write).  Status bit 0 says a byte waits at 0x60; bit 1
 * says the controller has not yet taken the last byte written to it; bit 5
 * says the waiting byte came from the mouse port, not the keyboard.
 *
 * Set-up reads the controller's configuration byte (command 0x20), turns
 * on the keyboard interrupt (bit 0) and scancode translation to set 1 (bit
 * 6), makes sure the keyboard clock is on (bit 4 clear) and writes it back
 * (command 0x60).  The firmware has normally done this already; doing it
 * again costs nothing and does not depend on which firmware ran.
 *
 * Translation is a pure function of the state and one byte, so tests can
 * feed it scancodes without a keyboard.  The tables are the US layout.
 */
#include "drivers/keyboard.h"
#include "boot/interrupt.h"
#include "io.h"
#include "util/debug.h"

#define KBC_DATA 0x60
#define KBC_STATUS 0x64
#define KBC_COMMAND 0x64
#define KBC_STATUS_OUT_FULL 0x01
#define KBC_STATUS_IN_FULL 0x02
#define KBC_STATUS_AUX 0x20
#define KBC_CMD_READ_CONFIG 0x20
#define KBC_CMD_WRITE_CONFIG 0x60
#define KBC_CONFIG_KBD_IRQ 0x01
#define KBC_CONFIG_KBD_CLOCK_OFF 0x10
#define KBC_CONFIG_TRANSLATE 0x40
#define KBC_TIMEOUT 100000

#define SC_PREFIX 0xe0
#define SC_RELEASE 0x80
#define SC_ESC 0x01
#define SC_BACKSPACE 0x0e
#define SC_TAB 0x0f
#define SC_ENTER 0x1c
#define SC_CTRL 0x1d
#define SC_LSHIFT 0x2a
#define SC_RSHIFT 0x36
#define SC_ALT 0x38
#define SC_CAPS 0x3a
#define SC_F1 0x3b
#define SC_F10 0x44
#define SC_F11 0x57
#define SC_F12 0x58

uint32_t keyboard_keys;
static kbd_state_t kbd;
static keyboard_handler_t kbd_handler;

/*
 * Scancode set 1, US layout: the character of each key, without and with
 * Shift, sixteen scancodes a row.
 */
/* clang-format off */
static const char keymap[0x3a] = {
	0,   27,  '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b', '\t',
	'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n', 0,  'a', 's',
	'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0,  '\\', 'z', 'x', 'c', 'v',
	'b', 'n', 'm', ',', '.', '/', 0,   '*', 0,   ' ',
};

static const char keymap_shift[0x3a] = {
	0,   27,  '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b', '\t',
	'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n', 0,  'A', 'S',
	'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~', 0,   '|', 'Z', 'X', 'C', 'V',
	'B', 'N', 'M', '<', '>', '?', 0,   '*', 0,   ' ',
};
/* clang-format on */

/* The numeric keypad (0x47..0x53) with Num Lock off is cursor keys; Keel types digits. */
static const char keypad[0x53 - 0x47 + 1] = {
    '7', '8', '9', '-', '4', '5', '6', '+', '1', '2', '3', '0', '.',
};

static unsigned current_mods(const kbd_state_t *st)
{
	unsigned mods = 0;
	if (st->ks_lshift || st->ks_rshift) {
		mods |= KBD_MOD_SHIFT;
	}
	if (st->ks_lctrl || st->ks_rctrl) {
		mods |= KBD_MOD_CTRL;
	}
	if (st->ks_lalt || st->ks_ralt) {
		mods |= KBD_MOD_ALT;
	}
	if (st->ks_caps) {
		mods |= KBD_MOD_CAPS;
	}
	return mods;
}

/* A key after the 0xE0 prefix ('code' without the release bit). */
static int translate_extended(kbd_state_t *st, uint8_t code, bool released)
{
	switch (code) {
	case SC_CTRL:
		st->ks_rctrl = !released;
		return KEY_NONE;
	case SC_ALT:
		st->ks_ralt = !released;
		return KEY_NONE;
	case SC_LSHIFT:
	case SC_RSHIFT:
		/* "Fake" shifts some keyboards send around Print Screen: not Shift. */
		return KEY_NONE;
	}
	if (released) {
		return KEY_NONE;
	}
	switch (code) {
	case 0x1c:
		return '\n'; /* keypad Enter */
	case 0x35:
		return '/'; /* keypad / */
	case 0x47:
		return KEY_HOME;
	case 0x48:
		return KEY_UP;
	case 0x49:
		return KEY_PGUP;
	case 0x4b:
		return KEY_LEFT;
	case 0x4d:
		return KEY_RIGHT;
	case 0x4f:
		return KEY_END;
	case 0x50:
		return KEY_DOWN;
	case 0x51:
		return KEY_PGDN;
	case 0x52:
		return KEY_INSERT;
	case 0x53:
		return KEY_DELETE;
	default:
		return KEY_NONE;
	}
}

int kbd_translate(kbd_state_t *st, uint8_t scancode, unsigned *mods)
{
	int key = KEY_NONE;
	if (scancode == SC_PREFIX) {
		st->ks_e0 = true;
		*mods = current_mods(st);
		return KEY_NONE;
	}
	bool released = (scancode & SC_RELEASE) != 0;
	uint8_t code = scancode & ~SC_RELEASE;
	if (st->ks_e0) {
		st->ks_e0 = false;
		key = translate_extended(st, code, released);
		*mods = current_mods(st);
		return key;
	}

	switch (code) {
	case SC_LSHIFT:
		st->ks_lshift = !released;
		break;
	case SC_RSHIFT:
		st->ks_rshift = !released;
		break;
	case SC_CTRL:
		st->ks_lctrl = !released;
		break;
	case SC_ALT:
		st->ks_lalt = !released;
		break;
	case SC_CAPS:
		if (!released) {
			st->ks_caps = !st->ks_caps;
		}
		break;
	default:
		if (released) {
			break;
		}
		if (code >= SC_F1 && code <= SC_F10) {
			key = KEY_F1 + (code - SC_F1);
		} else if (code == SC_F11 || code == SC_F12) {
			key = KEY_F1 + 10 + (code - SC_F11);
		} else if (code >= 0x47 && code <= 0x53) {
			key = keypad[code - 0x47];
		} else if (code < sizeof(keymap) && keymap[code] != 0) {
			bool shift = st->ks_lshift || st->ks_rshift;
			char c = shift ? keymap_shift[code] : keymap[code];
			/* Caps Lock inverts Shift, for letters only. */
			if (st->ks_caps && keymap[code] >= 'a' && keymap[code] <= 'z') {
				c = shift ? keymap[code] : keymap_shift[code];
			}
			if ((st->ks_lctrl || st->ks_rctrl) &&
			    ((c >= 'a' && c <= 'z') || (c >= '@' && c <= '_'))) {
				c &= 0x1f;
			}
			key = (uint8_t)c;
		}
		break;
	}
	*mods = current_mods(st);
	return key;
}

static void keyboard_intr(regs_t *regs)
{
	uint8_t status = inb(KBC_STATUS);
	if ((status & KBC_STATUS_OUT_FULL) == 0) {
		return;
	}
	uint8_t scancode = inb(KBC_DATA);
	if (status & KBC_STATUS_AUX) {
		return; /* a mouse byte */
	}
	unsigned mods;
	int key = kbd_translate(&kbd, scancode, &mods);
	if (key != KEY_NONE && kbd_handler != NULL) {
		keyboard_keys++;
		kbd_handler(key, mods);
	}
}

/* Waits until the controller can take a byte; false if it never does (no controller). */
static bool kbc_wait_input_empty(void)
{
	for (int i = 0; i < KBC_TIMEOUT; i++) {
		if ((inb(KBC_STATUS) & KBC_STATUS_IN_FULL) == 0) {
			return true;
		}
	}
	return false;
}

static bool kbc_wait_output_full(void)
{
	for (int i = 0; i < KBC_TIMEOUT; i++) {
		if (inb(KBC_STATUS) & KBC_STATUS_OUT_FULL) {
			return true;
		}
	}
	return false;
}

void keyboard_init(keyboard_handler_t handler)
{
	uint32_t flags = intr_save();
	kbd_handler = handler;
	/* Throw away whatever the firmware left unread. */
	for (int i = 0; i < 32 && (inb(KBC_STATUS) & KBC_STATUS_OUT_FULL); i++) {
		inb(KBC_DATA);
	}
	if (kbc_wait_input_empty()) {
		outb(KBC_COMMAND, KBC_CMD_READ_CONFIG);
		if (kbc_wait_output_full()) {
			uint8_t config = inb(KBC_DATA);
			config |= KBC_CONFIG_KBD_IRQ | KBC_CONFIG_TRANSLATE;
			config &= ~KBC_CONFIG_KBD_CLOCK_OFF;
			if (kbc_wait_input_empty()) {
				outb(KBC_COMMAND, KBC_CMD_WRITE_CONFIG);
				if (kbc_wait_input_empty()) {
					outb(KBC_DATA, config);
				}
			}
		}
	}
	intr_register(IRQ_BASE + IRQ_KEYBOARD, keyboard_intr);
	irq_enable(IRQ_KEYBOARD);
	intr_restore(flags);
}
