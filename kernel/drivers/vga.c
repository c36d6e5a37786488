/*
 * The VGA text screen as a boot console.  Characters are 16-bit cells
 * (attribute << 8 | character) in the frame buffer at physical 0xB8000,
 * which the direct map puts at KERNEL_VMA + 0xB8000.  The hardware cursor is
 * moved through the CRT controller's registers 14 and 15.
 */
#include "drivers/vga.h"
#include "io.h"
#include "mm/mm.h"
#include "util/kprintf.h"
#include "util/string.h"

#define VGA_ATTR 0x07 /* light grey on black */
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5

static volatile uint16_t *const vga_buf = (volatile uint16_t *)(KERNEL_VMA + 0xb8000);
static int vga_row, vga_col;

static console_t vga_console = {
	.cn_name = "vga",
	.cn_write = vga_write,
};

static void vga_move_cursor(void)
{
	uint16_t pos = vga_row * VGA_COLS + vga_col;
	outb(CRTC_INDEX, 14);
	outb(CRTC_DATA, pos >> 8);
	outb(CRTC_INDEX, 15);
	outb(CRTC_DATA, pos & 0xff);
}

static void vga_scroll(void)
{
	for (int i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++) {
		vga_buf[i] = vga_buf[i + VGA_COLS];
	}
	for (int i = 0; i < VGA_COLS; i++) {
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR << 8 | ' ';
	}
	vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	switch (c) {
	case '\n':
		vga_col = 0;
		vga_row++;
		break;
	case '\r':
		vga_col = 0;
		break;
	case '\b':
		if (vga_col > 0) {
			vga_col--;
		}
		break;
	case '\t':
		vga_col = ALIGN_UP(vga_col + 1, 8);
		break;
	default:
		vga_buf[vga_row * VGA_COLS + vga_col] = VGA_ATTR << 8 | (uint8_t)c;
		vga_col++;
		break;
	}
	if (vga_col >= VGA_COLS) {
		vga_col = 0;
		vga_row++;
	}
	if (vga_row >= VGA_ROWS) {
		vga_scroll();
	}
}

void vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		vga_putc(s[i]);
	}
	vga_move_cursor();
}

void vga_clear(void)
{
	for (int i = 0; i < VGA_ROWS * VGA_COLS; i++) {
		vga_buf[i] = VGA_ATTR << 8 | ' ';
	}
	vga_row = vga_col = 0;
	vga_move_cursor();
}

void vga_init(void)
{
	vga_clear();
	console_register(&vga_console);
}
