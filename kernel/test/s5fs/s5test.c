/* Helpers shared by the s5fs.* tests (see s5test.h). */
#include "s5test.h"
#include "drivers/blockdev.h"
#include "mm/kmalloc.h"
#include "mm/page.h"

bool s5t_begin(void)
{
	if (!KT_CHECK(s5fs_is(vfs_root_fs))) {
		ktest_note("the root is not S5FS: boot with an S5FS image as hda");
		return false;
	}
	return vt_begin();
}

void s5t_end(void)
{
	vt_end();
	pframe_sync();
}

s5fs_t *s5t_fs(void)
{
	return vfs_root_fs->fs_i;
}

uint32_t s5t_free_blocks(void)
{
	return s5t_fs()->s5_sb->s5s_nfree_blocks;
}

uint32_t s5t_free_inodes(void)
{
	return s5t_fs()->s5_sb->s5s_nfree_inodes;
}

long s5t_blocks(const char *path)
{
	stat_t st;
	int err = do_stat(path, &st);
	return err < 0 ? err : (long)st.st_blocks;
}

void s5t_pattern(char *buf, size_t len, uint32_t pos, uint32_t seed)
{
	for (size_t i = 0; i < len; i++) {
		uint32_t x = (pos + (uint32_t)i) * 2654435761u + seed;
		buf[i] = (char)(x >> 24);
	}
}

bool s5t_pattern_ok(const char *buf, size_t len, uint32_t pos, uint32_t seed)
{
	for (size_t i = 0; i < len; i++) {
		uint32_t x = (pos + (uint32_t)i) * 2654435761u + seed;
		if (buf[i] != (char)(x >> 24)) {
			ktest_note("byte %u differs", (unsigned)(pos + i));
			return false;
		}
	}
	return true;
}

uint32_t s5t_inode_block(uint32_t ino)
{
	return s5_inode_block(ino);
}

uint32_t s5t_inode_off(uint32_t ino)
{
	return s5_inode_offset(ino);
}

/* The overlay device. */

#define S5T_OVERLAY_MAX 256

static struct {
	blockdev_t *lower;
	uint32_t blocks[S5T_OVERLAY_MAX];
	void *pages[S5T_OVERLAY_MAX];
	int n;
} ov;

static blockdev_t s5t_dev;

static void *ov_page(uint32_t block, bool make)
{
	for (int i = 0; i < ov.n; i++) {
		if (ov.blocks[i] == block) {
			return ov.pages[i];
		}
	}
	if (!make || ov.n == S5T_OVERLAY_MAX) {
		return NULL;
	}
	void *p = page_alloc();
	if (p == NULL) {
		return NULL;
	}
	if (blockdev_read(ov.lower, block, p, 1) < 0) {
		page_free(p);
		return NULL;
	}
	ov.blocks[ov.n] = block;
	ov.pages[ov.n] = p;
	ov.n++;
	return p;
}

static int ov_read(blockdev_t *bd, blocknum_t block, void *buf, size_t count)
{
	if (block + count > bd->bd_nblocks) {
		return -EINVAL;
	}
	for (size_t i = 0; i < count; i++) {
		void *p = ov_page(block + i, false);
		if (p != NULL) {
			memcpy((char *)buf + i * BLOCK_SIZE, p, BLOCK_SIZE);
		} else {
			int err =
			    blockdev_read(ov.lower, block + i, (char *)buf + i * BLOCK_SIZE, 1);
			if (err < 0) {
				return err;
			}
		}
	}
	return 0;
}

static int ov_write(blockdev_t *bd, blocknum_t block, const void *buf, size_t count)
{
	if (block + count > bd->bd_nblocks) {
		return -EINVAL;
	}
	for (size_t i = 0; i < count; i++) {
		void *p = ov_page(block + i, true);
		if (p == NULL) {
			return -EIO;
		}
		memcpy(p, (const char *)buf + i * BLOCK_SIZE, BLOCK_SIZE);
	}
	return 0;
}

static const blockdev_ops_t ov_ops = {.read_block = ov_read, .write_block = ov_write};

bool s5t_overlay_begin(void)
{
	ov.lower = blockdev_lookup_name("hda");
	if (!KT_CHECK(ov.lower != NULL)) {
		return false;
	}
	ov.n = 0;
	pframe_sync();
	s5t_dev = (blockdev_t){.bd_id = MKDEVID(97, 0),
			       .bd_name = "s5t",
			       .bd_nblocks = ov.lower->bd_nblocks,
			       .bd_ops = &ov_ops};
	return KT_CHECK_EQ(blockdev_register(&s5t_dev), 0);
}

void s5t_poke(uint32_t block, uint32_t off, const void *data, size_t len)
{
	KASSERT(off + len <= BLOCK_SIZE);
	char *p = ov_page(block, true);
	KASSERT(p != NULL);
	memcpy(p + off, data, len);
}

void s5t_peek(uint32_t block, uint32_t off, void *data, size_t len)
{
	static char buf[BLOCK_SIZE];
	KASSERT(off + len <= BLOCK_SIZE);
	ov_read(&s5t_dev, block, buf, 1);
	memcpy(data, buf + off, len);
}

void s5t_poke32(uint32_t block, uint32_t off, uint32_t value)
{
	s5t_poke(block, off, &value, sizeof(value));
}

int s5t_mount(fs_t *fs, char *why, size_t size)
{
	memset(fs, 0, sizeof(*fs));
	return s5fs_mount(fs, "s5t", why, size);
}

void s5t_umount(fs_t *fs)
{
	KT_CHECK_EQ(fs->fs_ops->unmount(fs), 0);
}

void s5t_overlay_end(void)
{
	blockdev_unregister(&s5t_dev);
	for (int i = 0; i < ov.n; i++) {
		page_free(ov.pages[i]);
	}
	ov.n = 0;
}

/* Mounts the overlay and gets its root; false (test failed) if it cannot. */
static bool ov_mount_root(fs_t *fs, vnode_t **root)
{
	char why[128];
	int err = s5t_mount(fs, why, sizeof(why));
	if (!KT_CHECK_EQ(err, 0)) {
		ktest_note("mount: %s", why);
		return false;
	}
	err = vget(fs, fs->fs_root_ino, root);
	if (!KT_CHECK_EQ(err, 0)) {
		s5t_umount(fs);
		return false;
	}
	return true;
}

int s5t_overlay_try(const char *name, int what, uint32_t *reports)
{
	fs_t fs;
	vnode_t *root;
	if (!ov_mount_root(&fs, &root)) {
		return 1;
	}
	s5fs_t *s5 = fs.fs_i;
	uint32_t before = s5->s5_corruptions;
	size_t len = strlen(name);
	vnode_t *vn = NULL;
	int err;
	static char buf[2 * BLOCK_SIZE];
	switch (what) {
	case S5T_LOOKUP:
		err = vop_lookup(root, name, len, &vn);
		break;
	case S5T_READ:
		err = vop_lookup(root, name, len, &vn);
		if (err == 0) {
			ssize_t n = vop_read(vn, 0, buf, sizeof(buf));
			err = n < 0 ? (int)n : 0;
		}
		break;
	case S5T_CREATE:
		err = vop_create(root, name, len, &vn);
		break;
	case S5T_WRITE:
		err = vop_create(root, name, len, &vn);
		for (int i = 0; err == 0 && i < 8; i++) {
			ssize_t n = vop_write(vn, i * (off_t)sizeof(buf), buf, sizeof(buf));
			err = n < 0 ? (int)n : 0;
		}
		break;
	default: {
		/* Walk: read every entry of the root. */
		dirent_t d;
		off_t pos = 0;
		while ((err = vop_readdir(root, pos, &d)) > 0) {
			pos = d.d_off;
		}
		break;
	}
	}
	if (vn != NULL) {
		vput(vn);
	}
	if (reports != NULL) {
		*reports = s5->s5_corruptions - before;
	}
	vput(root);
	fs.fs_ops->unmount(&fs);
	return err;
}
