/*
 * Open files and the descriptor table.
 *
 * An open file is shared by everything that points to it: the descriptor
 * slots (one per do_open(), more after do_dup() and, in the VM stage,
 * fork) and the callers that are using it right now (fget() ... fput()).
 * f_refcount counts all of them, so a file closed by one thread while
 * another thread is in the middle of a read through it lives on until
 * that read's fput().
 *
 * Who holds what:
 *   descriptor slot vp_files[fd]   one reference to the file
 *   the file                       one reference to its vnode (f_vnode)
 *
 * Hints: fget() looks at the running process's table (vfs_curproc());
 * fput() of the last reference puts the vnode and frees the file with
 * file_free().
 */
#include "vfs/file.h"
#include "errno.h"
#include "mm/slab.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/vfs_proc.h"

static slab_allocator_t *file_cache;
static int file_live;

void file_init(void)
{
	if (file_cache == NULL) {
		file_cache = slab_allocator_create("file", sizeof(file_t));
		KASSERT(file_cache != NULL);
	}
}

/* A zeroed file_t, not yet counted by anyone; NULL when out of memory. */
static file_t *file_alloc(void)
{
	KASSERT(file_cache != NULL && "file_init() was not called");
	file_t *f = slab_obj_alloc(file_cache);
	if (f != NULL) {
		memset(f, 0, sizeof(*f));
		file_live++;
	}
	return f;
}

/* Frees a file from file_alloc() (its vnode already put). */
static void file_free(file_t *f)
{
	file_live--;
	slab_obj_free(file_cache, f);
}

int file_count(void)
{
	return file_live;
}

file_t *file_create(vnode_t *vn, int mode)
{
	/* BEGIN SOLUTION(vfs, file_create) -> NULL */
	KASSERT(vn != NULL && vn->vn_refcount > 0);
	file_t *f = file_alloc();
	if (f == NULL) {
		return NULL;
	}
	vref(vn);
	f->f_vnode = vn;
	f->f_mode = mode;
	f->f_pos = 0;
	f->f_refcount = 1;
	return f;
	/* END SOLUTION */
}

file_t *fget(int fd)
{
	/* BEGIN SOLUTION(vfs, fget) -> NULL */
	if (fd < 0 || fd >= NFILES) {
		return NULL;
	}
	vfs_proc_t *vp = vfs_curproc();
	if (vp == NULL || vp->vp_files[fd] == NULL) {
		return NULL;
	}
	file_t *f = vp->vp_files[fd];
	fref(f);
	return f;
	/* END SOLUTION */
}

void fref(file_t *f)
{
	/* BEGIN SOLUTION(vfs, fref) -> nothing */
	KASSERT(f != NULL && f->f_refcount > 0);
	f->f_refcount++;
	/* END SOLUTION */
}

void fput(file_t *f)
{
	/* BEGIN SOLUTION(vfs, fput) -> nothing */
	KASSERT(f != NULL && f->f_refcount > 0);
	if (--f->f_refcount > 0) {
		return;
	}
	vput(f->f_vnode);
	f->f_vnode = NULL;
	file_free(f);
	/* END SOLUTION */
}

int get_empty_fd(void)
{
	/* BEGIN SOLUTION(vfs, get_empty_fd) -> -ENOSYS */
	vfs_proc_t *vp = vfs_curproc();
	if (vp == NULL) {
		return -ENOENT;
	}
	for (int fd = 0; fd < NFILES; fd++) {
		if (vp->vp_files[fd] == NULL) {
			return fd;
		}
	}
	return -EMFILE;
	/* END SOLUTION */
}
