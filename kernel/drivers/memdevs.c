/*
 * The memory devices /dev/null and /dev/zero (see drivers/memdevs.h).
 *
 * Neither has hardware behind it: each operation is a few lines that say
 * what the device means.  They are still real byte devices, registered like
 * the terminals, so the code that will use them (the VFS stage's special
 * files, and later mmap of /dev/zero for anonymous memory in the VM stage)
 * treats them like any other device.
 *
 *              read                          write
 *   null       0: end of file, at once       all 'count' bytes "written"
 *   zero       'count' zero bytes            all 'count' bytes "written"
 *
 * Nothing here keeps state, so nothing needs a lock, and 'pos' does not
 * matter: every position of /dev/zero holds a zero.
 */
#include "drivers/memdevs.h"
#include "drivers/bytedev.h"
#include "errno.h"
#include "util/kprintf.h"
#include "util/string.h"

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
