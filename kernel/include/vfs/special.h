/*
 * Device special files.
 *
 * A vnode of type S_IFCHR stands for a byte device (drivers/bytedev.h), one
 * of type S_IFBLK for a block device (drivers/blockdev.h), found by
 * vn_devid.  do_read() and do_write() send their reads and writes here
 * instead of to the file system: the file system only stores the node.
 */
#ifndef KEEL_VFS_SPECIAL_H
#define KEEL_VFS_SPECIAL_H

#include "types.h"
#include "vfs/vnode.h"

/*
 * Whether a driver is registered for the device of special file 'vn' (a
 * byte device for S_IFCHR, a block device for S_IFBLK).  do_open() fails
 * with -ENXIO when it is not.
 */
bool special_file_has_driver(vnode_t *vn);

/*
 * Reads up to 'count' bytes at 'pos' of device special file 'vn'.
 * Character devices: bytedev_read() of the device (a terminal may sleep
 * until a line is typed; /dev/zero fills the buffer with zeros, /dev/null
 * reads 0 bytes).  Block devices: any offset and any length, as on Linux:
 * the bytes at pos .. pos + count - 1, read through whole blocks; 0 at or
 * past the end of the device, fewer than count across it.  Returns the
 * number of bytes read, or -ENXIO (no driver for the device), -EINVAL
 * (negative pos), -EIO or the driver's error.
 */
ssize_t special_file_read(vnode_t *vn, off_t pos, void *buf, size_t count);

/*
 * Writes 'count' bytes at 'pos' of device special file 'vn'.  Character
 * devices: bytedev_write().  Block devices: any offset and length (a
 * partial block is read, changed and written back, so the bytes of the
 * block around the ones written keep their values); fewer than count
 * across the end of the device, -ENOSPC at or past it.  Returns the number
 * of bytes written, or -ENXIO, -EINVAL, -ENOSPC, -EIO or the driver's error.
 */
ssize_t special_file_write(vnode_t *vn, off_t pos, const void *buf, size_t count);

/*
 * The length do_lseek()'s SEEK_END counts from for special file 'vn': a
 * block device's size in bytes (as on Linux), 0 for a character device or
 * a device with no driver.  Support code.
 */
off_t special_file_length(vnode_t *vn);

#endif
