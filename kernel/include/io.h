/*
 * Port I/O and the handful of privileged instructions C code needs.
 *
 * Every port access is a compiler barrier (the "memory" clobber).  A port
 * write often tells a device to read memory the CPU has just written: the
 * ATA driver fills its PRD table and then starts the bus-master engine with
 * an outb().  Without the clobber the compiler may keep those stores in
 * registers or move them past the outb(), and the device would read a
 * stale table.  Reads get it too, so that a status read is not moved
 * across the memory accesses around it.
 */
#ifndef KEEL_IO_H
#define KEEL_IO_H

#include "types.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
	return v;
}

/* A short delay: a write to an unused port takes about a microsecond. */
static inline void io_wait(void)
{
	outb(0x80, 0);
}

static inline uint64_t rdtsc(void)
{
	uint64_t v;
	__asm__ volatile("rdtsc" : "=A"(v));
	return v;
}

static inline uint32_t read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint32_t read_cr2(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint32_t read_cr3(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void write_cr4(uint32_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void cpu_halt(void)
{
	__asm__ volatile("hlt");
}

#endif
