/*
 * halt: powers the machine off (reboot with Linux's magic numbers and
 * LINUX_REBOOT_CMD_POWER_OFF).  Only returns on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_CMD_POWER_OFF 0x4321fedc

int main(void)
{
	sync();
	syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF, 0);
	fprintf(stderr, "halt: %s\n", strerror(errno));
	return 1;
}
