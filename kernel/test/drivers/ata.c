/*
 * ATA over bus-master DMA, on the scratch disk hda the test runner attaches
 * (-drive file=IMG,format=raw,if=ide,index=0, 16 MiB).  Patterns differ per
 * block and per boot, so data an earlier run left on the disk never passes
 * for a write that did not happen.  Covers single blocks, many blocks,
 * multi-block requests larger than one DMA transfer, buffers at odd
 * addresses, concurrent readers and writers, out-of-range blocks, that
 * the transfers really are bus-master DMA completed by an interrupt, the
 * PRD table of a transfer of many pages entry by entry, and that a lost
 * interrupt (IRQ 14 masked at the PIC) ends in -EIO after the time-out
 * instead of a thread asleep for ever.
 */
#include "drivers/ata.h"
#include "boot/interrupt.h"
#include "boot/pit.h"
#include "drivers/pci.h"
#include "dtest.h"
#include "errno.h"
#include "io.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "test/ktest.h"
#include "util/string.h"

/* Test areas on the disk (blocks), apart so the tests do not disturb each other. */
#define AREA_SINGLE 8
#define AREA_MANY 64
#define AREA_MULTI 512
#define AREA_ODD 700
#define AREA_CONCURRENT 1024
#define AREA_DMA 2000
#define AREA_PRD 1800
#define AREA_LOST 1900
#define MIN_BLOCKS 2048

KTEST(ata_identify, "drivers.ata.identify")
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	if (bd == NULL) {
		return;
	}
	KT_CHECK_STR(bd->bd_name, "hda");
	KT_CHECK_EQ(bd->bd_id, MKDEVID(DISK_MAJOR, 0));
	KT_CHECK(blockdev_lookup(MKDEVID(DISK_MAJOR, 0)) == bd);
	KT_CHECK(blockdev_lookup_name("/dev/hda") == bd);
	ata_disk_t *disk = ata_disk(0);
	if (!KT_CHECK(disk != NULL && &disk->ad_bdev == bd)) {
		return;
	}
	/* The runner's image is a whole number of MiB: sectors fill blocks exactly. */
	KT_CHECK(disk->ad_nsectors >= MIN_BLOCKS * ATA_SECTORS_PER_BLOCK);
	KT_CHECK_EQ(bd->bd_nblocks, disk->ad_nsectors / ATA_SECTORS_PER_BLOCK);
	KT_CHECK(strlen(disk->ad_model) > 0 && disk->ad_model[strlen(disk->ad_model) - 1] != ' ');
	ktest_note("hda: \"%s\", %u sectors", disk->ad_model, disk->ad_nsectors);
}

KTEST(ata_single_block, "drivers.ata.single_block")
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(BLOCK_SIZE);
	if (bd == NULL || !KT_CHECK(buf != NULL)) {
		kfree(buf);
		return;
	}
	/* Two different patterns in turn: the second read must see the second write. */
	for (uint32_t salt = 1; salt <= 2; salt++) {
		dtest_pattern(buf, AREA_SINGLE, salt);
		KT_CHECK_EQ(blockdev_write(bd, AREA_SINGLE, buf, 1), 0);
		memset(buf, 0, BLOCK_SIZE);
		KT_CHECK_EQ(blockdev_read(bd, AREA_SINGLE, buf, 1), 0);
		KT_CHECK(dtest_check_pattern(buf, AREA_SINGLE, salt));
	}
	kfree(buf);
}

KTEST_SLOW(ata_many_blocks, "drivers.ata.many_blocks", 30000)
{
	const blocknum_t n = 256;
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(BLOCK_SIZE);
	if (bd == NULL || !KT_CHECK(buf != NULL)) {
		kfree(buf);
		return;
	}
	for (blocknum_t b = AREA_MANY; b < AREA_MANY + n; b++) {
		dtest_pattern(buf, b, 3);
		if (!KT_CHECK_EQ(blockdev_write(bd, b, buf, 1), 0)) {
			break;
		}
	}
	/* Read back in reverse order: each block has its own contents. */
	int bad = 0;
	for (blocknum_t b = AREA_MANY + n; b-- > AREA_MANY && bad < 3;) {
		memset(buf, 0, BLOCK_SIZE);
		if (!KT_CHECK_EQ(blockdev_read(bd, b, buf, 1), 0) ||
		    !dtest_check_pattern(buf, b, 3)) {
			bad++;
		}
	}
	kfree(buf);
}

KTEST(ata_multi_block, "drivers.ata.multi_block_requests")
{
	const blocknum_t n = 64; /* four times what one DMA transfer moves */
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(n * BLOCK_SIZE);
	if (bd == NULL || !KT_CHECK(buf != NULL)) {
		kfree(buf);
		return;
	}
	for (blocknum_t i = 0; i < n; i++) {
		dtest_pattern(buf + i * BLOCK_SIZE, AREA_MULTI + i, 4);
	}
	KT_CHECK_EQ(blockdev_write(bd, AREA_MULTI, buf, n), 0);
	/* Read back in pieces of other sizes: 1, 7, 16, 17 and the rest. */
	static const size_t pieces[] = {1, 7, 16, 17, 23};
	memset(buf, 0, n * BLOCK_SIZE);
	blocknum_t at = 0;
	for (size_t p = 0; p < ARRAY_SIZE(pieces); p++) {
		KT_CHECK_EQ(blockdev_read(bd, AREA_MULTI + at, buf + at * BLOCK_SIZE, pieces[p]),
			    0);
		at += pieces[p];
	}
	KT_CHECK_EQ(at, n);
	for (blocknum_t i = 0; i < n; i++) {
		if (!dtest_check_pattern(buf + i * BLOCK_SIZE, AREA_MULTI + i, 4)) {
			break;
		}
	}
	/* And whole, in one request. */
	memset(buf, 0, n * BLOCK_SIZE);
	KT_CHECK_EQ(blockdev_read(bd, AREA_MULTI, buf, n), 0);
	KT_CHECK(dtest_check_pattern(buf + (n - 1) * BLOCK_SIZE, AREA_MULTI + n - 1, 4));
	KT_CHECK(dtest_check_pattern(buf + 20 * BLOCK_SIZE, AREA_MULTI + 20, 4));
	kfree(buf);
}

KTEST(ata_odd_buffer, "drivers.ata.unaligned_buffer")
{
	/* The caller's buffer need not be aligned, or physically contiguous. */
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *mem = kmalloc(3 * BLOCK_SIZE + 8);
	if (bd == NULL || !KT_CHECK(mem != NULL)) {
		kfree(mem);
		return;
	}
	uint8_t *buf = mem + 3;
	dtest_pattern(buf, AREA_ODD, 5);
	dtest_pattern(buf + BLOCK_SIZE, AREA_ODD + 1, 5);
	dtest_pattern(buf + 2 * BLOCK_SIZE, AREA_ODD + 2, 5);
	KT_CHECK_EQ(blockdev_write(bd, AREA_ODD, buf, 3), 0);
	uint8_t *other = mem + 7;
	memset(other, 0, 3 * BLOCK_SIZE);
	mem[3 * BLOCK_SIZE + 7] = 0xee;
	KT_CHECK_EQ(blockdev_read(bd, AREA_ODD, other, 3), 0);
	KT_CHECK(dtest_check_pattern(other, AREA_ODD, 5));
	KT_CHECK(dtest_check_pattern(other + 2 * BLOCK_SIZE, AREA_ODD + 2, 5));
	KT_CHECK_EQ(mem[3 * BLOCK_SIZE + 7], 0xee); /* not a byte past the end */
	kfree(mem);
}

KTEST(ata_out_of_range, "drivers.ata.out_of_range")
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(2 * BLOCK_SIZE);
	if (bd == NULL || !KT_CHECK(buf != NULL)) {
		kfree(buf);
		return;
	}
	blocknum_t last = bd->bd_nblocks - 1;
	KT_CHECK_EQ(blockdev_read(bd, bd->bd_nblocks, buf, 1), -EINVAL);
	KT_CHECK_EQ(blockdev_write(bd, bd->bd_nblocks, buf, 1), -EINVAL);
	KT_CHECK_EQ(blockdev_read(bd, last, buf, 2), -EINVAL);
	KT_CHECK_EQ(blockdev_write(bd, last, buf, 2), -EINVAL);
	KT_CHECK_EQ(blockdev_read(bd, 0xffffffffu, buf, 2), -EINVAL); /* block + count overflows */
	KT_CHECK_EQ(blockdev_read(bd, 1, buf, 0xffffffffu), -EINVAL);
	/* The last block itself is fine. */
	dtest_pattern(buf, last, 6);
	KT_CHECK_EQ(blockdev_write(bd, last, buf, 1), 0);
	memset(buf, 0, BLOCK_SIZE);
	KT_CHECK_EQ(blockdev_read(bd, last, buf, 1), 0);
	KT_CHECK(dtest_check_pattern(buf, last, 6));
	kfree(buf);
}

/* A worker of the concurrency test: writes its own range, then reads it back, several times. */
#define WORKERS 4
#define WORKER_BLOCKS 24
static void *disk_worker(long id, void *arg)
{
	blockdev_t *bd = arg;
	uint8_t *buf = kmalloc(4 * BLOCK_SIZE);
	if (buf == NULL) {
		return (void *)1;
	}
	blocknum_t base = AREA_CONCURRENT + id * WORKER_BLOCKS;
	long bad = 0;
	for (int round = 0; round < 3 && bad == 0; round++) {
		uint32_t salt = 100 + id * 10 + round;
		for (blocknum_t b = 0; b < WORKER_BLOCKS; b += 4) {
			for (int i = 0; i < 4; i++) {
				dtest_pattern(buf + i * BLOCK_SIZE, base + b + i, salt);
			}
			if (blockdev_write(bd, base + b, buf, 4) != 0) {
				bad++;
			}
		}
		for (blocknum_t b = 0; b < WORKER_BLOCKS && bad == 0; b += 3) {
			if (blockdev_read(bd, base + b, buf, 3) != 0) {
				bad++;
			}
			for (int i = 0; i < 3 && bad == 0; i++) {
				bad +=
				    !dtest_check_pattern(buf + i * BLOCK_SIZE, base + b + i, salt);
			}
		}
	}
	kfree(buf);
	return (void *)bad;
}

KTEST_SLOW(ata_concurrent, "drivers.ata.concurrent_readers_writers", 30000)
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	if (bd == NULL) {
		return;
	}
	proc_t *workers[WORKERS];
	for (long i = 0; i < WORKERS; i++) {
		workers[i] = spawn("disk-worker", disk_worker, i, bd);
		if (workers[i] == NULL) {
			for (long j = 0; j < i; j++) {
				reap(workers[j]->p_pid);
			}
			return;
		}
	}
	for (int i = 0; i < WORKERS; i++) {
		KT_CHECK_EQ(reap(workers[i]->p_pid), 0);
	}
}

KTEST(ata_dma_used, "drivers.ata.dma_with_interrupt")
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(BLOCK_SIZE);
	if (bd == NULL || !KT_CHECK(buf != NULL)) {
		kfree(buf);
		return;
	}
	/* The controller's bus-master registers, found independently of the driver. */
	pci_device_t *ide = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, NULL);
	if (!KT_CHECK(ide != NULL) || !KT_CHECK(pci_bar_io(ide, 4) != 0)) {
		kfree(buf);
		return;
	}
	uint16_t bm = pci_bar_io(ide, 4); /* primary channel: hda */
	KT_CHECK(pci_read16(ide, PCI_COMMAND) & PCI_COMMAND_BUS_MASTER);

	dtest_pattern(buf, AREA_DMA, 7);
	KT_CHECK_EQ(blockdev_write(bd, AREA_DMA, buf, 1), 0);
	memset(buf, 0, BLOCK_SIZE);
	/* Forget the PRD table address; a DMA read must set it again. */
	outl(bm + 4, 0);
	uint32_t irqs = intr_counts[IRQ_BASE + IRQ_ATA_PRIMARY];
	KT_CHECK_EQ(blockdev_read(bd, AREA_DMA, buf, 1), 0);
	KT_CHECK(dtest_check_pattern(buf, AREA_DMA, 7));
	KT_CHECK(intr_counts[IRQ_BASE + IRQ_ATA_PRIMARY] > irqs);
	uint32_t prdt = inl(bm + 4);
	if (KT_CHECK(prdt != 0) && KT_CHECK(prdt + 8 <= DIRECT_MAP_SIZE) &&
	    KT_CHECK(prdt % 4 == 0)) {
		/* The first PRD names the memory the data arrived in. */
		const ata_prd_t *prd = phys_to_virt(prdt);
		KT_CHECK(prd->prd_addr != 0 && prd->prd_addr < DIRECT_MAP_SIZE);
		KT_CHECK(prd->prd_addr / 65536 ==
			 (prd->prd_addr + (prd->prd_bytes ? prd->prd_bytes : 65536) - 1) / 65536);
		if (prd->prd_addr != 0 && prd->prd_addr < DIRECT_MAP_SIZE) {
			KT_CHECK(memcmp(phys_to_virt(prd->prd_addr), buf, 64) == 0);
		}
	}
	/* The engine is stopped and its interrupt acknowledged. */
	uint8_t status = inb(bm + 2);
	KT_CHECK_EQ(status & 0x07, 0);
	kfree(buf);
}

KTEST(ata_prd_entries, "drivers.ata.prd_table_entries")
{
	const size_t n = ATA_MAX_BLOCKS; /* one transfer, one PRD per 4 KiB page */
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(n * BLOCK_SIZE);
	pci_device_t *ide = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, NULL);
	if (bd == NULL || !KT_CHECK(buf != NULL) || !KT_CHECK(ide != NULL)) {
		kfree(buf);
		return;
	}
	uint16_t bm = pci_bar_io(ide, 4); /* primary channel: hda */
	for (size_t i = 0; i < n; i++) {
		dtest_pattern(buf + i * BLOCK_SIZE, AREA_PRD + i, 9);
	}
	KT_CHECK_EQ(blockdev_write(bd, AREA_PRD, buf, n), 0);
	memset(buf, 0, n * BLOCK_SIZE);
	KT_CHECK_EQ(blockdev_read(bd, AREA_PRD, buf, n), 0);
	KT_CHECK(dtest_check_pattern(buf + (n - 1) * BLOCK_SIZE, AREA_PRD + n - 1, 9));
	/* The table the engine used, found from its register, not from the driver. */
	uint32_t prdt = inl(bm + 4);
	if (!KT_CHECK(prdt != 0 && prdt % 4 == 0 && prdt + n * 8 <= DIRECT_MAP_SIZE) ||
	    !KT_CHECK(prdt / 65536 == (prdt + n * 8 - 1) / 65536)) {
		kfree(buf);
		return;
	}
	const ata_prd_t *prd = phys_to_virt(prdt);
	for (size_t i = 0; i < n; i++) {
		ktest_note("PRD %zu: addr 0x%x bytes %u flags 0x%x", i, prd[i].prd_addr,
			   prd[i].prd_bytes, prd[i].prd_flags);
		bool ok = KT_CHECK_EQ(prd[i].prd_bytes, BLOCK_SIZE) &&
			  KT_CHECK_EQ(prd[i].prd_flags, i == n - 1 ? ATA_PRD_EOT : 0) &&
			  KT_CHECK(prd[i].prd_addr % PAGE_SIZE == 0 &&
				   prd[i].prd_addr + BLOCK_SIZE <= DIRECT_MAP_SIZE);
		/* Entry i holds block i of the transfer: the data came through it. */
		if (!ok || !KT_CHECK(memcmp(phys_to_virt(prd[i].prd_addr), buf + i * BLOCK_SIZE,
					    BLOCK_SIZE) == 0)) {
			break;
		}
	}
	kfree(buf);
}

KTEST(ata_lost_interrupt, "drivers.ata.lost_interrupt_times_out")
{
	blockdev_t *bd = dtest_disk(MIN_BLOCKS);
	uint8_t *buf = kmalloc(BLOCK_SIZE);
	ata_channel_t *ch = ata_channel(0);
	if (bd == NULL || !KT_CHECK(buf != NULL) || !KT_CHECK(ch != NULL)) {
		kfree(buf);
		return;
	}
	dtest_pattern(buf, AREA_LOST, 11);
	KT_CHECK_EQ(blockdev_write(bd, AREA_LOST, buf, 1), 0);
	memset(buf, 0, BLOCK_SIZE);

	/* Mask IRQ 14 at the PIC: the drive finishes, but its interrupt never arrives. */
	uint32_t saved_timeout = ata_timeout_ms;
	uint32_t errors = ch->ac_nerrors;
	ata_timeout_ms = 200;
	irq_disable(IRQ_ATA_PRIMARY);
	uint32_t began = pit_ticks;
	int err = blockdev_read(bd, AREA_LOST, buf, 1);
	uint32_t took = pit_ticks - began;
	irq_enable(IRQ_ATA_PRIMARY);
	ata_timeout_ms = saved_timeout;
	KT_CHECK_EQ(err, -EIO);
	KT_CHECK(took >= sched_ms_to_ticks(200) - 1);
	KT_CHECK(took < sched_ms_to_ticks(5000));
	KT_CHECK_EQ(ch->ac_nerrors, errors + 1);
	ktest_note("the read failed after %u ticks", took);

	/* The channel recovers: with the interrupt back, the same read works. */
	KT_CHECK_EQ(blockdev_read(bd, AREA_LOST, buf, 1), 0);
	KT_CHECK(dtest_check_pattern(buf, AREA_LOST, 11));
	kfree(buf);
}
