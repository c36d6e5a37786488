/*
 * The process side of the VFS (support code; see vfs/vfs_proc.h for why
 * it lives here and not in proc_t).
 *
 * The table has one entry per pid.  An entry is in use when vp_proc is
 * set; the entries in use are also on a list, so a sweep looks only at
 * them.  An entry belongs to a process for as long as that process is
 * alive: proc_lookup(vp_pid) is still vp_proc and it is not a zombie.
 */
#include "vfs/vfs_proc.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/vfs.h"

static vfs_proc_t vfs_procs[PROC_MAX_COUNT];
static list_t vfs_proc_used = LIST_INITIALIZER(vfs_proc_used);

static bool vfs_proc_owner_alive(const vfs_proc_t *vp)
{
	proc_t *p = proc_lookup(vp->vp_pid);
	return p != NULL && p == vp->vp_proc && p->p_state != PROC_DEAD;
}

/* Closes every descriptor of 'vp', puts its directory, and frees the entry. */
static void vfs_proc_entry_release(vfs_proc_t *vp)
{
	KASSERT(vp->vp_proc != NULL);
	dbg(DBG_VFS, "releasing the files of process %d\n", vp->vp_pid);
	/* Unhook first: the puts below may come back here (a sweep). */
	list_remove(&vp->vp_link);
	vp->vp_proc = NULL;
	for (int fd = 0; fd < NFILES; fd++) {
		file_t *f = vp->vp_files[fd];
		if (f != NULL) {
			vp->vp_files[fd] = NULL;
			fput(f);
		}
	}
	vnode_t *cwd = vp->vp_cwd;
	vp->vp_cwd = NULL;
	if (cwd != NULL) {
		vput(cwd);
	}
}

int vfs_proc_sweep(void)
{
	int n = 0;
	list_link_t *l = vfs_proc_used.l_next;
	while (l != &vfs_proc_used) {
		vfs_proc_t *vp = container_of(l, vfs_proc_t, vp_link);
		l = l->l_next;
		if (!vfs_proc_owner_alive(vp)) {
			vfs_proc_entry_release(vp);
			n++;
			/* The list may have changed under us: start again. */
			l = vfs_proc_used.l_next;
		}
	}
	return n;
}

vfs_proc_t *vfs_proc_peek(proc_t *p)
{
	if (p == NULL || p->p_pid < 0 || p->p_pid >= PROC_MAX_COUNT) {
		return NULL;
	}
	vfs_proc_t *vp = &vfs_procs[p->p_pid];
	return vp->vp_proc == p ? vp : NULL;
}

/* Claims the entry of 'p' (releasing a stale owner's), with nothing in it. */
static vfs_proc_t *vfs_proc_claim(proc_t *p)
{
	KASSERT(p->p_pid >= 0 && p->p_pid < PROC_MAX_COUNT);
	vfs_proc_t *vp = &vfs_procs[p->p_pid];
	if (vp->vp_proc != NULL) {
		vfs_proc_entry_release(vp);
	}
	memset(vp, 0, sizeof(*vp));
	vp->vp_proc = p;
	vp->vp_pid = p->p_pid;
	list_link_init(&vp->vp_link);
	list_insert_tail(&vfs_proc_used, &vp->vp_link);
	return vp;
}

vfs_proc_t *vfs_proc_get(proc_t *p)
{
	KASSERT(p != NULL);
	vnode_t *root = vfs_root_vnode();
	if (root == NULL) {
		return NULL;
	}
	vfs_proc_sweep();
	vfs_proc_t *vp = vfs_proc_peek(p);
	if (vp != NULL) {
		return vp;
	}
	vfs_proc_t *parent = vfs_proc_peek(p->p_pproc);
	vnode_t *cwd = parent != NULL && parent->vp_cwd != NULL ? parent->vp_cwd : root;
	vp = vfs_proc_claim(p);
	vref(cwd);
	vp->vp_cwd = cwd;
	dbg(DBG_VFS, "process %d starts in the VFS\n", p->p_pid);
	return vp;
}

vfs_proc_t *vfs_curproc(void)
{
	return curproc == NULL ? NULL : vfs_proc_get(curproc);
}

vnode_t *vfs_cwd(void)
{
	vfs_proc_t *vp = vfs_curproc();
	return vp == NULL ? NULL : vp->vp_cwd;
}

vnode_t *vfs_proc_swap_cwd(vnode_t *dir)
{
	KASSERT(dir != NULL && S_ISDIR(dir->vn_mode));
	vfs_proc_t *vp = vfs_curproc();
	if (vp == NULL) {
		return NULL;
	}
	vnode_t *old = vp->vp_cwd;
	vref(dir);
	vp->vp_cwd = dir;
	return old;
}

void vfs_proc_fork(proc_t *parent, proc_t *child)
{
	vfs_proc_t *pvp = vfs_proc_get(parent);
	if (pvp == NULL) {
		return;
	}
	vfs_proc_t *cvp = vfs_proc_claim(child);
	vref(pvp->vp_cwd);
	cvp->vp_cwd = pvp->vp_cwd;
	for (int fd = 0; fd < NFILES; fd++) {
		if (pvp->vp_files[fd] != NULL) {
			fref(pvp->vp_files[fd]);
			cvp->vp_files[fd] = pvp->vp_files[fd];
		}
	}
}

void vfs_proc_release(proc_t *p)
{
	vfs_proc_t *vp = vfs_proc_peek(p);
	if (vp != NULL) {
		vfs_proc_entry_release(vp);
	}
}

void vfs_proc_release_all(void)
{
	while (!list_empty(&vfs_proc_used)) {
		vfs_proc_entry_release(
		    container_of(list_head(&vfs_proc_used), vfs_proc_t, vp_link));
	}
}
