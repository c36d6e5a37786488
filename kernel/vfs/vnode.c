/*
 * Vnodes: the table of resident vnodes and their reference counts.
 *
 * The table (support code) is a list of every resident vnode; vnode_find()
 * searches it by (file system, inode number), which is what makes a vnode
 * unique.  The number of resident vnodes is small (each is held by someone:
 * an open file, a current directory, a walk in progress), so a list is
 * enough.
 *
 * The reference counts are yours (vget(), vref(), vput()).  The life of a
 * vnode:
 *
 *   vget()       not resident: vnode_alloc(), fs_ops->read_vnode(),
 *                vnode_ops_check(), vnode_insert(), count 1
 *                resident: count + 1
 *   vref()       count + 1
 *   vput()       count - 1; at 0: fs_ops->release_vnode(), vnode_remove(),
 *                vnode_free()
 *
 * Nothing in between sleeps for ramfs; a file system whose read_vnode
 * sleeps (S5FS reads the inode from the disk) must not let two threads
 * read the same inode into two vnodes: look in the table again after
 * read_vnode returns.
 */
#include "vfs/vnode.h"
#include "errno.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/fs.h"

static slab_allocator_t *vnode_cache;
static list_t vnode_table = LIST_INITIALIZER(vnode_table);
static int vnode_resident;

vnode_t *vnode_find(fs_t *fs, ino_t ino)
{
	for (list_link_t *l = vnode_table.l_next; l != &vnode_table; l = l->l_next) {
		vnode_t *vn = container_of(l, vnode_t, vn_link);
		if (vn->vn_fs == fs && vn->vn_ino == ino) {
			return vn;
		}
	}
	return NULL;
}

void vnode_init(void)
{
	if (vnode_cache == NULL) {
		vnode_cache = slab_allocator_create("vnode", sizeof(vnode_t));
		KASSERT(vnode_cache != NULL);
	}
}

vnode_t *vnode_alloc(fs_t *fs, ino_t ino)
{
	KASSERT(vnode_cache != NULL && "vnode_init() was not called");
	vnode_t *vn = slab_obj_alloc(vnode_cache);
	if (vn == NULL) {
		return NULL;
	}
	memset(vn, 0, sizeof(*vn));
	vn->vn_fs = fs;
	vn->vn_ino = ino;
	list_link_init(&vn->vn_link);
	return vn;
}

void vnode_insert(vnode_t *vn)
{
	KASSERT(!list_link_is_linked(&vn->vn_link));
	KASSERT(vnode_find(vn->vn_fs, vn->vn_ino) == NULL);
	list_insert_tail(&vnode_table, &vn->vn_link);
	vnode_resident++;
}

void vnode_remove(vnode_t *vn)
{
	KASSERT(list_link_is_linked(&vn->vn_link));
	list_remove(&vn->vn_link);
	vnode_resident--;
}

void vnode_free(vnode_t *vn)
{
	KASSERT(!list_link_is_linked(&vn->vn_link));
	slab_obj_free(vnode_cache, vn);
}

vnode_t *vnode_next(const vnode_t *prev)
{
	const list_link_t *l = prev == NULL ? vnode_table.l_next : prev->vn_link.l_next;
	return l == &vnode_table ? NULL : container_of(l, vnode_t, vn_link);
}

int vnode_count(void)
{
	return vnode_resident;
}

const char *vnode_type_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return "dir";
	case S_IFREG:
		return "reg";
	case S_IFCHR:
		return "chr";
	case S_IFBLK:
		return "blk";
	default:
		return "?";
	}
}

void vnode_ops_check(const vnode_ops_t *ops)
{
	KASSERT(ops != NULL);
#define VNODE_OPS_SLOT(slot)                                                                       \
	if (ops->slot == NULL) {                                                                   \
		panic("vnode operations table %p has no '" #slot "' operation", ops);              \
	}
	VNODE_OPS_SLOT(read);
	VNODE_OPS_SLOT(write);
	VNODE_OPS_SLOT(truncate);
	VNODE_OPS_SLOT(lookup);
	VNODE_OPS_SLOT(create);
	VNODE_OPS_SLOT(mknod);
	VNODE_OPS_SLOT(mkdir);
	VNODE_OPS_SLOT(rmdir);
	VNODE_OPS_SLOT(link);
	VNODE_OPS_SLOT(unlink);
	VNODE_OPS_SLOT(rename);
	VNODE_OPS_SLOT(readdir);
	VNODE_OPS_SLOT(stat);
#undef VNODE_OPS_SLOT
}

int vget(fs_t *fs, ino_t ino, vnode_t **result)
{
	/* BEGIN SOLUTION(vfs, vget) -> -ENOSYS */
	KASSERT(fs != NULL && result != NULL);
	vnode_t *vn = vnode_find(fs, ino);
	if (vn != NULL) {
		vref(vn);
		*result = vn;
		return 0;
	}
	vn = vnode_alloc(fs, ino);
	if (vn == NULL) {
		return -ENOMEM;
	}
	int err = fs->fs_ops->read_vnode(fs, vn);
	if (err < 0) {
		vnode_free(vn);
		return err;
	}
	vnode_ops_check(vn->vn_ops);
	vn->vn_refcount = 1;
	vnode_insert(vn);
	*result = vn;
	return 0;
	/* END SOLUTION */
}

void vref(vnode_t *vn)
{
	/* BEGIN SOLUTION(vfs, vref) -> nothing */
	KASSERT(vn != NULL && vn->vn_refcount > 0);
	vn->vn_refcount++;
	/* END SOLUTION */
}

void vput(vnode_t *vn)
{
	/* BEGIN SOLUTION(vfs, vput) -> nothing */
	KASSERT(vn != NULL && vn->vn_refcount > 0);
	if (--vn->vn_refcount > 0) {
		return;
	}
	fs_t *fs = vn->vn_fs;
	fs->fs_ops->release_vnode(fs, vn);
	vnode_remove(vn);
	vnode_free(vn);
	/* END SOLUTION */
}
