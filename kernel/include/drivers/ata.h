/*
 * ATA disks on the PIIX3 IDE controller, with bus-master DMA.
 *
 * The controller (PCI 8086:7010, class 1 subclass 1) has two channels,
 * primary and secondary, each with up to two drives, master and slave:
 * hda, hdb on the primary channel, hdc, hdd on the secondary.  Each channel
 * has three sets of registers:
 *
 *   command block   (0x1F0 / 0x170): data, error, sector count, LBA bytes,
 *                   drive select, status/command
 *   control block   (0x3F6 / 0x376): device control (nIEN, reset) on write,
 *                   alternate status (status without side effects) on read
 *   bus master      (BAR4 + 0 / BAR4 + 8): command (start, direction),
 *                   status (active, error, interrupt), PRD table address
 *
 * The bus-master status register mixes two kinds of bits.  Bit 1 (error)
 * and bit 2 (interrupt) are cleared by writing 1 to them.  Bits 5 and 6
 * (drive 0 / drive 1 DMA capable) are plain read/write bits: they keep
 * whatever is written.  So clear the status by writing back what you read
 * with bits 1 and 2 set, outb(bm + 2, inb(bm + 2) | 0x06); writing only
 * 0x06 clears bits 5-6 as well.  (Bit 0, active, is read-only.)
 *
 * A transfer moves whole 4 KiB blocks by DMA: the driver describes the
 * memory in a table of physical region descriptors (PRDs), gives the drive
 * a READ DMA or WRITE DMA command with a 28-bit LBA, starts the bus-master
 * engine and sleeps; the drive raises IRQ 14 (15) when it is done, and the
 * interrupt handler wakes the requesting thread.  One request at a time per
 * channel: the channel's mutex is held from the first register write to
 * the last read.  It is taken with kmutex_lock(), not cancellably: a disk
 * request, once started, finishes (or fails) and never returns -EINTR.
 *
 * A lost interrupt must not hang the thread: each transfer sets an alarm
 * (sched_alarm_set(), proc/sched.h) of ata_timeout_ms.  If it fires before
 * the interrupt came, the transfer stops the engine, clears the bus-master
 * status, reads the drive status (which acknowledges the drive) and fails
 * with -EIO; the channel stays usable for the next request.
 *
 * Disks are found at boot with IDENTIFY DEVICE and registered as block
 * devices named hda.. with ids MKDEVID(DISK_MAJOR, 0..3).
 */
#ifndef KEEL_DRIVERS_ATA_H
#define KEEL_DRIVERS_ATA_H

#include "drivers/blockdev.h"
#include "proc/kmutex.h"
#include "proc/sched.h"
#include "types.h"

#define ATA_SECTOR_SIZE 512
#define ATA_SECTORS_PER_BLOCK (BLOCK_SIZE / ATA_SECTOR_SIZE)
/* The most blocks one DMA transfer moves: the size of a channel's DMA buffer. */
#define ATA_MAX_BLOCKS 16
#define ATA_NCHANNELS 2
#define ATA_NDISKS 4
#define ATA_MODEL_LEN 41
/* How long a transfer waits for its interrupt before it fails with -EIO. */
#define ATA_TIMEOUT_MS 2000

/* The time-out in force (ATA_TIMEOUT_MS; a test lowers it to lose an interrupt quickly). */
extern uint32_t ata_timeout_ms;

/*
 * A physical region descriptor: one piece of physically contiguous memory
 * for the bus-master engine.  The address and count must be even and the
 * region must not cross a 64 KiB boundary; the table itself must be
 * 4-byte aligned and must not cross one either.
 */
typedef struct ata_prd {
	uint32_t prd_addr;  /* physical address */
	uint16_t prd_bytes; /* byte count; 0 means 64 KiB */
	uint16_t prd_flags; /* ATA_PRD_EOT on the last entry of the table */
} __packed ata_prd_t;

#define ATA_PRD_EOT 0x8000

typedef struct ata_channel {
	int ac_index;               /* 0 primary, 1 secondary */
	uint16_t ac_io;             /* command block base port */
	uint16_t ac_ctrl;           /* device control / alternate status port */
	uint16_t ac_bm;             /* this channel's bus-master registers (from BAR4) */
	int ac_irq;                 /* 14 or 15 */
	kmutex_t ac_mutex;          /* serializes requests on the channel */
	ata_prd_t *ac_prdt;         /* ATA_MAX_BLOCKS entries, physically contiguous */
	void *ac_dma_buf;           /* ATA_MAX_BLOCKS * BLOCK_SIZE bytes, physically contiguous */
	ktqueue_t ac_waitq;         /* the requesting thread waits here for the interrupt */
	volatile bool ac_done;      /* set by the interrupt handler, or by the time-out */
	volatile bool ac_timed_out; /* set by ata_timeout(): no interrupt came in time */
	sched_alarm_t ac_alarm;     /* the time-out of the transfer in progress */
	volatile uint8_t ac_bm_status; /* bus-master status the handler saw */
	volatile uint8_t ac_status;    /* drive status the handler saw */
	uint32_t ac_ntransfers;        /* DMA transfers completed */
	uint32_t ac_nerrors;           /* transfers that failed */
} ata_channel_t;

typedef struct ata_disk {
	ata_channel_t *ad_channel;
	int ad_drive;         /* 0 master, 1 slave */
	uint32_t ad_nsectors; /* IDENTIFY words 60-61: sectors reachable by LBA28 */
	char ad_model[ATA_MODEL_LEN];
	blockdev_t ad_bdev; /* the disk as a block device; bd_nblocks = ad_nsectors / 8 */
} ata_disk_t;

/*
 * Finds the controller, identifies the drives, sets up DMA and interrupts
 * and registers a block device per disk.  Prints what it found.
 */
void ata_init(void);

/*
 * Reads (writes) 'count' blocks starting at 'block' into (from) 'buf'
 * (count * BLOCK_SIZE bytes at any kernel address).  Sleeps until the
 * transfer is done; other requests on the channel wait their turn (on the
 * channel's mutex, kmutex_lock(): not cancellable).  Returns 0, or
 *   -EINVAL  the range is not inside the disk (nothing is transferred)
 *   -EIO     the drive or the bus-master engine reported an error, or no
 *            interrupt came within ata_timeout_ms
 * count == 0 returns 0.
 */
int ata_read(ata_disk_t *disk, blocknum_t block, void *buf, size_t count);
int ata_write(ata_disk_t *disk, blocknum_t block, const void *buf, size_t count);

/*
 * One DMA transfer of 'nblocks' (1 .. ATA_MAX_BLOCKS) blocks between the
 * disk at 'block' and the channel's DMA buffer.  The caller holds the
 * channel's mutex and has checked the range.  The PRD table gets one entry
 * per block, in order: entry i is the 4 KiB page at ac_dma_buf + i *
 * BLOCK_SIZE (its physical address, prd_bytes BLOCK_SIZE), and only the
 * last entry has ATA_PRD_EOT.  Returns 0, or -EIO when the drive or the
 * engine reports an error or when no interrupt comes within
 * ata_timeout_ms (the time-out above).
 */
int ata_transfer(ata_disk_t *disk, blocknum_t block, size_t nblocks, bool write);

/* Disk 'index' (0: hda .. 3: hdd), or NULL if there is none. */
ata_disk_t *ata_disk(int index);

/* Channel 'index' if it has a disk, else NULL. */
ata_channel_t *ata_channel(int index);

#endif
