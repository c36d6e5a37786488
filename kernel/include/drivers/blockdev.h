/*
 * Block devices: storage read and written in whole blocks of BLOCK_SIZE
 * bytes (4 KiB, a page).
 *
 * A driver fills in a blockdev_t (id, name, size in blocks, operations) for
 * each device and registers it; the rest of the kernel (later the S5FS file
 * system) finds it by id or by name and calls blockdev_read() and
 * blockdev_write().  The registry does not own the blockdev_t: the driver
 * allocates it, and it must stay put while registered.
 *
 * Names are the short /dev names: "hda" is the primary master disk, so
 * blockdev_lookup_name("hda") and blockdev_lookup_name("/dev/hda") both find
 * it, as does blockdev_lookup(MKDEVID(DISK_MAJOR, 0)).
 */
#ifndef KEEL_DRIVERS_BLOCKDEV_H
#define KEEL_DRIVERS_BLOCKDEV_H

#include "drivers/dev.h"
#include "types.h"
#include "util/list.h"

#define BLOCK_SIZE 4096u
#define BLOCK_SHIFT 12

typedef uint32_t blocknum_t;

struct blockdev;

/*
 * A driver's operations.  Both are required.  Each transfers 'count'
 * (at least 1) whole blocks starting at block 'block' to or from 'buf'
 * (count * BLOCK_SIZE bytes; any kernel address, no alignment required),
 * may sleep, and returns 0 or -errno:
 *   -EINVAL  a block outside the device (block + count > bd_nblocks);
 *            nothing is transferred
 *   -EIO     the device reported an error
 */
typedef struct blockdev_ops {
	int (*read_block)(struct blockdev *bd, blocknum_t block, void *buf, size_t count);
	int (*write_block)(struct blockdev *bd, blocknum_t block, const void *buf, size_t count);
} blockdev_ops_t;

typedef struct blockdev {
	devid_t bd_id;
	char bd_name[DEV_NAME_LEN]; /* "hda" */
	blocknum_t bd_nblocks;      /* the size of the device */
	const blockdev_ops_t *bd_ops;
	void *bd_driver;     /* the driver's own data */
	list_link_t bd_link; /* on the registry's list; owned by blockdev.c */
} blockdev_t;

/*
 * Adds 'bd' to the registry.  Returns 0, or
 *   -EINVAL  bd_id is NULL_DEVID, bd_name is empty, or an operation is missing
 *   -EEXIST  a registered device already has this id or this name
 */
int blockdev_register(blockdev_t *bd);

/* Removes a registered 'bd' from the registry (a test's own devices). */
void blockdev_unregister(blockdev_t *bd);

/* The registered device with id 'id', or NULL. */
blockdev_t *blockdev_lookup(devid_t id);

/*
 * The registered device named 'name' ("hda"), or NULL.  A leading "/dev/"
 * is skipped, so "/dev/hda" names the same device.
 */
blockdev_t *blockdev_lookup_name(const char *name);

/* The registered device after 'prev' (the first for NULL), or NULL: for listings. */
blockdev_t *blockdev_next(blockdev_t *prev);

/*
 * bd->bd_ops->read_block() and write_block(), with their contracts.  Each
 * call is counted in blockdev_counters (whatever it returns).
 */
int blockdev_read(blockdev_t *bd, blocknum_t block, void *buf, size_t count);
int blockdev_write(blockdev_t *bd, blocknum_t block, const void *buf, size_t count);

/*
 * Requests through blockdev_read() and blockdev_write() on every device
 * since boot or the last blockdev_stats_reset(): how many, and how many
 * blocks they asked for (the benchmarks report the request sizes).
 */
typedef struct blockdev_stats {
	uint32_t bs_reads;        /* blockdev_read() calls with count >= 1 */
	uint32_t bs_read_blocks;  /* the blocks they asked for */
	uint32_t bs_read_max;     /* the largest of them, in blocks */
	uint32_t bs_writes;       /* blockdev_write() calls with count >= 1 */
	uint32_t bs_write_blocks; /* the blocks they asked for */
} blockdev_stats_t;

extern blockdev_stats_t blockdev_counters;

/* Sets every counter of blockdev_counters to 0. */
void blockdev_stats_reset(void);

#endif
