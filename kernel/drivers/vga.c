/*
 * The VGA text screen (support code; see drivers/vga.h).
 *
 * Characters are 16-bit cells (attribute << 8 | character) in the frame
 * buffer at physical 0xB8000, which the direct map puts at KERNEL_VMA +
 * 0xB8000.  The hardware cursor is moved through the CRT controller's
 * registers 14 and 15 (cursor location high and low byte).
 *
 * Each screen keeps its own copy of every cell.  Drawing updates the copy
 * and, when the screen is the visible one, the frame buffer as well, so
 * switching screens is one copy of 4000 bytes and never loses anything.
 * Frame-buffer writes are slow (each is a device access under an emulator),
 * so a scroll of the visible screen rewrites the frame buffer from the copy
 * once instead of moving it cell by cell.
 */
#include "drivers/vga.h"
#include "boot/interrupt.h"
#include "io.h"
#include "mm/mm.h"
#include "util/kprintf.h"
#include "util/string.h"

#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5
#define CRTC_CURSOR_HIGH 14
#define CRTC_CURSOR_LOW 15

#define BLANK(attr) ((uint16_t)((attr) << 8 | ' '))

static volatile uint16_t *const vga_fb = (volatile uint16_t *)(KERNEL_VMA + 0xb8000);

static vga_screen_t console_screen;
static vga_screen_t *visible;

static console_t vga_console = {
    .cn_name = "vga",
    .cn_write = vga_write,
};

static void hw_move_cursor(int row, int col)
{
	uint16_t pos = row * VGA_COLS + col;
	outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, CRTC_CURSOR_LOW);
	outb(CRTC_DATA, pos & 0xff);
}

static void hw_copy_from(const vga_screen_t *s)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++) {
		vga_fb[i] = s->vs_cells[i];
	}
}

static void screen_put_cell(vga_screen_t *s, int row, int col, uint16_t cell)
{
	s->vs_cells[row * VGA_COLS + col] = cell;
	if (s == visible) {
		vga_fb[row * VGA_COLS + col] = cell;
	}
}

static void screen_scroll(vga_screen_t *s)
{
	memmove(s->vs_cells, s->vs_cells + VGA_COLS,
		(VGA_ROWS - 1) * VGA_COLS * sizeof(s->vs_cells[0]));
	for (int i = 0; i < VGA_COLS; i++) {
		s->vs_cells[(VGA_ROWS - 1) * VGA_COLS + i] = BLANK(s->vs_attr);
	}
	s->vs_row = VGA_ROWS - 1;
	if (s == visible) {
		hw_copy_from(s);
	}
}

static void screen_putc(vga_screen_t *s, char c)
{
	switch (c) {
	case '\n':
		s->vs_col = 0;
		s->vs_row++;
		break;
	case '\r':
		s->vs_col = 0;
		break;
	case '\b':
		if (s->vs_col > 0) {
			s->vs_col--;
		}
		break;
	case '\t':
		s->vs_col = ALIGN_UP(s->vs_col + 1, 8);
		break;
	default:
		screen_put_cell(s, s->vs_row, s->vs_col, (uint16_t)(s->vs_attr << 8 | (uint8_t)c));
		s->vs_col++;
		break;
	}
	if (s->vs_col >= VGA_COLS) {
		s->vs_col = 0;
		s->vs_row++;
	}
	if (s->vs_row >= VGA_ROWS) {
		screen_scroll(s);
	}
}

void vga_screen_write(vga_screen_t *s, const char *buf, size_t n)
{
	uint32_t flags = intr_save();
	for (size_t i = 0; i < n; i++) {
		screen_putc(s, buf[i]);
	}
	if (s == visible) {
		hw_move_cursor(s->vs_row, s->vs_col);
	}
	intr_restore(flags);
}

void vga_screen_move(vga_screen_t *s, int row, int col)
{
	uint32_t flags = intr_save();
	s->vs_row = row < 0 ? 0 : row >= VGA_ROWS ? VGA_ROWS - 1 : row;
	s->vs_col = col < 0 ? 0 : col >= VGA_COLS ? VGA_COLS - 1 : col;
	if (s == visible) {
		hw_move_cursor(s->vs_row, s->vs_col);
	}
	intr_restore(flags);
}

void vga_screen_erase(vga_screen_t *s, int from, int to)
{
	uint32_t flags = intr_save();
	from = from < 0 ? 0 : from;
	to = to > VGA_ROWS * VGA_COLS ? VGA_ROWS * VGA_COLS : to;
	for (int i = from; i < to; i++) {
		screen_put_cell(s, i / VGA_COLS, i % VGA_COLS, BLANK(s->vs_attr));
	}
	intr_restore(flags);
}

void vga_screen_clear(vga_screen_t *s)
{
	uint32_t flags = intr_save();
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++) {
		s->vs_cells[i] = BLANK(s->vs_attr);
	}
	s->vs_row = s->vs_col = 0;
	if (s == visible) {
		hw_copy_from(s);
		hw_move_cursor(0, 0);
	}
	intr_restore(flags);
}

void vga_screen_init(vga_screen_t *s)
{
	s->vs_attr = VGA_ATTR_DEFAULT;
	vga_screen_clear(s);
}

void vga_screen_show(vga_screen_t *s)
{
	uint32_t flags = intr_save();
	if (s != visible) {
		visible = s;
		hw_copy_from(s);
	}
	hw_move_cursor(s->vs_row, s->vs_col);
	intr_restore(flags);
}

vga_screen_t *vga_visible_screen(void)
{
	return visible;
}

char vga_screen_char(const vga_screen_t *s, int row, int col)
{
	if (row < 0 || row >= VGA_ROWS || col < 0 || col >= VGA_COLS) {
		return '\0';
	}
	return (char)(s->vs_cells[row * VGA_COLS + col] & 0xff);
}

/* The boot console. */

vga_screen_t *vga_console_screen(void)
{
	return &console_screen;
}

void vga_write(const char *s, size_t n)
{
	vga_screen_write(&console_screen, s, n);
}

void vga_clear(void)
{
	vga_screen_clear(&console_screen);
}

void vga_init(void)
{
	visible = &console_screen;
	vga_screen_init(&console_screen);
	console_register(&vga_console);
}
