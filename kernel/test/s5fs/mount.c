/*
 * The root on disk: booted with an S5FS image as hda, the kernel mounts it
 * as '/', and what mkfs.s5fs put there is visible: the README's text, the
 * device nodes of the manifest (usable as devices, on the disk's st_dev,
 * /dev/hdb even with no second disk), the directories with
 * link counts as on Linux (the root: 2 + its subdirectories).
 */
#include "s5test.h"

KTEST(s5fs_mount_root, "s5fs.mount.root")
{
	KT_CHECK(vfs_root_fs != NULL);
	KT_CHECK(s5fs_is(vfs_root_fs));
	if (vfs_root_fs != NULL) {
		KT_CHECK_STR(vfs_root_fs->fs_type, "s5fs");
		KT_CHECK_EQ(vfs_root_fs->fs_root_ino, S5_ROOT_INODE);
	}
	stat_t st;
	KT_CHECK_EQ(do_stat("/", &st), 0);
	KT_CHECK_EQ(st.st_ino, S5_ROOT_INODE);
	KT_CHECK(S_ISDIR(st.st_mode));
}

KTEST(s5fs_mount_readme, "s5fs.mount.readme")
{
	static char buf[2048];
	ssize_t n = vt_readfile("/README", buf, sizeof(buf));
	KT_CHECK(n > 0);
	KT_CHECK(strstr(buf, "S5FS") != NULL);
	KT_CHECK_EQ(vt_size("/README"), n);
	n = vt_readfile("/etc/motd", buf, sizeof(buf));
	KT_CHECK(n > 0);
}

KTEST(s5fs_mount_dev_nodes, "s5fs.mount.dev_nodes")
{
	stat_t st;
	KT_CHECK(s5fs_is(vfs_root_fs));
	/* /dev/hdb comes from the image's manifest, whether or not a second disk is attached. */
	KT_CHECK_EQ(do_stat("/dev/hdb", &st), 0);
	KT_CHECK(S_ISBLK(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, MKDEVID(DISK_MAJOR, 1));
	KT_CHECK_EQ(st.st_dev, MKDEVID(DISK_MAJOR, 0));
	KT_CHECK_EQ(do_stat("/dev/null", &st), 0);
	KT_CHECK(S_ISCHR(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, DEVID_NULL);
	KT_CHECK_EQ(st.st_size, 0);
	KT_CHECK_EQ(do_stat("/dev/hda", &st), 0);
	KT_CHECK(S_ISBLK(st.st_mode));
	KT_CHECK_EQ(st.st_rdev, MKDEVID(DISK_MAJOR, 0));
	int fd = do_open("/dev/zero", O_RDONLY);
	KT_CHECK(fd >= 0);
	char buf[8] = "xxxxxxx";
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), 8);
	KT_CHECK_EQ(buf[0], 0);
	KT_CHECK_EQ(buf[7], 0);
	do_close(fd);
}

KTEST(s5fs_mount_root_links, "s5fs.mount.root_links")
{
	/*
	 * The image's root holds etc, dev, bin, tmp and home (and, on
	 * build/disk.img, the user programs' sbin and usr): the root's link
	 * count is 2 plus the number of its subdirectories.
	 */
	static const char *const want[] = {"etc", "dev", "bin", "tmp", "home"};
	int subdirs = 0, found = 0;
	int fd = do_open("/", O_RDONLY);
	dirent_t d;
	while (do_getdent(fd, &d) > 0) {
		if (d.d_type == DT_DIR && strcmp(d.d_name, ".") != 0 &&
		    strcmp(d.d_name, "..") != 0) {
			subdirs++;
			for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
				found += strcmp(d.d_name, want[i]) == 0;
			}
		}
	}
	do_close(fd);
	KT_CHECK_EQ(found, 5);
	KT_CHECK(subdirs >= 5);
	KT_CHECK_EQ(vt_nlink("/"), 2 + subdirs);
	KT_CHECK_EQ(vt_nlink("/etc"), 2);
	KT_CHECK_EQ(vt_ino("/.."), S5_ROOT_INODE);
}
