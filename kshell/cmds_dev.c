/*
 * The kernel shell's device commands: looking at the hardware the drivers
 * found, and reading and writing disk blocks by hand.
 *
 *   devices                    the registered byte and block devices
 *   lspci                      the PCI functions the scan found
 *   disks                      the ATA disks, with their DMA transfer,
 *                              error and interrupt counts
 *   blkdump DEV BLOCK          the first 256 bytes of a block, in hex
 *   blksum DEV START COUNT     a checksum (32-bit FNV-1a) of COUNT blocks
 *   blkfill DEV START COUNT SEED   writes a known pattern (below)
 *   blkbench DEV MIB [BLOCKS]  sequential write then read throughput of the
 *                              first MIB MiB, BLOCKS blocks per request
 *                              (default 16); destroys what was there
 *
 * blksum and blkfill are how a host program checks the disk path from
 * outside the kernel: it writes random data into the disk image before
 * boot and compares blksum's answer with its own, or has the kernel run
 * blkfill and then reads the image back after the machine halts.  The
 * pattern is word i (little endian, 1024 words a block) of block b:
 *
 *     x = seed ^ (b * 0x9e3779b1) ^ (i * 0x85ebca77)      (mod 2^32)
 *     x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16
 *
 * All of them go through the block device layer (blockdev_read() and
 * blockdev_write()), the way a file system will.
 */
#include "boot/interrupt.h"
#include "boot/pit.h"
#include "drivers/ata.h"
#include "drivers/blockdev.h"
#include "drivers/bytedev.h"
#include "drivers/pci.h"
#include "errno.h"
#include "io.h"
#include "kshell/kshell.h"
#include "mm/kmalloc.h"
#include "util/hash.h"
#include "util/kprintf.h"
#include "util/string.h"

#define CHUNK_BLOCKS 16

static int cmd_devices(kshell_t *ks, int argc, char **argv)
{
	kshell_printf(ks, "%-8s %-6s %s\n", "DEVICE", "KIND", "MAJOR:MINOR");
	for (bytedev_t *d = bytedev_next(NULL); d != NULL; d = bytedev_next(d)) {
		kshell_printf(ks, "%-8s %-6s %u:%u\n", d->cd_name, "byte", DEVID_MAJOR(d->cd_id),
			      DEVID_MINOR(d->cd_id));
	}
	for (blockdev_t *b = blockdev_next(NULL); b != NULL; b = blockdev_next(b)) {
		kshell_printf(ks, "%-8s %-6s %u:%u, %u blocks\n", b->bd_name, "block",
			      DEVID_MAJOR(b->bd_id), DEVID_MINOR(b->bd_id), b->bd_nblocks);
	}
	return 0;
}

static int cmd_lspci(kshell_t *ks, int argc, char **argv)
{
	for (pci_device_t *pd = pci_next(NULL); pd != NULL; pd = pci_next(pd)) {
		kshell_printf(ks, "%02x:%02x.%x %04x:%04x class %02x.%02x.%02x irq %2u  %s\n",
			      pd->pd_bus, pd->pd_slot, pd->pd_func, pd->pd_vendor, pd->pd_device,
			      pd->pd_class, pd->pd_subclass, pd->pd_prog_if, pd->pd_irq_line,
			      pci_class_name(pd));
	}
	return 0;
}

static int cmd_disks(kshell_t *ks, int argc, char **argv)
{
	int n = 0;
	for (int i = 0; i < ATA_NDISKS; i++) {
		ata_disk_t *d = ata_disk(i);
		if (d == NULL) {
			continue;
		}
		ata_channel_t *ch = d->ad_channel;
		/* The PRD table address as the controller has it, not as the driver says. */
		kshell_printf(ks,
			      "%s: \"%s\" %u KiB, channel %d: bus master 0x%x, irq %d, "
			      "prd table 0x%x: transfers %u errors %u interrupts %u\n",
			      d->ad_bdev.bd_name, d->ad_model, d->ad_nsectors / 2, ch->ac_index,
			      ch->ac_bm, ch->ac_irq, inl(ch->ac_bm + 4), ch->ac_ntransfers,
			      ch->ac_nerrors, intr_counts[IRQ_BASE + ch->ac_irq]);
		n++;
	}
	if (n == 0) {
		kshell_printf(ks, "no ATA disks\n");
	}
	return 0;
}

/* Parses "DEV N..." arguments: the device and argc - 2 unsigned numbers. */
static int parse_blk_args(kshell_t *ks, int argc, char **argv, int nnums, blockdev_t **bd,
			  uint32_t *nums, const char *usage)
{
	if (argc != 2 + nnums) {
		kshell_printf(ks, "usage: %s\n", usage);
		return -EINVAL;
	}
	*bd = blockdev_lookup_name(argv[1]);
	if (*bd == NULL) {
		kshell_printf(ks, "%s: no block device '%s'\n", argv[0], argv[1]);
		return -ENODEV;
	}
	for (int i = 0; i < nnums; i++) {
		char *end;
		nums[i] = strtoul(argv[2 + i], &end, 0);
		if (*end != '\0' || argv[2 + i][0] == '\0') {
			kshell_printf(ks, "usage: %s\n", usage);
			return -EINVAL;
		}
	}
	return 0;
}

static int cmd_blkdump(kshell_t *ks, int argc, char **argv)
{
	blockdev_t *bd;
	uint32_t block;
	int err = parse_blk_args(ks, argc, argv, 1, &bd, &block, "blkdump DEV BLOCK");
	if (err != 0) {
		return err;
	}
	uint8_t *buf = kmalloc(BLOCK_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	err = blockdev_read(bd, block, buf, 1);
	for (int off = 0; err == 0 && off < 256; off += 16) {
		char line[80];
		size_t len = snprintf(line, sizeof(line), "%04x:", off);
		for (int i = 0; i < 16; i++) {
			len += snprintf(line + len, sizeof(line) - len, " %02x", buf[off + i]);
		}
		kshell_printf(ks, "%s\n", line);
	}
	kfree(buf);
	return err;
}

static int cmd_blksum(kshell_t *ks, int argc, char **argv)
{
	blockdev_t *bd;
	uint32_t nums[2];
	int err = parse_blk_args(ks, argc, argv, 2, &bd, nums, "blksum DEV START COUNT");
	if (err != 0) {
		return err;
	}
	uint8_t *buf = kmalloc(CHUNK_BLOCKS * BLOCK_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	uint32_t hash = 0x811c9dc5; /* FNV-1a, 32 bits */
	for (uint32_t done = 0; err == 0 && done < nums[1];) {
		uint32_t n = MIN(nums[1] - done, (uint32_t)CHUNK_BLOCKS);
		err = blockdev_read(bd, nums[0] + done, buf, n);
		for (uint32_t i = 0; err == 0 && i < n * BLOCK_SIZE; i++) {
			hash = (hash ^ buf[i]) * 0x01000193;
		}
		done += n;
	}
	kfree(buf);
	if (err == 0) {
		kshell_printf(ks, "blksum %s %u %u: fnv1a 0x%08x\n", bd->bd_name, nums[0], nums[1],
			      hash);
	}
	return err;
}

static uint32_t pattern_word(uint32_t seed, uint32_t block, uint32_t i)
{
	return hash_mix32(seed ^ (block * 0x9e3779b1u) ^ (i * 0x85ebca77u));
}

static int cmd_blkfill(kshell_t *ks, int argc, char **argv)
{
	blockdev_t *bd;
	uint32_t nums[3];
	int err = parse_blk_args(ks, argc, argv, 3, &bd, nums, "blkfill DEV START COUNT SEED");
	if (err != 0) {
		return err;
	}
	uint32_t *buf = kmalloc(CHUNK_BLOCKS * BLOCK_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	const uint32_t words = BLOCK_SIZE / sizeof(uint32_t);
	for (uint32_t done = 0; err == 0 && done < nums[1];) {
		uint32_t n = MIN(nums[1] - done, (uint32_t)CHUNK_BLOCKS);
		for (uint32_t b = 0; b < n; b++) {
			for (uint32_t i = 0; i < words; i++) {
				buf[b * words + i] = pattern_word(nums[2], nums[0] + done + b, i);
			}
		}
		err = blockdev_write(bd, nums[0] + done, buf, n);
		done += n;
	}
	kfree(buf);
	if (err == 0) {
		kshell_printf(ks, "blkfill %s %u %u: done\n", bd->bd_name, nums[0], nums[1]);
	}
	return err;
}

/* Prints "what N MiB in T ms: X.Y MiB/s". */
static void bench_report(kshell_t *ks, const char *dev, const char *what, uint32_t mib,
			 uint32_t per_req, uint64_t us)
{
	us = MAX(us, 1ull);
	uint32_t tenths = (uint32_t)((uint64_t)mib * 10000000ull / us);
	kshell_printf(ks,
		      "blkbench %s %s: %u MiB in %u.%03u ms, %u blocks a request: %u.%u MiB/s\n",
		      dev, what, mib, (uint32_t)(us / 1000), (uint32_t)(us % 1000), per_req,
		      tenths / 10, tenths % 10);
}

static int cmd_blkbench(kshell_t *ks, int argc, char **argv)
{
	blockdev_t *bd;
	uint32_t nums[2] = {0, CHUNK_BLOCKS};
	int err = parse_blk_args(ks, MIN(argc, 3), argv, 1, &bd, nums, "blkbench DEV MIB [BLOCKS]");
	if (err == 0 && argc == 4) {
		nums[1] = strtoul(argv[3], NULL, 0);
	}
	if (err != 0 || argc > 4) {
		return err != 0 ? err : -EINVAL;
	}
	uint32_t total = nums[0] * (1024 * 1024 / BLOCK_SIZE), per_req = nums[1];
	if (total == 0 || total > bd->bd_nblocks || per_req == 0 || per_req > 256) {
		kshell_printf(ks, "blkbench: %s has %u blocks; MIB must fit, BLOCKS be 1..256\n",
			      bd->bd_name, bd->bd_nblocks);
		return -EINVAL;
	}
	uint8_t *buf = kmalloc(per_req * BLOCK_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	memset(buf, 0xa5, per_req * BLOCK_SIZE);
	uint64_t per_ms = pit_tsc_per_ms();
	for (int pass = 0; pass < 2 && err == 0; pass++) {
		uint64_t start = rdtsc();
		for (uint32_t b = 0; b < total && err == 0; b += per_req) {
			uint32_t n = MIN(per_req, total - b);
			err = pass == 0 ? blockdev_write(bd, b, buf, n)
					: blockdev_read(bd, b, buf, n);
		}
		if (err == 0) {
			bench_report(ks, bd->bd_name, pass == 0 ? "write" : "read", nums[0],
				     per_req, (rdtsc() - start) * 1000 / per_ms);
		}
	}
	kfree(buf);
	return err;
}

void kshell_dev_commands_init(void)
{
	kshell_add_command("devices", cmd_devices, "lists byte and block devices");
	kshell_add_command("lspci", cmd_lspci, "lists PCI functions");
	kshell_add_command("disks", cmd_disks, "ATA disks and their DMA counters");
	kshell_add_command("blkdump", cmd_blkdump, "blkdump DEV BLOCK: hex of a block's start");
	kshell_add_command("blksum", cmd_blksum, "blksum DEV START COUNT: FNV-1a of blocks");
	kshell_add_command("blkfill", cmd_blkfill,
			   "blkfill DEV START COUNT SEED: writes a pattern");
	kshell_add_command("blkbench", cmd_blkbench,
			   "blkbench DEV MIB [BLOCKS]: disk throughput (overwrites the disk!)");
}
