/*
 * Starting and stopping the VFS, paths of vnodes, and the vnode leak check
 * (support code; see vfs/vfs.h).
 */
#include "vfs/vfs.h"
#include "drivers/blockdev.h"
#include "drivers/bytedev.h"
#include "errno.h"
#include "fs/ramfs.h"
#include "fs/root.h"
#include "mm/pframe.h"
#include "test/ktest.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"
#include "vm/vm.h"

fs_t *vfs_root_fs;
static fs_t vfs_root_storage;

vnode_t *vfs_root_vnode(void)
{
	if (vfs_root_fs == NULL) {
		return NULL;
	}
	/* Every walk from '/' starts here: release what exited processes left. */
	vfs_proc_sweep();
	return vfs_root_fs->fs_root;
}

/* Paths. */

/* The name under which 'parent' lists inode 'ino' (not '.' or '..'); 0 or -ENOENT. */
static int vfs_name_in(vnode_t *parent, ino_t ino, dirent_t *d)
{
	off_t pos = 0;
	while (vop_readdir(parent, pos, d) > 0) {
		pos = d->d_off;
		if (d->d_ino == ino && strcmp(d->d_name, ".") != 0 &&
		    strcmp(d->d_name, "..") != 0) {
			return 0;
		}
	}
	return -ENOENT;
}

/* Prepends "/name" to the path being built backwards at the end of buf. */
static int vfs_path_prepend(char *buf, size_t *start, const char *name)
{
	size_t len = strlen(name);
	if (*start < len + 1) {
		return -ENAMETOOLONG;
	}
	*start -= len;
	memcpy(buf + *start, name, len);
	buf[--*start] = '/';
	return 0;
}

/* The path of directory 'dir', by walking '..' up to the root. */
static int vfs_dir_path(vnode_t *dir, char *buf, size_t size)
{
	vnode_t *root = vfs_root_vnode();
	if (size < 2) {
		return -ENAMETOOLONG;
	}
	size_t start = size - 1;
	buf[start] = '\0';
	vnode_t *cur = dir;
	vref(cur);
	int err = 0;
	for (int depth = 0; cur != root && err == 0; depth++) {
		vnode_t *parent;
		dirent_t d;
		if (depth > MAXPATHLEN / 2) {
			err = -ENOENT; /* a loop: the directory was removed */
			break;
		}
		err = vop_lookup(cur, "..", 2, &parent);
		if (err < 0) {
			break;
		}
		if (parent == cur) {
			err = -ENOENT; /* its own parent, but not the root: removed */
		} else if ((err = vfs_name_in(parent, cur->vn_ino, &d)) == 0) {
			err = vfs_path_prepend(buf, &start, d.d_name);
		}
		vput(cur);
		cur = parent;
	}
	vput(cur);
	if (err < 0) {
		return err;
	}
	if (start == size - 1) {
		buf[--start] = '/';
	}
	memmove(buf, buf + start, size - start);
	return 0;
}

/* Searches below directory 'dir' (path 'prefix' in buf) for inode 'ino'. */
static int vfs_search(vnode_t *dir, ino_t ino, char *buf, size_t size, int depth)
{
	if (depth > 8) {
		return -ENOENT;
	}
	dirent_t d;
	off_t pos = 0;
	size_t used = strlen(buf);
	while (vop_readdir(dir, pos, &d) > 0) {
		pos = d.d_off;
		if (strcmp(d.d_name, ".") == 0 || strcmp(d.d_name, "..") == 0) {
			continue;
		}
		if (used + 1 + strlen(d.d_name) + 1 > size) {
			return -ENAMETOOLONG;
		}
		buf[used] = '\0';
		if (used > 1) {
			strlcat(buf, "/", size);
		}
		strlcat(buf, d.d_name, size);
		if (d.d_ino == ino) {
			return 0;
		}
		if (d.d_type == DT_DIR) {
			vnode_t *child;
			if (vop_lookup(dir, d.d_name, strlen(d.d_name), &child) == 0) {
				int err = vfs_search(child, ino, buf, size, depth + 1);
				vput(child);
				if (err == 0) {
					return 0;
				}
			}
		}
		buf[used] = '\0';
	}
	return -ENOENT;
}

int vfs_path_of(vnode_t *vn, char *buf, size_t size)
{
	vnode_t *root = vfs_root_vnode();
	if (root == NULL || vn->vn_fs != vfs_root_fs) {
		return -ENOENT;
	}
	if (S_ISDIR(vn->vn_mode)) {
		return vfs_dir_path(vn, buf, size);
	}
	if (size < 2) {
		return -ENAMETOOLONG;
	}
	strlcpy(buf, "/", size);
	return vfs_search(root, vn->vn_ino, buf, size, 0);
}

void vnode_describe(vnode_t *vn, char *buf, size_t size)
{
	char path[128];
	if (vfs_path_of(vn, path, sizeof(path)) < 0) {
		strlcpy(path, "(no path)", sizeof(path));
	}
	snprintf(buf, size, "%s ino %u %s count %d %s", vn->vn_fs->fs_type, (unsigned)vn->vn_ino,
		 vnode_type_name(vn->vn_mode), vn->vn_refcount, path);
}

int do_getcwd(char *buf, size_t size)
{
	vnode_t *cwd = vfs_cwd();
	if (cwd == NULL) {
		return -ENOENT;
	}
	int err = vfs_dir_path(cwd, buf, size);
	return err == -ENAMETOOLONG ? -ERANGE : err;
}

/* The vnode leak check: the harness calls these around every test. */

#define VFS_SNAP_MAX 48

typedef struct vfs_snapshot {
	int vs_resident;
	int vs_n; /* entries recorded (at most VFS_SNAP_MAX) */
	struct {
		vnode_t *vn;
		int count;
	} vs_vnodes[VFS_SNAP_MAX];
} vfs_snapshot_t;

_Static_assert(sizeof(vfs_snapshot_t) <= KTEST_HOOK_STATE, "the vnode snapshot is too big");

static void (*vfs_cache_release)(void);

void vfs_set_cache_release(void (*fn)(void))
{
	vfs_cache_release = fn;
}

/* Lets caches above the VFS drop what they hold (see vfs_set_cache_release()). */
static void vfs_release_caches(void)
{
	if (vfs_cache_release != NULL) {
		vfs_cache_release();
	}
}

static void vfs_leak_snapshot(void *state)
{
	vfs_snapshot_t *s = state;
	vfs_release_caches();
	vfs_proc_sweep();
	pframe_shrink_all(); /* cached pages of a disk root are not leaks */
	s->vs_resident = vnode_count();
	s->vs_n = 0;
	for (vnode_t *vn = vnode_next(NULL); vn != NULL && s->vs_n < VFS_SNAP_MAX;
	     vn = vnode_next(vn)) {
		s->vs_vnodes[s->vs_n].vn = vn;
		s->vs_vnodes[s->vs_n].count = vn->vn_refcount;
		s->vs_n++;
	}
}

static int vfs_leak_compare(const void *state, char *why, size_t size)
{
	const vfs_snapshot_t *s = state;
	vfs_release_caches();
	vfs_proc_sweep();
	pframe_shrink_all();
	int n = 0;
	size_t used = 0;
	why[0] = '\0';
	for (vnode_t *vn = vnode_next(NULL); vn != NULL; vn = vnode_next(vn)) {
		int was = 0;
		for (int i = 0; i < s->vs_n; i++) {
			if (s->vs_vnodes[i].vn == vn) {
				was = s->vs_vnodes[i].count;
			}
		}
		if (vn->vn_refcount != was) {
			char line[200];
			vnode_describe(vn, line, sizeof(line));
			if (used < size) {
				used += snprintf(why + used, size - used, "%svnode %s, was %d",
						 n > 0 ? "; " : "", line, was);
			}
			n++;
		}
	}
	if (n == 0 && vnode_count() != s->vs_resident) {
		snprintf(why, size, "resident vnodes: %d, was %d", vnode_count(), s->vs_resident);
		n++;
	}
	return n;
}

static const ktest_leak_hook_t vfs_leak_hook = {
    .kh_snapshot = vfs_leak_snapshot,
    .kh_compare = vfs_leak_compare,
};

/* Starting and stopping. */

/* Makes /dev and a node in it for every registered device. */
static void vfs_make_dev(void)
{
	int err = do_mkdir("/dev");
	if (err < 0 && err != -EEXIST) {
		kprintf("vfs: cannot make /dev (%d)\n", err);
		return;
	}
	char path[8 + DEV_NAME_LEN];
	for (bytedev_t *d = bytedev_next(NULL); d != NULL; d = bytedev_next(d)) {
		snprintf(path, sizeof(path), "/dev/%s", d->cd_name);
		err = do_mknod(path, S_IFCHR, d->cd_id);
		if (err < 0 && err != -EEXIST) {
			kprintf("vfs: cannot make %s (%d)\n", path, err);
		}
	}
	for (blockdev_t *b = blockdev_next(NULL); b != NULL; b = blockdev_next(b)) {
		snprintf(path, sizeof(path), "/dev/%s", b->bd_name);
		err = do_mknod(path, S_IFBLK, b->bd_id);
		if (err < 0 && err != -EEXIST) {
			kprintf("vfs: cannot make %s (%d)\n", path, err);
		}
	}
}

void vfs_init(void)
{
	vm_init(); /* the VM's caches, before any test counts them */
	vnode_init();
	file_init();
	ktest_set_leak_hook(&vfs_leak_hook);
	fs_t *fs = &vfs_root_storage;
	memset(fs, 0, sizeof(*fs));
	/* S5FS from hda, or ramfs (fs/root.h); it takes the root vnode too. */
	int err = vfs_mount_root(fs);
	if (err < 0 || fs->fs_root == NULL) {
		kprintf("vfs: cannot mount the root (%d): no files in this kernel\n", err);
		return;
	}
	vfs_root_fs = fs;
	dbg(DBG_VFS, "%s mounted as the root\n", fs->fs_type);
	/* The caller (init) gets its current directory now, before any test counts. */
	if (vfs_curproc() == NULL) {
		kprintf("vfs: no current directory for init\n");
	}
	vfs_make_dev();
}

int vfs_shutdown(void)
{
	vfs_release_caches();
	vfs_proc_release_all();
	fs_t *fs = vfs_root_fs;
	if (fs == NULL) {
		return 0;
	}
	if (pframe_sync() < 0) {
		kprintf("keel: writing the page cache back failed\n");
	}
	int leaked = 0;
	for (vnode_t *vn = vnode_next(NULL); vn != NULL; vn = vnode_next(vn)) {
		if (vn == fs->fs_root && vn->vn_refcount == 1) {
			continue;
		}
		char line[200];
		vnode_describe(vn, line, sizeof(line));
		kprintf("keel: vnode still referenced: %s\n", line);
		leaked++;
	}
	if (leaked > 0) {
		return leaked;
	}
	vnode_t *root = fs->fs_root;
	fs->fs_root = NULL;
	vfs_root_fs = NULL;
	vput(root);
	int err = fs->fs_ops->unmount(fs);
	if (err < 0) {
		kprintf("keel: cannot unmount the root file system (%d)\n", err);
		return 1;
	}
	return 0;
}
