/*
 * The block device registry (see drivers/blockdev.h).
 *
 * Drivers register their devices here and everything else finds them here:
 * the registry is the only place that knows which disks exist.  It is a
 * plain list of the drivers' own blockdev_t records, linked through
 * bd_link; nothing is allocated, so registering cannot fail for lack of
 * memory and a driver can register a device that lives in a static
 * variable.
 *
 * Locking.  Devices are registered during boot (drivers_init(), in init,
 * before anything else runs) and by tests that register a device of their
 * own; the kernel is not preemptible and none of these functions sleeps, so
 * no lock is needed: a function here runs from start to end without another
 * thread in between.  Interrupt handlers never use the registry.
 *
 * The device list is also what `disks` in the kernel shell prints, through
 * blockdev_next().
 */
#include "drivers/blockdev.h"
#include "errno.h"
#include "util/debug.h"
#include "util/string.h"

static list_t blockdevs = LIST_INITIALIZER(blockdevs);

/*
 * Check every condition of the contract before touching the list: a device
 * that fails a check must leave the registry as it was.  Two devices may
 * not share an id or a name (compare names with strcmp).  Insert at the
 * tail, so listings show devices in the order they were registered.
 */
int blockdev_register(blockdev_t *bd)
{
	/* BEGIN SOLUTION(drivers, blockdev_register) -> -ENOSYS */
	KASSERT(bd != NULL);
	if (bd->bd_id == NULL_DEVID || bd->bd_name[0] == '\0' || bd->bd_ops == NULL ||
	    bd->bd_ops->read_block == NULL || bd->bd_ops->write_block == NULL) {
		return -EINVAL;
	}
	if (blockdev_lookup(bd->bd_id) != NULL || blockdev_lookup_name(bd->bd_name) != NULL) {
		return -EEXIST;
	}
	list_link_init(&bd->bd_link);
	list_insert_tail(&blockdevs, &bd->bd_link);
	dbg(DBG_DISK, "registered block device %s (%u:%u), %u blocks\n", bd->bd_name,
	    DEVID_MAJOR(bd->bd_id), DEVID_MINOR(bd->bd_id), bd->bd_nblocks);
	return 0;
	/* END SOLUTION */
}

void blockdev_unregister(blockdev_t *bd)
{
	/* BEGIN SOLUTION(drivers, blockdev_unregister) -> nothing */
	KASSERT(bd != NULL && list_link_is_linked(&bd->bd_link));
	list_remove(&bd->bd_link);
	/* END SOLUTION */
}

blockdev_t *blockdev_lookup(devid_t id)
{
	/* BEGIN SOLUTION(drivers, blockdev_lookup) -> NULL */
	for (list_link_t *l = blockdevs.l_next; l != &blockdevs; l = l->l_next) {
		blockdev_t *bd = container_of(l, blockdev_t, bd_link);
		if (bd->bd_id == id) {
			return bd;
		}
	}
	return NULL;
	/* END SOLUTION */
}

/* dev_name_strip() (drivers/dev.h) turns "/dev/hda" into "hda". */
blockdev_t *blockdev_lookup_name(const char *name)
{
	/* BEGIN SOLUTION(drivers, blockdev_lookup_name) -> NULL */
	KASSERT(name != NULL);
	const char *shortname = dev_name_strip(name);
	for (list_link_t *l = blockdevs.l_next; l != &blockdevs; l = l->l_next) {
		blockdev_t *bd = container_of(l, blockdev_t, bd_link);
		if (strcmp(bd->bd_name, shortname) == 0) {
			return bd;
		}
	}
	return NULL;
	/* END SOLUTION */
}

blockdev_t *blockdev_next(blockdev_t *prev)
{
	list_link_t *l = prev == NULL ? blockdevs.l_next : prev->bd_link.l_next;
	return l == &blockdevs ? NULL : container_of(l, blockdev_t, bd_link);
}

blockdev_stats_t blockdev_counters;

void blockdev_stats_reset(void)
{
	memset(&blockdev_counters, 0, sizeof(blockdev_counters));
}

int blockdev_read(blockdev_t *bd, blocknum_t block, void *buf, size_t count)
{
	KASSERT(bd != NULL && buf != NULL);
	if (count == 0) {
		return 0;
	}
	blockdev_counters.bs_reads++;
	blockdev_counters.bs_read_blocks += count;
	if (count > blockdev_counters.bs_read_max) {
		blockdev_counters.bs_read_max = count;
	}
	return bd->bd_ops->read_block(bd, block, buf, count);
}

int blockdev_write(blockdev_t *bd, blocknum_t block, const void *buf, size_t count)
{
	KASSERT(bd != NULL && buf != NULL);
	if (count == 0) {
		return 0;
	}
	blockdev_counters.bs_writes++;
	blockdev_counters.bs_write_blocks += count;
	return bd->bd_ops->write_block(bd, block, buf, count);
}
