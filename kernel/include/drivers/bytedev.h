/*
 * Byte devices (Unix's character devices): devices read and written as a
 * stream of bytes: the terminals, /dev/null, /dev/zero.
 *
 * As with block devices, a driver fills in a bytedev_t and registers it;
 * the registry finds it by id or name and does not own it.  The VFS stage
 * will make /dev/tty0 and /dev/null files whose reads and writes go here.
 */
#ifndef KEEL_DRIVERS_BYTEDEV_H
#define KEEL_DRIVERS_BYTEDEV_H

#include "drivers/dev.h"
#include "types.h"
#include "util/list.h"

struct bytedev;

/*
 * A driver's operations.  Both are required; a device that cannot do one
 * gives an explicit function that returns the right error.  'pos' is the
 * file position (devices that are streams ignore it).  Each returns the
 * number of bytes transferred (0 for a read: end of file) or -errno.
 */
typedef struct bytedev_ops {
	ssize_t (*read)(struct bytedev *dev, off_t pos, void *buf, size_t count);
	ssize_t (*write)(struct bytedev *dev, off_t pos, const void *buf, size_t count);
} bytedev_ops_t;

typedef struct bytedev {
	devid_t cd_id;              /* (cd_: Unix calls these character devices) */
	char cd_name[DEV_NAME_LEN]; /* "null", "tty0" */
	const bytedev_ops_t *cd_ops;
	void *cd_driver;     /* the driver's own data */
	list_link_t cd_link; /* on the registry's list; owned by bytedev.c */
} bytedev_t;

/*
 * Adds 'dev' to the registry.  Returns 0, or
 *   -EINVAL  cd_id is NULL_DEVID, cd_name is empty, or an operation is missing
 *   -EEXIST  a registered device already has this id or this name
 */
int bytedev_register(bytedev_t *dev);

/* Removes a registered 'dev' from the registry (a test's own devices). */
void bytedev_unregister(bytedev_t *dev);

/* The registered device with id 'id', or NULL. */
bytedev_t *bytedev_lookup(devid_t id);

/* The registered device named 'name' ("null" or "/dev/null"), or NULL. */
bytedev_t *bytedev_lookup_name(const char *name);

/* The registered device after 'prev' (the first for NULL), or NULL: for listings. */
bytedev_t *bytedev_next(bytedev_t *prev);

/* dev->cd_ops->read() and write(), with their contracts. */
ssize_t bytedev_read(bytedev_t *dev, off_t pos, void *buf, size_t count);
ssize_t bytedev_write(bytedev_t *dev, off_t pos, const void *buf, size_t count);

#endif
