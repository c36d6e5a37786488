/*
 * The global descriptor table.
 *
 * Keel uses flat segments (base 0, limit 4 GiB) for kernel and user code and
 * data, so segmentation does nothing but set privilege levels; paging does
 * all the protection.  Two TSS descriptors complete it: the kernel's TSS,
 * whose esp0 is the stack the CPU switches to on an interrupt from user
 * mode, and the double-fault TSS, a separate task with its own stack that
 * the double-fault gate switches to (see intr.c).  The last entry is the
 * running thread's thread-local-storage segment (set_thread_area()), which
 * the context switch reloads for each thread.
 */
#include "boot/gdt.h"
#include "mm/mm.h"
#include "util/string.h"

typedef struct gdt_entry {
	uint16_t limit_low;
	uint16_t base_low;
	uint8_t base_mid;
	uint8_t access;
	uint8_t flags_limit_high;
	uint8_t base_high;
} __packed gdt_entry_t;

#define ACCESS_PRESENT 0x80
#define ACCESS_DPL3 0x60
#define ACCESS_CODE_DATA 0x10
#define ACCESS_EXEC 0x08
#define ACCESS_RW 0x02
#define ACCESS_TSS 0x09 /* 32-bit available TSS */
#define FLAGS_4K_32BIT 0xc0

static gdt_entry_t gdt[GDT_TLS_ENTRY + 1];
tss_t kernel_tss;
tss_t df_tss;

static void gdt_set(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	gdt[i] = (gdt_entry_t){
	    .limit_low = limit & 0xffff,
	    .base_low = base & 0xffff,
	    .base_mid = (base >> 16) & 0xff,
	    .access = access,
	    .flags_limit_high = flags | ((limit >> 16) & 0x0f),
	    .base_high = base >> 24,
	};
}

static void gdt_set_tss(int i, tss_t *tss)
{
	gdt_set(i, (uint32_t)tss, sizeof(*tss) - 1, ACCESS_PRESENT | ACCESS_TSS, 0);
}

void gdt_set_tls(const uint32_t desc[2])
{
	_Static_assert(sizeof(gdt_entry_t) == 8, "a descriptor is two words");
	memcpy(&gdt[GDT_TLS_ENTRY], desc, sizeof(gdt_entry_t));
}

void tls_desc_make(uint32_t desc[2], uint32_t base, uint32_t limit, bool limit_in_pages,
		   bool seg_32bit, bool read_only, bool expand_down, bool not_present, bool useable)
{
	gdt_entry_t e = {
	    .limit_low = limit & 0xffff,
	    .base_low = base & 0xffff,
	    .base_mid = (base >> 16) & 0xff,
	    .access = (not_present ? 0 : ACCESS_PRESENT) | ACCESS_DPL3 | ACCESS_CODE_DATA |
		      (read_only ? 0 : ACCESS_RW) | (expand_down ? 0x04 : 0),
	    .flags_limit_high = ((limit >> 16) & 0x0f) | (limit_in_pages ? 0x80 : 0) |
				(seg_32bit ? 0x40 : 0) | (useable ? 0x10 : 0),
	    .base_high = base >> 24,
	};
	memcpy(desc, &e, sizeof(e));
}

void tss_set_kernel_stack(uint32_t esp0)
{
	kernel_tss.esp0 = esp0;
}

void gdt_init(void)
{
	uint8_t code = ACCESS_PRESENT | ACCESS_CODE_DATA | ACCESS_EXEC | ACCESS_RW;
	uint8_t data = ACCESS_PRESENT | ACCESS_CODE_DATA | ACCESS_RW;
	gdt_set(0, 0, 0, 0, 0);
	gdt_set(GDT_KERNEL_CODE / 8, 0, 0xfffff, code, FLAGS_4K_32BIT);
	gdt_set(GDT_KERNEL_DATA / 8, 0, 0xfffff, data, FLAGS_4K_32BIT);
	gdt_set(GDT_USER_CODE / 8, 0, 0xfffff, code | ACCESS_DPL3, FLAGS_4K_32BIT);
	gdt_set(GDT_USER_DATA / 8, 0, 0xfffff, data | ACCESS_DPL3, FLAGS_4K_32BIT);

	memset(&kernel_tss, 0, sizeof(kernel_tss));
	kernel_tss.ss0 = GDT_KERNEL_DATA;
	kernel_tss.iomap_base = sizeof(tss_t); /* no I/O permission bitmap */
	gdt_set_tss(GDT_TSS / 8, &kernel_tss);
	gdt_set_tss(GDT_DF_TSS / 8, &df_tss);

	struct {
		uint16_t limit;
		uint32_t base;
	} __packed gdtr = {sizeof(gdt) - 1, (uint32_t)gdt};
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "movw %%ax, %%ss\n\t"
			 :
			 : "m"(gdtr), "i"(GDT_KERNEL_CODE), "r"(GDT_KERNEL_DATA)
			 : "eax", "memory");
	__asm__ volatile("ltr %w0" : : "r"(GDT_TSS));
}
