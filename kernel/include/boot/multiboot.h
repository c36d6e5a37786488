/*
 * Multiboot v1: the header the kernel carries and the information structure
 * the loader hands it (the Multiboot Specification, version 0.6.96).  Only
 * the fields Keel reads are named; the rest are padding.
 */
#ifndef KEEL_BOOT_MULTIBOOT_H
#define KEEL_BOOT_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
/* Bit 0: modules page aligned; bit 1: give us the memory map. */
#define MULTIBOOT_HEADER_FLAGS 0x00000003
/* What the loader leaves in EAX. */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

#ifndef __ASSEMBLER__
#include "types.h"

#define MULTIBOOT_INFO_MEMORY  0x001
#define MULTIBOOT_INFO_CMDLINE 0x004
#define MULTIBOOT_INFO_MODS    0x008
#define MULTIBOOT_INFO_MMAP    0x040

typedef struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower; /* KiB below 1 MiB */
	uint32_t mem_upper; /* KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline; /* physical address of a NUL-terminated string */
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr; /* physical address of the first entry */
} __attribute__((packed)) multiboot_info_t;

#define MULTIBOOT_MEMORY_AVAILABLE 1

/* One memory-map entry; 'size' does not count itself. */
typedef struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __attribute__((packed)) multiboot_mmap_entry_t;

#endif /* __ASSEMBLER__ */
#endif
