/* Choosing and mounting the root file system (see fs/root.h). */
#include "fs/root.h"
#include "errno.h"
#include "fs/ramfs.h"
#include "fs/s5fs.h"
#include "main/cmdline.h"
#include "mm/pframe.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/vnode.h"

/* Mounts S5FS from 'dev' and reads its root; 0 or -errno with nothing held. */
static int root_try_s5fs(fs_t *fs, const char *dev)
{
	char why[128];
	int err = s5fs_mount(fs, dev, why, sizeof(why));
	if (err < 0) {
		kprintf("root: ramfs, not S5FS: %s\n", why);
		return err;
	}
	err = vget(fs, fs->fs_root_ino, &fs->fs_root);
	if (err < 0) {
		kprintf("root: ramfs, not S5FS: %s: cannot read the root directory (%d)\n", dev,
			err);
		fs->fs_root = NULL;
		fs->fs_ops->unmount(fs);
		return err;
	}
	if (!S_ISDIR(fs->fs_root->vn_mode)) {
		kprintf("root: ramfs, not S5FS: %s: the root inode is not a directory\n", dev);
		vput(fs->fs_root);
		fs->fs_root = NULL;
		fs->fs_ops->unmount(fs);
		return -EINVAL;
	}
	kprintf("root: S5FS on %s\n", dev);
	return 0;
}

int vfs_mount_root(fs_t *fs)
{
	pframe_init();
	const char *root = cmdline_get(&kernel_cmdline, "root");
	if (root == NULL) {
		root = "hda";
	}
	if (strcmp(root, "ramfs") != 0) {
		if (root_try_s5fs(fs, root) == 0) {
			return 0;
		}
		memset(fs, 0, sizeof(*fs));
	}
	int err = ramfs_mount(fs);
	if (err < 0) {
		return err;
	}
	err = vget(fs, fs->fs_root_ino, &fs->fs_root);
	if (err < 0) {
		fs->fs_root = NULL;
		fs->fs_ops->unmount(fs);
		return err;
	}
	return 0;
}
