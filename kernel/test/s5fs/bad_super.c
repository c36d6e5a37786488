/*
 * A bad superblock is refused at mount with -EINVAL and a reason, never a
 * panic: a wrong magic number, a wrong version, more blocks than the
 * device has, an inode count that is not whole inode-table blocks, a
 * free-block count larger than the data area; a device that does not
 * exist is -ENODEV.  Each test first mounts the overlay device unchanged
 * and reads its root directory, then changes one field of its superblock
 * (hda itself is untouched) and mounts again.
 */
#include "s5test.h"

/*
 * The unchanged overlay mounts and its root directory reads (the stage's
 * code works); then, with superblock field at 'off' set to 'value', the
 * mount's error and why.
 */
static int mount_with(uint32_t off, uint32_t value, char *why, size_t size)
{
	if (!s5t_overlay_begin()) {
		return 1;
	}
	int err = 1;
	fs_t fs;
	vnode_t *root = NULL;
	if (KT_CHECK_EQ(s5t_mount(&fs, why, size), 0)) {
		if (KT_CHECK_EQ(vget(&fs, fs.fs_root_ino, &root), 0)) {
			KT_CHECK(S_ISDIR(root->vn_mode));
			vput(root);
			s5t_umount(&fs);
			s5t_poke32(S5_SUPER_BLOCK, off, value);
			err = s5t_mount(&fs, why, size);
			if (err == 0) {
				s5t_umount(&fs);
			}
		} else {
			s5t_umount(&fs);
		}
	}
	s5t_overlay_end();
	return err;
}

KTEST(s5fs_bad_magic, "s5fs.bad.magic")
{
	char why[128] = "";
	KT_CHECK_EQ(mount_with(offsetof(s5_super_t, s5s_magic), 0x12345678, why, sizeof(why)),
		    -EINVAL);
	KT_CHECK(strstr(why, "not an S5FS image") != NULL);
	fs_t fs;
	memset(&fs, 0, sizeof(fs));
	KT_CHECK_EQ(s5fs_mount(&fs, "nosuchdisk", why, sizeof(why)), -ENODEV);
	KT_CHECK(strstr(why, "nosuchdisk") != NULL);
}

KTEST(s5fs_bad_version, "s5fs.bad.version")
{
	char why[128] = "";
	KT_CHECK_EQ(mount_with(offsetof(s5_super_t, s5s_version), 7, why, sizeof(why)), -EINVAL);
	KT_CHECK(strstr(why, "version 7") != NULL);
}

KTEST(s5fs_bad_nblocks, "s5fs.bad.nblocks")
{
	char why[128] = "";
	KT_CHECK_EQ(mount_with(offsetof(s5_super_t, s5s_nblocks), 1000000, why, sizeof(why)),
		    -EINVAL);
	KT_CHECK(strstr(why, "the device has") != NULL);
}

KTEST(s5fs_bad_ninodes, "s5fs.bad.ninodes")
{
	char why[128] = "";
	KT_CHECK_EQ(mount_with(offsetof(s5_super_t, s5s_ninodes), 33, why, sizeof(why)), -EINVAL);
	KT_CHECK(strstr(why, "inode count") != NULL);
}

KTEST(s5fs_bad_free_count, "s5fs.bad.free_count")
{
	char why[128] = "";
	KT_CHECK_EQ(
	    mount_with(offsetof(s5_super_t, s5s_nfree_blocks), 0xffffff00u, why, sizeof(why)),
	    -EINVAL);
	KT_CHECK(strstr(why, "free-block list") != NULL);
}

