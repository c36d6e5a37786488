/*
 * Reading /dev/tty2 gives the line typed on terminal 2's keyboard.
 */
#include "drivers/vterm.h"
#include "vfstest.h"

KTEST(vfs_special_tty_read, "vfs.special.tty_read")
{
	int fd = do_open("/dev/tty2", O_RDONLY);
	if (!KT_CHECK(fd >= 0)) {
		return;
	}
	int was = vterm_active();
	KT_CHECK_EQ(vterm_switch(2), 0);
	vterm_key('h', 0);
	vterm_key('i', 0);
	vterm_key('\n', 0);
	char buf[8] = {0};
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf) - 1), 3);
	KT_CHECK_STR(buf, "hi\n");
	vterm_switch(was);
	KT_CHECK_EQ(do_close(fd), 0);
}
