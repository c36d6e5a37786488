/*
 * Virtual terminals (support code; see drivers/vterm.h).
 *
 * A virtual terminal is a screen plus a tty.  Its tty driver is two small
 * functions: output draws on the terminal's screen (visible or not: the
 * screen code keeps both cases right), and input_room does nothing, since
 * a person typing cannot be asked to wait; keys typed while the line
 * discipline is full are simply dropped, as on any terminal.
 *
 * The keyboard interrupt hands every key to vterm_key().  Alt+Fn is taken
 * here, as the switch; everything with a character goes to the active
 * terminal's tty, where the line discipline echoes it onto that terminal's
 * screen.  Keys without a character (arrows, F-keys without Alt) are
 * dropped: the line discipline has no use for them yet.
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

typedef struct vterm {
	vga_screen_t *vt_screen;
	tty_t vt_tty;
} vterm_t;

static vterm_t vterms[VTERM_COUNT];
/* Terminal 0 draws on the boot console's screen; the others have their own. */
static vga_screen_t vterm_screens[VTERM_COUNT - 1];
static int active;

static void vterm_output(tty_t *tty, const char *buf, size_t n)
{
	vterm_t *vt = tty->tt_driver;
	vga_screen_write(vt->vt_screen, buf, n);
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
	if (key >= 0 && key <= 0xff) {
		tty_receive_char(&vterms[active].vt_tty, (char)key);
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
