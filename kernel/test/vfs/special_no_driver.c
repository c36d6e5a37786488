/*
 * A device whose driver goes away while its file is open: reads and writes
 * fail with ENXIO (the device is looked up on every call).
 */
#include "drivers/bytedev.h"
#include "vfstest.h"

KTEST(vfs_special_no_driver, "vfs.special.no_driver")
{
	static bytedev_t dev;
	if (!vt_begin()) {
		return;
	}
	memset(&dev, 0, sizeof(dev));
	dev = (bytedev_t){.cd_id = MKDEVID(98, 1), .cd_ops = bytedev_lookup(DEVID_NULL)->cd_ops};
	strlcpy(dev.cd_name, "vfstest", sizeof(dev.cd_name));
	dev.cd_driver = bytedev_lookup(DEVID_NULL)->cd_driver;
	KT_CHECK_EQ(bytedev_register(&dev), 0);
	KT_CHECK_EQ(do_mknod(VT_DIR "/c", S_IFCHR, MKDEVID(98, 1)), 0);
	int fd = do_open(VT_DIR "/c", O_RDWR);
	KT_CHECK(fd >= 0);
	KT_CHECK_EQ(do_write(fd, "x", 1), 1);
	bytedev_unregister(&dev);
	char c;
	KT_CHECK_EQ(do_write(fd, "x", 1), -ENXIO);
	KT_CHECK_EQ(do_read(fd, &c, 1), -ENXIO);
	vt_end();
}
