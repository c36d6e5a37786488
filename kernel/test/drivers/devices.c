/*
 * The device layers and the memory devices: /dev/null reads end of file
 * and swallows writes, /dev/zero reads zeros; both registries find devices
 * by id and by name (with or without "/dev/"), refuse duplicates and
 * incomplete devices, and forget a device when it is unregistered.
 */
#include "drivers/blockdev.h"
#include "drivers/bytedev.h"
#include "errno.h"
#include "test/ktest.h"
#include "util/string.h"

KTEST(memdev_null, "drivers.memdev.null")
{
	bytedev_t *dev = bytedev_lookup(DEVID_NULL);
	if (!KT_CHECK(dev != NULL)) {
		return;
	}
	KT_CHECK_STR(dev->cd_name, "null");
	char buf[64];
	memset(buf, 'x', sizeof(buf));
	KT_CHECK_EQ(bytedev_read(dev, 0, buf, sizeof(buf)), 0);
	KT_CHECK_EQ(buf[0], 'x');
	KT_CHECK_EQ(bytedev_read(dev, 1000, buf, 1), 0);
	KT_CHECK_EQ(bytedev_write(dev, 0, buf, sizeof(buf)), sizeof(buf));
	KT_CHECK_EQ(bytedev_write(dev, 5, buf, 1), 1);
	KT_CHECK_EQ(bytedev_write(dev, 0, buf, 0), 0);
}

KTEST(memdev_zero, "drivers.memdev.zero")
{
	bytedev_t *dev = bytedev_lookup(DEVID_ZERO);
	if (!KT_CHECK(dev != NULL)) {
		return;
	}
	KT_CHECK_STR(dev->cd_name, "zero");
	static char buf[5000];
	memset(buf, 0xff, sizeof(buf));
	KT_CHECK_EQ(bytedev_read(dev, 0, buf, 4999), 4999);
	bool zeros = true;
	for (int i = 0; i < 4999; i++) {
		zeros = zeros && buf[i] == 0;
	}
	KT_CHECK(zeros);
	KT_CHECK_EQ((uint8_t)buf[4999], 0xff); /* not one byte more */
	memset(buf, 0xff, 16);
	KT_CHECK_EQ(bytedev_read(dev, 12345, buf + 3, 7), 7);
	KT_CHECK(buf[3] == 0 && buf[9] == 0 && (uint8_t)buf[2] == 0xff && (uint8_t)buf[10] == 0xff);
	KT_CHECK_EQ(bytedev_write(dev, 0, buf, 100), 100);
}

KTEST(memdev_names, "drivers.memdev.names")
{
	if (!KT_CHECK(bytedev_lookup(DEVID_NULL) != NULL && bytedev_lookup(DEVID_ZERO) != NULL)) {
		return;
	}
	KT_CHECK(bytedev_lookup_name("null") == bytedev_lookup(DEVID_NULL));
	KT_CHECK(bytedev_lookup_name("/dev/null") == bytedev_lookup(DEVID_NULL));
	KT_CHECK(bytedev_lookup_name("/dev/zero") == bytedev_lookup(DEVID_ZERO));
	KT_CHECK(bytedev_lookup_name("nothing") == NULL);
	KT_CHECK(bytedev_lookup_name("/dev/nul") == NULL);
	KT_CHECK(bytedev_lookup(MKDEVID(MEM_MAJOR, 200)) == NULL);
}

/* A byte device of the test's own: reads give its name, writes count. */
static ssize_t echo_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	size_t n = MIN(count, strlen(dev->cd_name));
	memcpy(buf, dev->cd_name, n);
	return (ssize_t)n;
}

static ssize_t echo_write(bytedev_t *dev, off_t pos, const void *buf, size_t count)
{
	return (ssize_t)count;
}

static const bytedev_ops_t echo_ops = {.read = echo_read, .write = echo_write};
static const bytedev_ops_t no_write_ops = {.read = echo_read, .write = NULL};

KTEST(bytedev_registry, "drivers.bytedev.registry")
{
	static bytedev_t mine, same_id, same_name, broken, no_id;
	mine = (bytedev_t){.cd_id = MKDEVID(99, 1), .cd_name = "mine", .cd_ops = &echo_ops};
	same_id = (bytedev_t){.cd_id = MKDEVID(99, 1), .cd_name = "other", .cd_ops = &echo_ops};
	same_name = (bytedev_t){.cd_id = MKDEVID(99, 2), .cd_name = "mine", .cd_ops = &echo_ops};
	broken = (bytedev_t){.cd_id = MKDEVID(99, 3), .cd_name = "broken", .cd_ops = &no_write_ops};
	no_id = (bytedev_t){.cd_id = NULL_DEVID, .cd_name = "noid", .cd_ops = &echo_ops};
	if (!KT_CHECK_EQ(bytedev_register(&mine), 0)) {
		return;
	}
	KT_CHECK(bytedev_lookup(MKDEVID(99, 1)) == &mine);
	KT_CHECK(bytedev_lookup_name("/dev/mine") == &mine);
	KT_CHECK_EQ(bytedev_register(&same_id), -EEXIST);
	KT_CHECK_EQ(bytedev_register(&same_name), -EEXIST);
	KT_CHECK_EQ(bytedev_register(&broken), -EINVAL);
	KT_CHECK_EQ(bytedev_register(&no_id), -EINVAL);
	KT_CHECK(bytedev_lookup(MKDEVID(99, 2)) == NULL);
	KT_CHECK(bytedev_lookup_name("other") == NULL);
	char buf[8] = {0};
	KT_CHECK_EQ(bytedev_read(bytedev_lookup(MKDEVID(99, 1)), 0, buf, sizeof(buf) - 1), 4);
	KT_CHECK_STR(buf, "mine");
	bytedev_unregister(&mine);
	KT_CHECK(bytedev_lookup(MKDEVID(99, 1)) == NULL);
	KT_CHECK(bytedev_lookup_name("mine") == NULL);
	/* Everything registered at boot is still there. */
	KT_CHECK(bytedev_lookup(DEVID_NULL) != NULL && bytedev_lookup(DEVID_ZERO) != NULL);
}

/* A 4-block RAM disk. */
#define RAMDISK_BLOCKS 4
static uint8_t ramdisk[RAMDISK_BLOCKS][BLOCK_SIZE];

static int ram_read(blockdev_t *bd, blocknum_t block, void *buf, size_t count)
{
	if (block >= bd->bd_nblocks || count > bd->bd_nblocks - block) {
		return -EINVAL;
	}
	memcpy(buf, ramdisk[block], count * BLOCK_SIZE);
	return 0;
}

static int ram_write(blockdev_t *bd, blocknum_t block, const void *buf, size_t count)
{
	if (block >= bd->bd_nblocks || count > bd->bd_nblocks - block) {
		return -EINVAL;
	}
	memcpy(ramdisk[block], buf, count * BLOCK_SIZE);
	return 0;
}

static const blockdev_ops_t ram_ops = {.read_block = ram_read, .write_block = ram_write};
static const blockdev_ops_t half_ops = {.read_block = ram_read, .write_block = NULL};

KTEST(blockdev_registry, "drivers.blockdev.registry")
{
	static blockdev_t ram, dup_id, dup_name, half;
	ram = (blockdev_t){.bd_id = MKDEVID(98, 0),
			   .bd_name = "ram0",
			   .bd_nblocks = RAMDISK_BLOCKS,
			   .bd_ops = &ram_ops};
	dup_id = (blockdev_t){.bd_id = MKDEVID(98, 0),
			      .bd_name = "ram1",
			      .bd_nblocks = RAMDISK_BLOCKS,
			      .bd_ops = &ram_ops};
	dup_name = (blockdev_t){.bd_id = MKDEVID(98, 1),
				.bd_name = "ram0",
				.bd_nblocks = RAMDISK_BLOCKS,
				.bd_ops = &ram_ops};
	half = (blockdev_t){.bd_id = MKDEVID(98, 2),
			    .bd_name = "half",
			    .bd_nblocks = RAMDISK_BLOCKS,
			    .bd_ops = &half_ops};
	if (!KT_CHECK_EQ(blockdev_register(&ram), 0)) {
		return;
	}
	KT_CHECK(blockdev_lookup(MKDEVID(98, 0)) == &ram);
	KT_CHECK(blockdev_lookup_name("ram0") == &ram);
	KT_CHECK(blockdev_lookup_name("/dev/ram0") == &ram);
	KT_CHECK_EQ(blockdev_register(&dup_id), -EEXIST);
	KT_CHECK_EQ(blockdev_register(&dup_name), -EEXIST);
	KT_CHECK_EQ(blockdev_register(&half), -EINVAL);
	KT_CHECK(blockdev_lookup(MKDEVID(98, 1)) == NULL && blockdev_lookup_name("half") == NULL);

	static uint8_t block[BLOCK_SIZE];
	memset(block, 0x5c, sizeof(block));
	KT_CHECK_EQ(blockdev_write(&ram, 3, block, 1), 0);
	KT_CHECK_EQ(ramdisk[3][BLOCK_SIZE - 1], 0x5c);
	memset(block, 0, sizeof(block));
	KT_CHECK_EQ(blockdev_read(&ram, 3, block, 1), 0);
	KT_CHECK_EQ(block[0], 0x5c);
	KT_CHECK_EQ(blockdev_read(&ram, 4, block, 1), -EINVAL);

	blockdev_unregister(&ram);
	KT_CHECK(blockdev_lookup(MKDEVID(98, 0)) == NULL && blockdev_lookup_name("ram0") == NULL);
}
