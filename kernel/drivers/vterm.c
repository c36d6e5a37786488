/*
 * Virtual terminals (support code; see drivers/vterm.h).
 *
 * A virtual terminal is a screen plus a tty.  Its tty driver is two small
 * functions: output draws on the terminal's screen (visible or not: the
 * screen code keeps both cases right), and input_room does nothing, since
 * a person typing cannot be asked to wait; keys typed while the line
 * discipline is full are simply dropped, as on any terminal.
 *
 * Output understands the ANSI control sequences a line editor uses (see
 * vterm_output()).
 *
 * The keyboard interrupt hands every key to vterm_key().  Alt+Fn is taken
 * here, as the switch; everything with a character goes to the active
 * terminal's tty, where the line discipline echoes it onto that terminal's
 * screen.  Keys without a character (arrows, F-keys without Alt) are
 * dropped: the line discipline has no use for them; only a terminal in raw
 * mode gets the arrows, Home, End and Delete, as a Linux console's escape
 * sequences (ESC [ A ... ESC [ 3 ~).
 *
 * Switching copies the new terminal's screen onto the hardware; its cursor
 * comes along.  Interrupts are masked while 'active' changes so that a key
 * is never delivered to a terminal that is halfway to being left.
 */
#include "drivers/vterm.h"
#include "boot/interrupt.h"
#include "drivers/keyboard.h"
#include "errno.h"
#include "util/kprintf.h"
#include "util/string.h"

#define ESC_PARAMS 4

typedef struct vterm {
	vga_screen_t *vt_screen;
	tty_t vt_tty;
	/* Where the output is in an escape sequence (see vterm_output()). */
	enum { ESC_NONE, ESC_SEEN, ESC_CSI } vt_esc;
	int vt_params[ESC_PARAMS];
	int vt_nparams;
} vterm_t;

static vterm_t vterms[VTERM_COUNT];
/* Terminal 0 draws on the boot console's screen; the others have their own. */
static vga_screen_t vterm_screens[VTERM_COUNT - 1];
static int active;

/* The n-th parameter of the sequence, or 'dflt' when it is missing or 0. */
static int esc_param(const vterm_t *vt, int i, int dflt)
{
	return i < vt->vt_nparams && vt->vt_params[i] > 0 ? vt->vt_params[i] : dflt;
}

/* Carries out the control sequence ESC [ params 'final'. */
static void vterm_csi(vterm_t *vt, char final)
{
	vga_screen_t *s = vt->vt_screen;
	int row = s->vs_row, col = s->vs_col, at = row * VGA_COLS + col;
	int mode = vt->vt_nparams > 0 ? vt->vt_params[0] : 0;
	switch (final) {
	case 'A':
		vga_screen_move(s, row - esc_param(vt, 0, 1), col);
		break;
	case 'B':
		vga_screen_move(s, row + esc_param(vt, 0, 1), col);
		break;
	case 'C':
		vga_screen_move(s, row, col + esc_param(vt, 0, 1));
		break;
	case 'D':
		vga_screen_move(s, row, col - esc_param(vt, 0, 1));
		break;
	case 'G':
		vga_screen_move(s, row, esc_param(vt, 0, 1) - 1);
		break;
	case 'H':
	case 'f':
		vga_screen_move(s, esc_param(vt, 0, 1) - 1, esc_param(vt, 1, 1) - 1);
		break;
	case 'J':
		if (mode == 0) {
			vga_screen_erase(s, at, VGA_ROWS * VGA_COLS);
		} else if (mode == 1) {
			vga_screen_erase(s, 0, at + 1);
		} else {
			vga_screen_erase(s, 0, VGA_ROWS * VGA_COLS);
		}
		break;
	case 'K':
		if (mode == 0) {
			vga_screen_erase(s, at, (row + 1) * VGA_COLS);
		} else if (mode == 1) {
			vga_screen_erase(s, row * VGA_COLS, at + 1);
		} else {
			vga_screen_erase(s, row * VGA_COLS, (row + 1) * VGA_COLS);
		}
		break;
	case 'n':
		if (mode == 6) {
			/* Where the cursor is, as the terminal's answer: typed input. */
			char reply[16];
			int len = snprintf(reply, sizeof(reply), "\033[%d;%dR", row + 1, col + 1);
			for (int i = 0; i < len; i++) {
				tty_receive_char(&vt->vt_tty, reply[i]);
			}
		}
		break;
	default:
		break; /* colours (m) and the rest: not shown */
	}
}

/*
 * Draws on the terminal's screen.  Besides what vga_screen_write() does,
 * the terminal understands the ANSI (ECMA-48) control sequences a line
 * editor sends (BusyBox's shell uses them): ESC [ n A, B, C, D (cursor up,
 * down, right, left), ESC [ n G (column), ESC [ r ; c H or f (position),
 * ESC [ J and K (erase below / to the end of the line; 1: above / to the
 * cursor; 2: all), ESC [ 6 n (the terminal answers ESC [ row ; col R as
 * input); other sequences (colours...) are swallowed, and so is ESC
 * followed by any other character.
 */
static void vterm_output(tty_t *tty, const char *buf, size_t n)
{
	vterm_t *vt = tty->tt_driver;
	size_t plain = 0; /* the start of a run of ordinary bytes */
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];
		if (vt->vt_esc == ESC_NONE) {
			if (c == '\033') {
				vga_screen_write(vt->vt_screen, buf + plain, i - plain);
				vt->vt_esc = ESC_SEEN;
			}
			continue;
		}
		plain = i + 1;
		if (vt->vt_esc == ESC_SEEN) {
			vt->vt_esc = c == '[' ? ESC_CSI : ESC_NONE;
			vt->vt_nparams = 0;
			memset(vt->vt_params, 0, sizeof(vt->vt_params));
			continue;
		}
		if (c >= '0' && c <= '9') {
			if (vt->vt_nparams == 0) {
				vt->vt_nparams = 1;
			}
			int *p = &vt->vt_params[vt->vt_nparams - 1];
			*p = *p < 10000 ? *p * 10 + (c - '0') : *p;
		} else if (c == ';') {
			if (vt->vt_nparams == 0) {
				vt->vt_nparams = 1;
			}
			if (vt->vt_nparams < ESC_PARAMS) {
				vt->vt_nparams++;
			}
		} else if (c >= 0x40 && c <= 0x7e) {
			vt->vt_esc = ESC_NONE;
			vterm_csi(vt, c);
		} else if (c < 0x20 || c > 0x7e) {
			vt->vt_esc = ESC_NONE; /* not a sequence after all */
		}
		/* intermediate bytes ('?', ' ' ...) are skipped */
	}
	if (vt->vt_esc == ESC_NONE && plain < n) {
		vga_screen_write(vt->vt_screen, buf + plain, n - plain);
	}
}

static void vterm_input_room(tty_t *tty)
{
}

static const tty_ops_t vterm_tty_ops = {
    .output = vterm_output,
    .input_room = vterm_input_room,
};

int vterm_switch(int index)
{
	if (index < 0 || index >= VTERM_COUNT) {
		return -EINVAL;
	}
	uint32_t flags = intr_save();
	active = index;
	vga_screen_show(vterms[index].vt_screen);
	intr_restore(flags);
	return 0;
}

int vterm_active(void)
{
	return active;
}

tty_t *vterm_tty(int index)
{
	return index >= 0 && index < VTERM_COUNT ? &vterms[index].vt_tty : NULL;
}

vga_screen_t *vterm_screen(int index)
{
	return index >= 0 && index < VTERM_COUNT ? vterms[index].vt_screen : NULL;
}

void vterm_key(int key, unsigned mods)
{
	if ((mods & KBD_MOD_ALT) && key >= KEY_F1 && key < KEY_F1 + VTERM_COUNT) {
		vterm_switch(key - KEY_F1);
		return;
	}
	tty_t *tty = &vterms[active].vt_tty;
	if (key >= 0 && key <= 0xff) {
		tty_receive_char(tty, (char)key);
		return;
	}
	/*
	 * In raw mode a line editor reads the editing keys as the sequences a
	 * Linux console sends.  In canonical mode they stay dropped: the line
	 * discipline would take the "[A" of an arrow for typed text.
	 */
	const char *seq = NULL;
	switch (key) {
	case KEY_UP:
		seq = "\033[A";
		break;
	case KEY_DOWN:
		seq = "\033[B";
		break;
	case KEY_RIGHT:
		seq = "\033[C";
		break;
	case KEY_LEFT:
		seq = "\033[D";
		break;
	case KEY_HOME:
		seq = "\033[1~";
		break;
	case KEY_END:
		seq = "\033[4~";
		break;
	case KEY_DELETE:
		seq = "\033[3~";
		break;
	}
	if (seq != NULL && !(tty->tt_term.tm_termios.c_lflag & TTY_ICANON)) {
		for (; *seq != '\0'; seq++) {
			tty_receive_char(tty, *seq);
		}
	}
}

void vterm_init(void)
{
	for (int i = 0; i < VTERM_COUNT; i++) {
		vterm_t *vt = &vterms[i];
		if (i == 0) {
			vt->vt_screen = vga_console_screen();
		} else {
			vt->vt_screen = &vterm_screens[i - 1];
			vga_screen_init(vt->vt_screen);
		}
		char name[DEV_NAME_LEN];
		snprintf(name, sizeof(name), "tty%d", i);
		tty_init(&vt->vt_tty, name, &vterm_tty_ops, vt);
		vt->vt_tty.tt_term.tm_winsize.ws_row = VGA_ROWS;
		int err = tty_register(&vt->vt_tty, i);
		if (err != 0) {
			kprintf("vterm: could not register %s: %s\n", name, errno_name(-err));
		}
	}
	vterm_switch(0);
	keyboard_init(vterm_key);
}
