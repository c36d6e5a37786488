/*
 * The virtual terminals and the keyboard without the hardware: scancodes
 * through the translator (Shift, Caps Lock, Ctrl, Alt, the 0xE0 prefix),
 * keys through vterm_key() into the active terminal's line discipline,
 * Alt+F1..F3 switching, and each terminal keeping its own screen.
 */
#include "drivers/vterm.h"
#include "drivers/keyboard.h"
#include "drivers/vga.h"
#include "dtest.h"
#include "test/ktest.h"
#include "util/string.h"

/* Feeds scancodes and returns the last key they produced (KEY_NONE if none). */
static int press(kbd_state_t *st, const uint8_t *codes, size_t n, unsigned *mods)
{
	int key = KEY_NONE;
	for (size_t i = 0; i < n; i++) {
		int k = kbd_translate(st, codes[i], mods);
		if (k != KEY_NONE) {
			key = k;
		}
	}
	return key;
}

KTEST(keyboard_translate, "drivers.keyboard.scancodes_to_line")
{
	kbd_state_t st;
	memset(&st, 0, sizeof(st));
	unsigned mods;
	static const uint8_t a[] = {0x1e, 0x9e};
	KT_CHECK_EQ(press(&st, a, 2, &mods), 'a');
	KT_CHECK_EQ(kbd_translate(&st, 0x9e, &mods), KEY_NONE); /* a release is no key */
	static const uint8_t shift_a[] = {0x2a, 0x1e, 0x9e, 0xaa};
	KT_CHECK_EQ(press(&st, shift_a, 4, &mods), 'A');
	KT_CHECK_EQ(mods & KBD_MOD_SHIFT, 0); /* Shift released again */
	static const uint8_t shift_1[] = {0x36, 0x02, 0xb6};
	KT_CHECK_EQ(press(&st, shift_1, 3, &mods), '!');
	static const uint8_t enter_bs[] = {0x1c};
	KT_CHECK_EQ(press(&st, enter_bs, 1, &mods), '\n');
	static const uint8_t backspace[] = {0x0e};
	KT_CHECK_EQ(press(&st, backspace, 1, &mods), '\b');
	/* Caps Lock: letters upper case, Shift inverts it, digits unchanged. */
	static const uint8_t caps[] = {0x3a, 0xba};
	press(&st, caps, 2, &mods);
	KT_CHECK(mods & KBD_MOD_CAPS);
	KT_CHECK_EQ(press(&st, a, 2, &mods), 'A');
	KT_CHECK_EQ(press(&st, shift_a, 4, &mods), 'a');
	static const uint8_t one[] = {0x02};
	KT_CHECK_EQ(press(&st, one, 1, &mods), '1');
	press(&st, caps, 2, &mods);
	KT_CHECK_EQ(press(&st, a, 2, &mods), 'a');
	/* Ctrl+C, Ctrl+D and Ctrl+U are the line discipline's control characters. */
	static const uint8_t ctrl_c[] = {0x1d, 0x2e, 0xae, 0x9d};
	KT_CHECK_EQ(press(&st, ctrl_c, 4, &mods), 0x03);
	static const uint8_t ctrl_d[] = {0x1d, 0x20, 0xa0, 0x9d};
	KT_CHECK_EQ(press(&st, ctrl_d, 4, &mods), 0x04);
	/* Right Ctrl comes after the 0xE0 prefix. */
	static const uint8_t rctrl_u[] = {0xe0, 0x1d, 0x16, 0x96, 0xe0, 0x9d};
	KT_CHECK_EQ(press(&st, rctrl_u, 6, &mods), 0x15);
	/* Alt+F2, and the arrows after the prefix. */
	static const uint8_t alt_f2[] = {0x38, 0x3c};
	KT_CHECK_EQ(press(&st, alt_f2, 2, &mods), KEY_F1 + 1);
	KT_CHECK(mods & KBD_MOD_ALT);
	static const uint8_t alt_up[] = {0xbc, 0xb8};
	press(&st, alt_up, 2, &mods);
	KT_CHECK_EQ(mods & KBD_MOD_ALT, 0);
	static const uint8_t up[] = {0xe0, 0x48, 0xe0, 0xc8};
	KT_CHECK_EQ(press(&st, up, 4, &mods), KEY_UP);
	/* A key after the prefix must not be read as the plain key (0x48 is keypad 8). */
	KT_CHECK_EQ(press(&st, up, 2, &mods), KEY_UP);

	/* Scancodes, as the keyboard sends them, all the way to a line a reader gets. */
	static dtest_term_t term;
	dtest_term_init(&term, "ttyK");
	static const uint8_t codes[] = {
	    0x2a, 0x23, 0xa3, 0xaa, /* Shift+h: 'H' */
	    0x12, 0x92, 0x26, 0xa6, /* 'e', 'l' */
	    0x2d, 0xad,             /* 'x' */
	    0x0e, 0x8e,             /* Backspace erases the 'x' */
	    0x26, 0xa6, 0x18, 0x98, /* 'l', 'o' */
	    0x2a, 0x02, 0x82, 0xaa, /* Shift+1: '!' */
	    0x1c, 0x9c,             /* Enter */
	};
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		int key = kbd_translate(&st, codes[i], &mods);
		if (key != KEY_NONE && key <= 0xff) {
			tty_receive_char(&term.ft_tty, (char)key);
		}
	}
	char buf[32] = {0};
	KT_CHECK_EQ(tty_read(&term.ft_tty, buf, sizeof(buf) - 1), 7);
	KT_CHECK_STR(buf, "Hello!\n");
	KT_CHECK_STR(term.ft_out, "Helx\b \blo!\n");
}

KTEST(vterm_keys_reach_tty, "drivers.vterm.keys_reach_active_tty")
{
	int was = vterm_active();
	KT_CHECK_EQ(vterm_switch(2), 0);
	tty_t *tty = vterm_tty(2);
	vterm_key('o', 0);
	vterm_key('k', 0);
	vterm_key('\n', 0);
	char buf[16] = {0};
	KT_CHECK_EQ(tty_read(tty, buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "ok\n");
	/* The echo is on terminal 2's screen, at the start of some line. */
	vga_screen_t *s = vterm_screen(2);
	int row = s->vs_row - 1;
	KT_CHECK(row >= 0 && vga_screen_char(s, row, 0) == 'o' &&
		 vga_screen_char(s, row, 1) == 'k');
	vterm_switch(was);
}

KTEST(vterm_switch_screens, "drivers.vterm.alt_fn_switches_screens")
{
	int was = vterm_active();
	/* Alt+F2 makes terminal 1 active and visible; Alt+F3 terminal 2; Alt+F1 terminal 0. */
	vterm_key(KEY_F1 + 1, KBD_MOD_ALT);
	KT_CHECK_EQ(vterm_active(), 1);
	KT_CHECK(vga_visible_screen() == vterm_screen(1));
	vterm_key(KEY_F1 + 2, KBD_MOD_ALT);
	KT_CHECK_EQ(vterm_active(), 2);
	KT_CHECK(vga_visible_screen() == vterm_screen(2));
	/* F2 without Alt is not a switch. */
	vterm_key(KEY_F1 + 1, 0);
	KT_CHECK_EQ(vterm_active(), 2);
	vterm_key(KEY_F1, KBD_MOD_ALT);
	KT_CHECK_EQ(vterm_active(), 0);
	KT_CHECK(vga_visible_screen() == vga_console_screen());
	KT_CHECK_EQ(vterm_switch(VTERM_COUNT), -22);
	/* Keys go to the terminal that is active when they are typed. */
	vterm_key(KEY_F1 + 1, KBD_MOD_ALT);
	vterm_key('1', 0);
	vterm_key('\n', 0);
	vterm_key(KEY_F1 + 2, KBD_MOD_ALT);
	vterm_key('2', 0);
	vterm_key('\n', 0);
	char buf[8] = {0};
	KT_CHECK_EQ(tty_read(vterm_tty(2), buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "2\n");
	memset(buf, 0, sizeof(buf));
	KT_CHECK_EQ(tty_read(vterm_tty(1), buf, sizeof(buf) - 1), 2);
	KT_CHECK_STR(buf, "1\n");
	vterm_switch(was);
}

KTEST(vterm_own_contents, "drivers.vterm.own_screen_contents")
{
	/* Writing to tty1 changes terminal 1's screen and no other. */
	vga_screen_t *s1 = vterm_screen(1), *s2 = vterm_screen(2);
	KT_CHECK(s1 != s2 && s1 != vterm_screen(0));
	tty_write(vterm_tty(1), "\nmarker-one", 11);
	int row = s1->vs_row;
	KT_CHECK_EQ(vga_screen_char(s1, row, 0), 'm');
	KT_CHECK_EQ(vga_screen_char(s1, row, 7), 'o');
	KT_CHECK_EQ(s1->vs_col, 10);
	tty_write(vterm_tty(1), "\n", 1);
	bool elsewhere = false;
	for (int r = 0; r < VGA_ROWS; r++) {
		if (vga_screen_char(s2, r, 0) == 'm' && vga_screen_char(s2, r, 7) == 'o') {
			elsewhere = true;
		}
	}
	KT_CHECK(!elsewhere);
}
