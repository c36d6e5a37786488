/*
 * PCI configuration space and the device list (support code; see
 * drivers/pci.h).
 *
 * Configuration mechanism #1.  The address written to CONFIG_ADDRESS (port
 * 0xCF8) is
 *
 *     bit 31      enable
 *     bits 23-16  bus
 *     bits 15-11  slot (device)
 *     bits 10-8   function
 *     bits 7-2    dword offset in the function's 256-byte space
 *
 * and CONFIG_DATA (0xCFC) then holds that dword; a narrower access at
 * 0xCFC + (offset & 3) reaches one byte or word of it.  A slot with nothing
 * in it reads vendor id 0xFFFF.
 *
 * The scan.  Bus 0 is where the host bridge lives.  Each slot can hold up to
 * eight functions, but only a device whose header type has bit 7 set (a
 * multi-function device) has more than function 0.  A PCI-to-PCI bridge
 * (class 6, subclass 4) leads to another bus, its secondary bus, which is
 * scanned in turn.  The firmware (SeaBIOS under QEMU) has already assigned
 * every BAR and routed every interrupt, so the scan only records what it
 * sees.  Devices are kept in the order found, on a list of kmalloc'd
 * records that lives as long as the kernel.
 */
#include "drivers/pci.h"
#include "boot/interrupt.h"
#include "io.h"
#include "mm/kmalloc.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

#define PCI_CONFIG_ADDRESS 0xcf8
#define PCI_CONFIG_DATA 0xcfc
#define PCI_MAX_SLOTS 32
#define PCI_MAX_FUNCS 8
#define PCI_HEADER_MULTIFUNCTION 0x80
#define PCI_HEADER_TYPE_MASK 0x7f
#define PCI_HEADER_BRIDGE 0x01

static list_t pci_devices = LIST_INITIALIZER(pci_devices);
static bool pci_scanned;
static uint32_t pci_buses_seen[256 / 32];

static uint32_t config_address(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
	return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)(slot & 0x1f) << 11 |
	       (uint32_t)(func & 7) << 8 | (offset & 0xfc);
}

uint32_t pci_config_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
	uint32_t flags = intr_save();
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	uint32_t v = inl(PCI_CONFIG_DATA);
	intr_restore(flags);
	return v;
}

uint16_t pci_config_read16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
	uint32_t flags = intr_save();
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	uint16_t v = inw(PCI_CONFIG_DATA + (offset & 2));
	intr_restore(flags);
	return v;
}

uint8_t pci_config_read8(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset)
{
	uint32_t flags = intr_save();
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	uint8_t v = inb(PCI_CONFIG_DATA + (offset & 3));
	intr_restore(flags);
	return v;
}

void pci_config_write32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint32_t v)
{
	uint32_t flags = intr_save();
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	outl(PCI_CONFIG_DATA, v);
	intr_restore(flags);
}

void pci_config_write16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint16_t v)
{
	uint32_t flags = intr_save();
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	outw(PCI_CONFIG_DATA + (offset & 2), v);
	intr_restore(flags);
}

uint32_t pci_read32(const pci_device_t *pd, uint8_t offset)
{
	return pci_config_read32(pd->pd_bus, pd->pd_slot, pd->pd_func, offset);
}

uint16_t pci_read16(const pci_device_t *pd, uint8_t offset)
{
	return pci_config_read16(pd->pd_bus, pd->pd_slot, pd->pd_func, offset);
}

void pci_write16(const pci_device_t *pd, uint8_t offset, uint16_t v)
{
	pci_config_write16(pd->pd_bus, pd->pd_slot, pd->pd_func, offset, v);
}

static void scan_bus(uint8_t bus);

/* Records function bus:slot.func and, if it is a bridge, scans the bus behind it. */
static void scan_function(uint8_t bus, uint8_t slot, uint8_t func)
{
	pci_device_t *pd = kzalloc(sizeof(*pd));
	if (pd == NULL) {
		kprintf("pci: out of memory for the device list\n");
		return;
	}
	pd->pd_bus = bus;
	pd->pd_slot = slot;
	pd->pd_func = func;
	pd->pd_vendor = pci_config_read16(bus, slot, func, PCI_VENDOR_ID);
	pd->pd_device = pci_config_read16(bus, slot, func, PCI_DEVICE_ID);
	pd->pd_revision = pci_config_read8(bus, slot, func, PCI_REVISION);
	pd->pd_prog_if = pci_config_read8(bus, slot, func, PCI_PROG_IF);
	pd->pd_subclass = pci_config_read8(bus, slot, func, PCI_SUBCLASS);
	pd->pd_class = pci_config_read8(bus, slot, func, PCI_CLASS);
	pd->pd_irq_line = pci_config_read8(bus, slot, func, PCI_INTERRUPT_LINE);
	uint8_t header = pci_config_read8(bus, slot, func, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK;
	/* A bridge's header has only two BARs; the rest of its space means other things. */
	int nbars = header == PCI_HEADER_BRIDGE ? 2 : header == 0 ? 6 : 0;
	for (int i = 0; i < nbars; i++) {
		pd->pd_bar[i] = pci_config_read32(bus, slot, func, PCI_BAR0 + 4 * i);
	}
	list_link_init(&pd->pd_link);
	list_insert_tail(&pci_devices, &pd->pd_link);
	dbg(DBG_CORE, "pci %02x:%02x.%x %04x:%04x class %02x.%02x\n", bus, slot, func,
	    pd->pd_vendor, pd->pd_device, pd->pd_class, pd->pd_subclass);

	if (pd->pd_class == PCI_CLASS_BRIDGE && pd->pd_subclass == PCI_SUBCLASS_PCI_BRIDGE &&
	    header == PCI_HEADER_BRIDGE) {
		scan_bus(pci_config_read8(bus, slot, func, PCI_SECONDARY_BUS));
	}
}

static void scan_bus(uint8_t bus)
{
	/* A badly programmed bridge could lead back to a bus already seen. */
	if (pci_buses_seen[bus / 32] & (1u << (bus % 32))) {
		return;
	}
	pci_buses_seen[bus / 32] |= 1u << (bus % 32);
	for (uint8_t slot = 0; slot < PCI_MAX_SLOTS; slot++) {
		if (pci_config_read16(bus, slot, 0, PCI_VENDOR_ID) == 0xffff) {
			continue;
		}
		uint8_t header = pci_config_read8(bus, slot, 0, PCI_HEADER_TYPE);
		uint8_t nfuncs = (header & PCI_HEADER_MULTIFUNCTION) ? PCI_MAX_FUNCS : 1;
		for (uint8_t func = 0; func < nfuncs; func++) {
			if (pci_config_read16(bus, slot, func, PCI_VENDOR_ID) != 0xffff) {
				scan_function(bus, slot, func);
			}
		}
	}
}

int pci_init(void)
{
	if (!pci_scanned) {
		pci_scanned = true;
		scan_bus(0);
	}
	return (int)list_length(&pci_devices);
}

pci_device_t *pci_next(pci_device_t *prev)
{
	list_link_t *l = prev == NULL ? pci_devices.l_next : prev->pd_link.l_next;
	return l == &pci_devices ? NULL : container_of(l, pci_device_t, pd_link);
}

pci_device_t *pci_find_class(uint8_t class, uint8_t subclass, pci_device_t *prev)
{
	for (pci_device_t *pd = pci_next(prev); pd != NULL; pd = pci_next(pd)) {
		if (pd->pd_class == class && pd->pd_subclass == subclass) {
			return pd;
		}
	}
	return NULL;
}

pci_device_t *pci_find_id(uint16_t vendor, uint16_t device)
{
	for (pci_device_t *pd = pci_next(NULL); pd != NULL; pd = pci_next(pd)) {
		if (pd->pd_vendor == vendor && pd->pd_device == device) {
			return pd;
		}
	}
	return NULL;
}

uint16_t pci_bar_io(const pci_device_t *pd, int n)
{
	KASSERT(n >= 0 && n < 6);
	uint32_t bar = pd->pd_bar[n];
	if ((bar & PCI_BAR_IO) == 0) {
		return 0;
	}
	return (uint16_t)(bar & ~3u);
}

void pci_enable(const pci_device_t *pd, uint16_t command_bits)
{
	uint16_t cmd = pci_read16(pd, PCI_COMMAND);
	if ((cmd & command_bits) != command_bits) {
		pci_write16(pd, PCI_COMMAND, cmd | command_bits);
	}
}

const char *pci_class_name(const pci_device_t *pd)
{
	switch (pd->pd_class) {
	case 0x01:
		return pd->pd_subclass == PCI_SUBCLASS_IDE ? "IDE controller" : "storage";
	case 0x02:
		return "network";
	case 0x03:
		return "display";
	case 0x04:
		return "multimedia";
	case 0x06:
		switch (pd->pd_subclass) {
		case 0x00:
			return "host bridge";
		case 0x01:
			return "ISA bridge";
		case 0x04:
			return "PCI bridge";
		default:
			return "bridge";
		}
	case 0x0c:
		return "serial bus";
	default:
		return "other";
	}
}
