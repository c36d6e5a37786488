/*
 * Byte devices: the registry (see drivers/bytedev.h) and the memory
 * devices /dev/null and /dev/zero (drivers/memdevs.h).
 *
 * The registry has the same design as the block device registry
 * (blockdev.c): a list of the drivers' own bytedev_t records, linked
 * through cd_link, with no allocation and no lock (registration happens in
 * init during boot or in a test, and nothing here sleeps or runs in an
 * interrupt handler).  Ids and names are both unique.  Registered now:
 * /dev/null and /dev/zero (below), one tty per virtual terminal (tty0,
 * tty1, tty2) and the serial port's tty (ttyS0).  The kernel shell lists
 * them with `devices`.
 *
 * The memory devices have no hardware behind them: each operation is a
 * line or two that says what the device means.  They are still real byte
 * devices, registered like the terminals, so the code that will use them
 * (the VFS stage's special files, and later mmap of /dev/zero for anonymous
 * memory in the VM stage) treats them like any other device.
 *
 *              read                          write
 *   null       0: end of file, at once       all 'count' bytes "written"
 *   zero       'count' zero bytes            all 'count' bytes "written"
 *
 * They keep no state, so they need no lock, and 'pos' does not matter:
 * every position of /dev/zero holds a zero.
 */
#include "drivers/bytedev.h"
#include "drivers/memdevs.h"
#include "errno.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

static list_t bytedevs = LIST_INITIALIZER(bytedevs);

/*
 * As blockdev_register(): check everything first, then add 'dev' at the
 * tail of the list.
 */
int bytedev_register(bytedev_t *dev)
{
	/* BEGIN SOLUTION(drivers, bytedev_register) -> -ENOSYS */
	KASSERT(dev != NULL);
	if (dev->cd_id == NULL_DEVID || dev->cd_name[0] == '\0' || dev->cd_ops == NULL ||
	    dev->cd_ops->read == NULL || dev->cd_ops->write == NULL) {
		return -EINVAL;
	}
	if (bytedev_lookup(dev->cd_id) != NULL || bytedev_lookup_name(dev->cd_name) != NULL) {
		return -EEXIST;
	}
	list_link_init(&dev->cd_link);
	list_insert_tail(&bytedevs, &dev->cd_link);
	dbg(DBG_TTY, "registered byte device %s (%u:%u)\n", dev->cd_name, DEVID_MAJOR(dev->cd_id),
	    DEVID_MINOR(dev->cd_id));
	return 0;
	/* END SOLUTION */
}

void bytedev_unregister(bytedev_t *dev)
{
	/* BEGIN SOLUTION(drivers, bytedev_unregister) -> nothing */
	KASSERT(dev != NULL && list_link_is_linked(&dev->cd_link));
	list_remove(&dev->cd_link);
	/* END SOLUTION */
}

bytedev_t *bytedev_lookup(devid_t id)
{
	/* BEGIN SOLUTION(drivers, bytedev_lookup) -> NULL */
	for (list_link_t *l = bytedevs.l_next; l != &bytedevs; l = l->l_next) {
		bytedev_t *dev = container_of(l, bytedev_t, cd_link);
		if (dev->cd_id == id) {
			return dev;
		}
	}
	return NULL;
	/* END SOLUTION */
}

/* dev_name_strip() (drivers/dev.h) turns "/dev/null" into "null". */
bytedev_t *bytedev_lookup_name(const char *name)
{
	/* BEGIN SOLUTION(drivers, bytedev_lookup_name) -> NULL */
	KASSERT(name != NULL);
	const char *shortname = dev_name_strip(name);
	for (list_link_t *l = bytedevs.l_next; l != &bytedevs; l = l->l_next) {
		bytedev_t *dev = container_of(l, bytedev_t, cd_link);
		if (strcmp(dev->cd_name, shortname) == 0) {
			return dev;
		}
	}
	return NULL;
	/* END SOLUTION */
}

bytedev_t *bytedev_next(bytedev_t *prev)
{
	list_link_t *l = prev == NULL ? bytedevs.l_next : prev->cd_link.l_next;
	return l == &bytedevs ? NULL : container_of(l, bytedev_t, cd_link);
}

ssize_t bytedev_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	KASSERT(dev != NULL && (buf != NULL || count == 0));
	return dev->cd_ops->read(dev, pos, buf, count);
}

ssize_t bytedev_write(bytedev_t *dev, off_t pos, const void *buf, size_t count)
{
	KASSERT(dev != NULL && (buf != NULL || count == 0));
	return dev->cd_ops->write(dev, pos, buf, count);
}

/* The memory devices. */

static ssize_t null_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, null_read) -> -ENOSYS */
	return 0;
	/* END SOLUTION */
}

/* A write "succeeds" by reporting every byte as written. */
static ssize_t null_write(bytedev_t *dev, off_t pos, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, null_write) -> -ENOSYS */
	return (ssize_t)count;
	/* END SOLUTION */
}

static ssize_t zero_read(bytedev_t *dev, off_t pos, void *buf, size_t count)
{
	/* BEGIN SOLUTION(drivers, zero_read) -> -ENOSYS */
	memset(buf, 0, count);
	return (ssize_t)count;
	/* END SOLUTION */
}

static const bytedev_ops_t null_ops = {
    .read = null_read,
    .write = null_write,
};

/* /dev/zero swallows writes exactly like /dev/null. */
static const bytedev_ops_t zero_ops = {
    .read = zero_read,
    .write = null_write,
};

static bytedev_t null_dev = {
    .cd_id = DEVID_NULL,
    .cd_name = "null",
    .cd_ops = &null_ops,
};

static bytedev_t zero_dev = {
    .cd_id = DEVID_ZERO,
    .cd_name = "zero",
    .cd_ops = &zero_ops,
};

void memdevs_init(void)
{
	int err = bytedev_register(&null_dev);
	if (err == 0) {
		err = bytedev_register(&zero_dev);
	}
	if (err != 0) {
		kprintf("memdevs: could not register /dev/null and /dev/zero: %s\n",
			errno_name(err));
	}
}
