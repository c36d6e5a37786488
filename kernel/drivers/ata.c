/*
 * ATA disks with bus-master DMA (see drivers/ata.h for the hardware).
 *
 * Boot (ata_init, support code):
 *   1. find the IDE controller on PCI by class; read its bus-master base
 *      from BAR4 (the firmware assigned it; never assume an address) and
 *      set the bus-master bit in its PCI command register, without which
 *      the controller may not touch memory at all;
 *   2. per channel, with the drives' interrupts off (nIEN), IDENTIFY each
 *      drive by polling (ata_identify);
 *   3. for a channel with a disk: allocate its PRD table and DMA buffer
 *      (ata_dma_alloc), install the IRQ handler, turn interrupts on;
 *   4. register each disk as a block device (hda..).
 *
 * One transfer (ata_transfer), with the channel's mutex held:
 *
 *   thread                                   IRQ 14 handler (ata_intr)
 *   fill the PRD table, one entry per block
 *   PRD table address -> BM PRDT register
 *   direction -> BM command (engine stopped)
 *   clear BM status interrupt/error bits
 *   select drive + LBA bits 24-27, wait !BSY
 *   sector count, LBA bits 0-23
 *   ac_done = false    (interrupts masked from here)
 *   READ DMA / WRITE DMA -> command register
 *   start bit -> BM command
 *   alarm in ata_timeout_ms
 *   sleep on ac_waitq while !ac_done  .....  the drive finishes:
 *                                            read BM status and drive status
 *                                            (reading status acknowledges the
 *                                            drive), stop the engine, clear
 *                                            the BM bits, record, ac_done =
 *                                            true, wake the thread
 *   cancel the alarm                         (or the alarm fires first:
 *                                            ata_timeout() sets ac_timed_out
 *                                            and ac_done, wakes the thread)
 *   timed out: stop the engine, clear the BM status, read the drive
 *   status -> -EIO
 *   errors in what the handler saw -> -EIO
 *
 * Why a DMA buffer of our own.  The engine needs physical addresses of
 * physically contiguous memory.  A caller's buffer may be anywhere: on a
 * kernel stack (mapped from scattered frames outside the direct map), or
 * across a page boundary into a frame that is not the next one.  So each
 * channel owns ATA_MAX_BLOCKS pages from page_alloc_run(); reads are copied
 * out of it, writes into it.  Larger requests are split into transfers of
 * at most ATA_MAX_BLOCKS blocks, under one hold of the mutex.
 *
 * The handler never sleeps and does little: the thread, not the handler,
 * turns what the hardware said into an error code.
 */
#include "drivers/ata.h"
#include "boot/interrupt.h"
#include "drivers/pci.h"
#include "errno.h"
#include "io.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

/* Command block registers (offsets from ac_io). */
#define ATA_REG_DATA 0
#define ATA_REG_ERROR 1    /* read */
#define ATA_REG_FEATURES 1 /* write */
#define ATA_REG_SECCOUNT 2
#define ATA_REG_LBA_LOW 3
#define ATA_REG_LBA_MID 4
#define ATA_REG_LBA_HIGH 5
#define ATA_REG_DRIVE 6
#define ATA_REG_STATUS 7  /* read; reading it acknowledges the drive's interrupt */
#define ATA_REG_COMMAND 7 /* write */

/* Status register bits. */
#define ATA_SR_BSY 0x80
#define ATA_SR_DRDY 0x40
#define ATA_SR_DF 0x20
#define ATA_SR_DRQ 0x08
#define ATA_SR_ERR 0x01

/* Drive register: bits 7 and 5 always set, bit 6 LBA mode, bit 4 the slave. */
#define ATA_DRIVE_BASE 0xa0
#define ATA_DRIVE_LBA 0x40
#define ATA_DRIVE_SLAVE 0x10

/* Device control register. */
#define ATA_CTRL_NIEN 0x02 /* no interrupts from the drive */

#define ATA_CMD_READ_DMA 0xc8
#define ATA_CMD_WRITE_DMA 0xca
#define ATA_CMD_IDENTIFY 0xec

/* IDENTIFY DEVICE data (256 words). */
#define ATA_ID_MODEL 27 /* words 27-46: model, two characters a word, high byte first */
#define ATA_ID_CAPABILITIES 49
#define ATA_ID_CAP_DMA 0x0100
#define ATA_ID_CAP_LBA 0x0200
#define ATA_ID_LBA28_SECTORS 60 /* words 60-61 */

/* Bus-master registers (offsets from ac_bm). */
#define BM_COMMAND 0
#define BM_STATUS 2
#define BM_PRDT 4
#define BM_CMD_START 0x01
#define BM_CMD_TO_MEMORY 0x08 /* the direction of a disk read */
#define BM_STATUS_ACTIVE 0x01
#define BM_STATUS_ERR 0x02
#define BM_STATUS_IRQ 0x04

#define ATA_POLL_LIMIT 1000000

/* The PIIX3 is a compatibility-mode controller: legacy ports and IRQs. */
static const uint16_t legacy_io[ATA_NCHANNELS] = {0x1f0, 0x170};
static const uint16_t legacy_ctrl[ATA_NCHANNELS] = {0x3f6, 0x376};
static const int legacy_irq[ATA_NCHANNELS] = {IRQ_ATA_PRIMARY, IRQ_ATA_SECONDARY};

uint32_t ata_timeout_ms = ATA_TIMEOUT_MS;

static ata_channel_t channels[ATA_NCHANNELS];
static ata_disk_t disks[ATA_NDISKS];
static bool disk_present[ATA_NDISKS];
static bool channel_ready[ATA_NCHANNELS];

/* Helpers for the register protocol. */

/* About 400 ns: four reads of the alternate status, after selecting a drive. */
static inline void ata_delay400(ata_channel_t *ch)
{
	for (int i = 0; i < 4; i++) {
		inb(ch->ac_ctrl);
	}
}

/*
 * Polls until the drive is not busy.  Returns the status register, or -EIO
 * if it stays busy (no drive answers, or it hangs).
 */
static inline int ata_wait_not_busy(ata_channel_t *ch)
{
	for (int i = 0; i < ATA_POLL_LIMIT; i++) {
		uint8_t st = inb(ch->ac_ctrl);
		if ((st & ATA_SR_BSY) == 0) {
			return st;
		}
	}
	return -EIO;
}

/*
 * Selects drive 'drive' of the channel in LBA mode with 'lba_high' (LBA bits
 * 24-27) and waits until it is ready for a command.  Returns 0 or -EIO.
 */
static inline int ata_select(ata_channel_t *ch, int drive, uint8_t lba_high)
{
	outb(ch->ac_io + ATA_REG_DRIVE,
	     ATA_DRIVE_BASE | ATA_DRIVE_LBA | (drive ? ATA_DRIVE_SLAVE : 0) | (lba_high & 0x0f));
	ata_delay400(ch);
	int st = ata_wait_not_busy(ch);
	if (st < 0 || (st & ATA_SR_DRDY) == 0) {
		return -EIO;
	}
	return 0;
}

/*
 * The alarm of a transfer whose interrupt did not come in time (it runs in
 * the timer interrupt): ends the wait as the interrupt handler would, with
 * ac_timed_out set.  Arm it with sched_alarm_set(&ch->ac_alarm, ...,
 * ata_timeout, ch).
 */
static void ata_timeout(void *arg)
{
	ata_channel_t *ch = arg;
	if (!ch->ac_done) {
		ch->ac_timed_out = true;
		ch->ac_done = true;
		sched_wakeup_on(&ch->ac_waitq);
	}
}

/*
 * Student code.
 *
 * ata_dma_alloc: a PRD table and a DMA buffer for the channel.  Both need
 * physically contiguous memory: page_alloc() gives one frame (page aligned,
 * so 4-byte aligned and inside one 64 KiB region); page_alloc_run() gives
 * ATA_MAX_BLOCKS contiguous frames.  Free what you got if a later step
 * fails.
 */
static int ata_dma_alloc(ata_channel_t *ch)
{
	/* BEGIN SOLUTION(drivers, ata_dma_alloc) -> -ENOSYS */
	ch->ac_prdt = page_alloc();
	if (ch->ac_prdt == NULL) {
		return -ENOMEM;
	}
	ch->ac_dma_buf = page_alloc_run(ATA_MAX_BLOCKS, PAGE_SIZE);
	if (ch->ac_dma_buf == NULL) {
		page_free(ch->ac_prdt);
		ch->ac_prdt = NULL;
		return -ENOMEM;
	}
	return 0;
	/* END SOLUTION */
}

/*
 * IDENTIFY DEVICE by polling (the drive's interrupts are off during the
 * probe).  Select the drive (ata_delay400() after), zero the sector count
 * and LBA registers, send the command.  A status of 0 means no drive.  Wait
 * for BSY to clear; then nonzero LBA mid/high registers mean a packet
 * device (the CD-ROM), not a disk: -ENODEV.  Wait for DRQ (data ready) or
 * ERR, then read the 256 words from the data register.  Fill in ad_channel,
 * ad_drive, ad_nsectors and ad_model (trailing blanks removed).  A drive
 * without LBA support is -ENODEV too.
 */
static int ata_identify(ata_channel_t *ch, int drive, ata_disk_t *disk)
{
	/* BEGIN SOLUTION(drivers, ata_identify) -> -ENOSYS */
	outb(ch->ac_io + ATA_REG_DRIVE, ATA_DRIVE_BASE | (drive ? ATA_DRIVE_SLAVE : 0));
	ata_delay400(ch);
	outb(ch->ac_io + ATA_REG_SECCOUNT, 0);
	outb(ch->ac_io + ATA_REG_LBA_LOW, 0);
	outb(ch->ac_io + ATA_REG_LBA_MID, 0);
	outb(ch->ac_io + ATA_REG_LBA_HIGH, 0);
	outb(ch->ac_io + ATA_REG_COMMAND, ATA_CMD_IDENTIFY);
	ata_delay400(ch);
	uint8_t st = inb(ch->ac_io + ATA_REG_STATUS);
	if (st == 0 || st == 0xff) {
		return -ENODEV;
	}
	if (ata_wait_not_busy(ch) < 0) {
		return -ENODEV;
	}
	if (inb(ch->ac_io + ATA_REG_LBA_MID) != 0 || inb(ch->ac_io + ATA_REG_LBA_HIGH) != 0) {
		return -ENODEV;
	}
	int i = 0;
	for (; i < ATA_POLL_LIMIT; i++) {
		st = inb(ch->ac_io + ATA_REG_STATUS);
		if (st & (ATA_SR_ERR | ATA_SR_DRQ)) {
			break;
		}
	}
	if (i == ATA_POLL_LIMIT || (st & ATA_SR_ERR)) {
		return -ENODEV;
	}
	uint16_t id[256];
	for (i = 0; i < 256; i++) {
		id[i] = inw(ch->ac_io + ATA_REG_DATA);
	}
	if ((id[ATA_ID_CAPABILITIES] & ATA_ID_CAP_LBA) == 0) {
		return -ENODEV;
	}
	disk->ad_channel = ch;
	disk->ad_drive = drive;
	disk->ad_nsectors = id[ATA_ID_LBA28_SECTORS] | (uint32_t)id[ATA_ID_LBA28_SECTORS + 1] << 16;
	for (i = 0; i < 20; i++) {
		disk->ad_model[2 * i] = (char)(id[ATA_ID_MODEL + i] >> 8);
		disk->ad_model[2 * i + 1] = (char)(id[ATA_ID_MODEL + i] & 0xff);
	}
	disk->ad_model[40] = '\0';
	for (i = 39; i >= 0 && disk->ad_model[i] == ' '; i--) {
		disk->ad_model[i] = '\0';
	}
	return 0;
	/* END SOLUTION */
}

/*
 * The interrupt handler (interrupts are off; the PIC already has its EOI).
 * Read the bus-master status and the drive status (which acknowledges the
 * drive).  If neither the bus-master interrupt bit nor the drive's ERR bit
 * is set, the interrupt is not a finished request: return.  Otherwise stop
 * the engine (clear the start bit), clear the interrupt and error bits
 * (they clear when written with 1), record both statuses in the channel,
 * set ac_done and wake the thread on ac_waitq.
 */
static void ata_intr(ata_channel_t *ch)
{
	/* BEGIN SOLUTION(drivers, ata_intr) -> nothing */
	uint8_t bm = inb(ch->ac_bm + BM_STATUS);
	uint8_t st = inb(ch->ac_io + ATA_REG_STATUS);
	if ((bm & BM_STATUS_IRQ) == 0 && (st & ATA_SR_ERR) == 0) {
		return;
	}
	outb(ch->ac_bm + BM_COMMAND, inb(ch->ac_bm + BM_COMMAND) & ~BM_CMD_START);
	outb(ch->ac_bm + BM_STATUS, bm | BM_STATUS_IRQ | BM_STATUS_ERR);
	ch->ac_bm_status = bm;
	ch->ac_status = st;
	ch->ac_done = true;
	sched_wakeup_on(&ch->ac_waitq);
	/* END SOLUTION */
}

/*
 * Follow the table at the top of the file.  Physical addresses come from
 * virt_to_phys() (both the table and the buffer are in the direct map).
 * The direction bit is "to memory" for a disk read.  LBA28: a block is
 * ATA_SECTORS_PER_BLOCK sectors.  Set ac_done = false and issue the command
 * with interrupts masked, and keep them masked until the sleep, or the
 * interrupt may come before you sleep and you would sleep forever.  Before
 * sleeping, clear ac_timed_out and set the alarm (ata_timeout() above,
 * sched_ms_to_ticks(ata_timeout_ms)); after waking, cancel it.  Timed out:
 * stop the engine, clear the bus-master status as ata.h says, read the
 * drive status, -EIO.  Otherwise the bus-master ERR bit, or ERR or DF in
 * the drive status, is -EIO (dbg(DBG_DISK, ...) the error register to help
 * debugging).  Count ac_ntransfers and ac_nerrors (a time-out is an error).
 */
int ata_transfer(ata_disk_t *disk, blocknum_t block, size_t nblocks, bool write)
{
	/* BEGIN SOLUTION(drivers, ata_transfer) -> -ENOSYS */
	ata_channel_t *ch = disk->ad_channel;
	KASSERT(kmutex_owns(&ch->ac_mutex));
	KASSERT(nblocks >= 1 && nblocks <= ATA_MAX_BLOCKS);
	uint32_t lba = block * ATA_SECTORS_PER_BLOCK;
	uint32_t nsectors = nblocks * ATA_SECTORS_PER_BLOCK;

	for (size_t i = 0; i < nblocks; i++) {
		ch->ac_prdt[i].prd_addr = virt_to_phys((char *)ch->ac_dma_buf + i * BLOCK_SIZE);
		ch->ac_prdt[i].prd_bytes = BLOCK_SIZE;
		ch->ac_prdt[i].prd_flags = i == nblocks - 1 ? ATA_PRD_EOT : 0;
	}
	uint8_t direction = write ? 0 : BM_CMD_TO_MEMORY;
	outl(ch->ac_bm + BM_PRDT, virt_to_phys(ch->ac_prdt));
	outb(ch->ac_bm + BM_COMMAND, direction);
	outb(ch->ac_bm + BM_STATUS, inb(ch->ac_bm + BM_STATUS) | BM_STATUS_IRQ | BM_STATUS_ERR);

	if (ata_select(ch, disk->ad_drive, (uint8_t)(lba >> 24)) != 0) {
		ch->ac_nerrors++;
		dbg(DBG_DISK, "%s: drive not ready\n", disk->ad_bdev.bd_name);
		return -EIO;
	}
	outb(ch->ac_io + ATA_REG_FEATURES, 0);
	outb(ch->ac_io + ATA_REG_SECCOUNT, (uint8_t)nsectors);
	outb(ch->ac_io + ATA_REG_LBA_LOW, (uint8_t)lba);
	outb(ch->ac_io + ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
	outb(ch->ac_io + ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));

	uint32_t flags = intr_save();
	ch->ac_done = false;
	outb(ch->ac_io + ATA_REG_COMMAND, write ? ATA_CMD_WRITE_DMA : ATA_CMD_READ_DMA);
	outb(ch->ac_bm + BM_COMMAND, direction | BM_CMD_START);
	ch->ac_timed_out = false;
	sched_alarm_set(&ch->ac_alarm, sched_ms_to_ticks(ata_timeout_ms), ata_timeout, ch);
	while (!ch->ac_done) {
		sched_sleep_on(&ch->ac_waitq);
	}
	sched_alarm_cancel(&ch->ac_alarm);
	intr_restore(flags);

	if (ch->ac_timed_out) {
		outb(ch->ac_bm + BM_COMMAND, direction);
		outb(ch->ac_bm + BM_STATUS,
		     inb(ch->ac_bm + BM_STATUS) | BM_STATUS_IRQ | BM_STATUS_ERR);
		uint8_t st = inb(ch->ac_io + ATA_REG_STATUS);
		ch->ac_nerrors++;
		dbg(DBG_DISK, "%s: %s of %zu blocks at %u: no interrupt in %u ms (status 0x%02x)\n",
		    disk->ad_bdev.bd_name, write ? "write" : "read", nblocks, block, ata_timeout_ms,
		    st);
		return -EIO;
	}

	if ((ch->ac_bm_status & BM_STATUS_ERR) || (ch->ac_status & (ATA_SR_ERR | ATA_SR_DF))) {
		ch->ac_nerrors++;
		dbg(DBG_DISK,
		    "%s: %s of %zu blocks at %u failed: status 0x%02x error 0x%02x bm 0x%02x\n",
		    disk->ad_bdev.bd_name, write ? "write" : "read", nblocks, block, ch->ac_status,
		    inb(ch->ac_io + ATA_REG_ERROR), ch->ac_bm_status);
		return -EIO;
	}
	ch->ac_ntransfers++;
	return 0;
	/* END SOLUTION */
}

/*
 * Check the range first: block + count must not pass bd_nblocks (beware of
 * overflow: compare count with bd_nblocks - block).  Then, holding the
 * channel's mutex, move at most ATA_MAX_BLOCKS blocks per ata_transfer()
 * and copy each piece out of the channel's DMA buffer.
 */
int ata_read(ata_disk_t *disk, blocknum_t block, void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, ata_read) -> -ENOSYS */
	KASSERT(disk != NULL && buf != NULL);
	if (count == 0) {
		return 0;
	}
	blocknum_t nblocks = disk->ad_bdev.bd_nblocks;
	if (block >= nblocks || count > nblocks - block) {
		return -EINVAL;
	}
	ata_channel_t *ch = disk->ad_channel;
	int err = 0;
	kmutex_lock(&ch->ac_mutex);
	for (size_t done = 0; done < count && err == 0;) {
		size_t n = MIN(count - done, (size_t)ATA_MAX_BLOCKS);
		err = ata_transfer(disk, block + done, n, false);
		if (err == 0) {
			memcpy((char *)buf + done * BLOCK_SIZE, ch->ac_dma_buf, n * BLOCK_SIZE);
		}
		done += n;
	}
	kmutex_unlock(&ch->ac_mutex);
	return err;
	/* END SOLUTION */
}

/* As ata_read(), copying each piece into the DMA buffer before its transfer. */
int ata_write(ata_disk_t *disk, blocknum_t block, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, ata_write) -> -ENOSYS */
	KASSERT(disk != NULL && buf != NULL);
	if (count == 0) {
		return 0;
	}
	blocknum_t nblocks = disk->ad_bdev.bd_nblocks;
	if (block >= nblocks || count > nblocks - block) {
		return -EINVAL;
	}
	ata_channel_t *ch = disk->ad_channel;
	int err = 0;
	kmutex_lock(&ch->ac_mutex);
	for (size_t done = 0; done < count && err == 0;) {
		size_t n = MIN(count - done, (size_t)ATA_MAX_BLOCKS);
		memcpy(ch->ac_dma_buf, (const char *)buf + done * BLOCK_SIZE, n * BLOCK_SIZE);
		err = ata_transfer(disk, block + done, n, true);
		done += n;
	}
	kmutex_unlock(&ch->ac_mutex);
	return err;
	/* END SOLUTION */
}

/* Support: the block device glue, the IRQ entry points and the probe. */

static int ata_bd_read(blockdev_t *bd, blocknum_t block, void *buf, size_t count)
{
	return ata_read(bd->bd_driver, block, buf, count);
}

static int ata_bd_write(blockdev_t *bd, blocknum_t block, const void *buf, size_t count)
{
	return ata_write(bd->bd_driver, block, buf, count);
}

static const blockdev_ops_t ata_bd_ops = {
    .read_block = ata_bd_read,
    .write_block = ata_bd_write,
};

static void ata_intr_primary(regs_t *regs)
{
	ata_intr(&channels[0]);
}

static void ata_intr_secondary(regs_t *regs)
{
	ata_intr(&channels[1]);
}

ata_disk_t *ata_disk(int index)
{
	return index >= 0 && index < ATA_NDISKS && disk_present[index] ? &disks[index] : NULL;
}

ata_channel_t *ata_channel(int index)
{
	return index >= 0 && index < ATA_NCHANNELS && channel_ready[index] ? &channels[index]
									   : NULL;
}

/* Identifies the drives of one channel; returns how many disks it has. */
static int probe_channel(ata_channel_t *ch)
{
	/* Nothing attached: the bus floats and reads all ones. */
	if (inb(ch->ac_io + ATA_REG_STATUS) == 0xff) {
		return 0;
	}
	outb(ch->ac_ctrl, ATA_CTRL_NIEN);
	int found = 0;
	for (int drive = 0; drive < 2; drive++) {
		int index = ch->ac_index * 2 + drive;
		if (ata_identify(ch, drive, &disks[index]) == 0) {
			disk_present[index] = true;
			found++;
		}
	}
	return found;
}

static void register_disk(int index)
{
	ata_disk_t *disk = &disks[index];
	blockdev_t *bd = &disk->ad_bdev;
	bd->bd_id = MKDEVID(DISK_MAJOR, index);
	snprintf(bd->bd_name, sizeof(bd->bd_name), "hd%c", 'a' + index);
	bd->bd_nblocks = disk->ad_nsectors / ATA_SECTORS_PER_BLOCK;
	bd->bd_ops = &ata_bd_ops;
	bd->bd_driver = disk;
	int err = blockdev_register(bd);
	if (err != 0) {
		kprintf("ata: could not register %s: %s\n", bd->bd_name, errno_name(err));
		return;
	}
	kprintf("ata: %s: \"%s\", %u KiB (%u blocks), DMA through bus master at 0x%x\n",
		bd->bd_name, disk->ad_model, disk->ad_nsectors / 2, bd->bd_nblocks,
		disk->ad_channel->ac_bm);
}

void ata_init(void)
{
	pci_device_t *pd = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, NULL);
	if (pd == NULL) {
		kprintf("ata: no IDE controller\n");
		return;
	}
	uint16_t bm_base = pci_bar_io(pd, 4);
	if (bm_base == 0) {
		kprintf("ata: IDE controller %04x:%04x has no bus-master registers (BAR4)\n",
			pd->pd_vendor, pd->pd_device);
		return;
	}
	pci_enable(pd, PCI_COMMAND_IO | PCI_COMMAND_BUS_MASTER);
	dbg(DBG_DISK,
	    "IDE controller %04x:%04x at %02x:%02x.%x, prog-if 0x%02x, bus master at 0x%x\n",
	    pd->pd_vendor, pd->pd_device, pd->pd_bus, pd->pd_slot, pd->pd_func, pd->pd_prog_if,
	    bm_base);

	for (int c = 0; c < ATA_NCHANNELS; c++) {
		ata_channel_t *ch = &channels[c];
		/* Prog-if bit 0 (2): the primary (secondary) channel runs in native PCI mode. */
		if (pd->pd_prog_if & (1 << (2 * c))) {
			kprintf(
			    "ata: channel %d is in native PCI mode, which Keel does not drive\n",
			    c);
			continue;
		}
		ch->ac_index = c;
		ch->ac_io = legacy_io[c];
		ch->ac_ctrl = legacy_ctrl[c];
		ch->ac_bm = bm_base + 8 * c;
		ch->ac_irq = legacy_irq[c];
		kmutex_init(&ch->ac_mutex);
		sched_queue_init(&ch->ac_waitq);
		if (probe_channel(ch) == 0) {
			continue;
		}
		int err = ata_dma_alloc(ch);
		if (err != 0) {
			kprintf("ata: channel %d: no memory for DMA: %s\n", c, errno_name(err));
			disk_present[2 * c] = disk_present[2 * c + 1] = false;
			continue;
		}
		intr_register(IRQ_BASE + ch->ac_irq,
			      c == 0 ? ata_intr_primary : ata_intr_secondary);
		irq_enable(ch->ac_irq);
		outb(ch->ac_ctrl, 0); /* nIEN off: the drives may interrupt */
		channel_ready[c] = true;
		for (int drive = 0; drive < 2; drive++) {
			if (disk_present[2 * c + drive]) {
				register_disk(2 * c + drive);
			}
		}
	}
	if (ata_channel(0) == NULL && ata_channel(1) == NULL) {
		kprintf("ata: no disks\n");
	}
}
