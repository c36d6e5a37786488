/*
 * Device set-up (support code; see drivers/drivers.h).
 *
 * init calls drivers_init() (kernel/proc/procboot.c) before it runs the
 * kernel tests or the shell.  The order matters in two places: the PCI
 * list must exist before the ATA driver looks for its controller, and the
 * terminals need the byte device registry (ttys register themselves as
 * /dev/tty0...).  Everything allocated here stays allocated for the life of
 * the kernel, so the tests' leak check counts from after this point.
 *
 * A driver that finds nothing (no disk attached, no UART) says so and the
 * boot goes on: a kernel without a disk is still a kernel with a shell.
 */
#include "drivers/drivers.h"
#include "drivers/ata.h"
#include "drivers/memdevs.h"
#include "drivers/pci.h"
#include "drivers/serial.h"
#include "drivers/tty_termios.h"
#include "drivers/vterm.h"
#include "util/debug.h"
#include "util/kprintf.h"

void drivers_init(void)
{
	int npci = pci_init();
	dbg(DBG_CORE, "pci: %d functions\n", npci);
	memdevs_init();
	vterm_init();
	serial_tty_init();
	tty_signals_init();
	ata_init();
}
