/*
 * PCI configuration space and the list of PCI functions.  (Support code.)
 *
 * Configuration space is reached through configuration mechanism #1: write
 * the function's address to port 0xCF8 (CONFIG_ADDRESS), then read or write
 * the dword at port 0xCFC (CONFIG_DATA).  pci_init() walks bus 0 and every
 * bus behind a PCI-to-PCI bridge, and records each function it finds.
 *
 * Drivers find their hardware by class (an IDE controller is class 1,
 * subclass 1) or by vendor and device id, never by fixed position.
 */
#ifndef KEEL_DRIVERS_PCI_H
#define KEEL_DRIVERS_PCI_H

#include "types.h"
#include "util/list.h"

/* Configuration-space registers (offsets in the type-0 header). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_REVISION 0x08
#define PCI_PROG_IF 0x09
#define PCI_SUBCLASS 0x0a
#define PCI_CLASS 0x0b
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19 /* in a bridge's type-1 header */
#define PCI_INTERRUPT_LINE 0x3c

#define PCI_COMMAND_IO 0x0001         /* respond to I/O-space accesses */
#define PCI_COMMAND_MEMORY 0x0002     /* respond to memory-space accesses */
#define PCI_COMMAND_BUS_MASTER 0x0004 /* may start DMA of its own */

#define PCI_BAR_IO 0x1 /* bit 0 of a BAR: an I/O-space BAR */

#define PCI_CLASS_STORAGE 0x01
#define PCI_SUBCLASS_IDE 0x01
#define PCI_CLASS_BRIDGE 0x06
#define PCI_SUBCLASS_PCI_BRIDGE 0x04

typedef struct pci_device {
	uint8_t pd_bus, pd_slot, pd_func;
	uint16_t pd_vendor, pd_device;
	uint8_t pd_class, pd_subclass, pd_prog_if, pd_revision;
	uint8_t pd_irq_line; /* what the firmware routed the interrupt pin to */
	uint32_t pd_bar[6];  /* the raw base address registers */
	list_link_t pd_link; /* on the device list; owned by pci.c */
} pci_device_t;

/* Configuration reads and writes of the function at bus:slot.func. */
uint32_t pci_config_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset);
uint16_t pci_config_read16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset);
uint8_t pci_config_read8(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset);
void pci_config_write32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint32_t v);
void pci_config_write16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t offset, uint16_t v);

/* The same, for a device on the list. */
uint32_t pci_read32(const pci_device_t *pd, uint8_t offset);
uint16_t pci_read16(const pci_device_t *pd, uint8_t offset);
void pci_write16(const pci_device_t *pd, uint8_t offset, uint16_t v);

/*
 * Scans the buses and builds the device list (once; later calls do
 * nothing).  Returns the number of functions found.
 */
int pci_init(void);

/* The device after 'prev' on the list (the first for NULL), or NULL at the end. */
pci_device_t *pci_next(pci_device_t *prev);

/* The first device after 'prev' (NULL: from the start) of the given class, or NULL. */
pci_device_t *pci_find_class(uint8_t class, uint8_t subclass, pci_device_t *prev);

/* The first device with this vendor and device id, or NULL. */
pci_device_t *pci_find_id(uint16_t vendor, uint16_t device);

/*
 * The I/O port base of BAR 'n' of 'pd', or 0 when that BAR is not an I/O
 * BAR or is unassigned.
 */
uint16_t pci_bar_io(const pci_device_t *pd, int n);

/* Sets bits in the command register (PCI_COMMAND_IO, PCI_COMMAND_BUS_MASTER...). */
void pci_enable(const pci_device_t *pd, uint16_t command_bits);

/* A short name for a class ("IDE controller", "bridge"), for listings. */
const char *pci_class_name(const pci_device_t *pd);

#endif
