/*
 * Writing to /dev/tty1 reaches terminal 1: the text appears on its screen.
 */
#include "drivers/vga.h"
#include "drivers/vterm.h"
#include "vfstest.h"

KTEST(vfs_special_tty_write, "vfs.special.tty_write")
{
	int fd = do_open("/dev/tty1", O_WRONLY);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	const char *msg = "\nvfs-tty1-ok\n";
	KT_CHECK_EQ(do_write(fd, msg, strlen(msg)), (ssize_t)strlen(msg));
	vga_screen_t *s = vterm_screen(1);
	int row = s->vs_row - 1;
	char line[12] = {0};
	for (int i = 0; i < 11 && row >= 0; i++) {
		line[i] = vga_screen_char(s, row, i);
	}
	KT_CHECK_STR(line, "vfs-tty1-ok");
	KT_CHECK_EQ(do_close(fd), 0);
}
