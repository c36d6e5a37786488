/*
 * Pipes (fs/pipe.h).
 *
 * A pipe is a pipe_t (a ring buffer of PIPE_SIZE bytes and one wait queue)
 * and two vnodes of the internal file system pipe_fs, one per end, each
 * pointing to the pipe_t through vn_i.  Reference counting does the rest:
 * an end is open exactly while its vnode has references (the open files
 * of that end hold them), so pipe_fs's release_vnode is where an end
 * closes.  It marks the end closed, wakes everyone waiting (a reader that
 * will now see end of file, a writer that will now see -EPIPE), and frees
 * the pipe_t once both ends are closed.
 *
 * Readers and writers sleep on the same queue, cancellably, and recheck
 * their condition after every wakeup; each read or write wakes the queue.
 */
#include "fs/pipe.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "proc/sched.h"
#include "util/string.h"
#include "vfs/fs.h"

typedef struct pipe {
	char p_buf[PIPE_SIZE];
	size_t p_head;     /* next byte to read */
	size_t p_count;    /* bytes in the buffer */
	bool p_read_open;  /* the read end's vnode lives */
	bool p_write_open; /* the write end's vnode lives */
	ktqueue_t p_wait;  /* readers and writers waiting */
} pipe_t;

static int pipe_read_vnode(fs_t *fs, vnode_t *vn)
{
	return -ENOENT; /* pipe ends are made by pipe_create(), never read */
}

static void pipe_release_vnode(fs_t *fs, vnode_t *vn)
{
	pipe_t *p = vn->vn_i;
	if (vn->vn_ino & 1) {
		p->p_write_open = false;
	} else {
		p->p_read_open = false;
	}
	sched_broadcast_on(&p->p_wait);
	if (!p->p_read_open && !p->p_write_open) {
		kfree(p);
	}
}

static int pipe_unmount(fs_t *fs)
{
	return 0;
}

static const fs_ops_t pipe_fs_ops = {
    .read_vnode = pipe_read_vnode,
    .release_vnode = pipe_release_vnode,
    .unmount = pipe_unmount,
};

static fs_t pipe_fs = {.fs_ops = &pipe_fs_ops, .fs_type = "pipefs"};
static ino_t pipe_next_ino = 2; /* even: read ends, odd: write ends */

static ssize_t pipe_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	pipe_t *p = vn->vn_i;
	if (count == 0) {
		return 0;
	}
	while (p->p_count == 0) {
		if (!p->p_write_open) {
			return 0;
		}
		if (sched_cancellable_sleep_on(&p->p_wait) == -EINTR) {
			return -EINTR;
		}
	}
	size_t n = MIN(count, p->p_count);
	for (size_t i = 0; i < n; i++) {
		((char *)buf)[i] = p->p_buf[(p->p_head + i) % PIPE_SIZE];
	}
	p->p_head = (p->p_head + n) % PIPE_SIZE;
	p->p_count -= n;
	sched_broadcast_on(&p->p_wait);
	return n;
}

static ssize_t pipe_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	pipe_t *p = vn->vn_i;
	size_t done = 0;
	while (done < count) {
		if (!p->p_read_open) {
			return done > 0 ? (ssize_t)done : -EPIPE;
		}
		if (p->p_count == PIPE_SIZE) {
			if (sched_cancellable_sleep_on(&p->p_wait) == -EINTR) {
				return done > 0 ? (ssize_t)done : -EINTR;
			}
			continue;
		}
		size_t n = MIN(count - done, PIPE_SIZE - p->p_count);
		for (size_t i = 0; i < n; i++) {
			p->p_buf[(p->p_head + p->p_count + i) % PIPE_SIZE] =
			    ((const char *)buf)[done + i];
		}
		p->p_count += n;
		done += n;
		sched_broadcast_on(&p->p_wait);
	}
	return done;
}

static int pipe_truncate(vnode_t *vn)
{
	return -EINVAL;
}

static int pipe_stat(vnode_t *vn, stat_t *st)
{
	pipe_t *p = vn->vn_i;
	memset(st, 0, sizeof(*st));
	st->st_ino = vn->vn_ino;
	st->st_mode = S_IFIFO | 0600;
	st->st_nlink = 1;
	st->st_size = p->p_count;
	st->st_blksize = PIPE_SIZE;
	return 0;
}

static const vnode_ops_t pipe_vnode_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .truncate = pipe_truncate,
    .lookup = vop_fail_lookup_notdir,
    .create = vop_fail_create_notdir,
    .mknod = vop_fail_mknod_notdir,
    .mkdir = vop_fail_mkdir_notdir,
    .rmdir = vop_fail_rmdir_notdir,
    .link = vop_fail_link_notdir,
    .unlink = vop_fail_unlink_notdir,
    .rename = vop_fail_rename_notdir,
    .readdir = vop_fail_readdir_notdir,
    .stat = pipe_stat,
};

bool pipe_is_pipe(const vnode_t *vn)
{
	return vn->vn_fs == &pipe_fs;
}

/* A vnode for one end of 'p', with one reference for the caller, or NULL. */
static vnode_t *pipe_end_vnode(pipe_t *p, ino_t ino)
{
	vnode_t *vn = vnode_alloc(&pipe_fs, ino);
	if (vn == NULL) {
		return NULL;
	}
	vn->vn_ops = &pipe_vnode_ops;
	vn->vn_mode = S_IFIFO;
	vn->vn_devid = NULL_DEVID;
	vn->vn_i = p;
	vn->vn_refcount = 1;
	vnode_insert(vn);
	return vn;
}

int pipe_create(file_t **readf, file_t **writef)
{
	pipe_t *p = kmalloc(sizeof(*p));
	if (p == NULL) {
		return -ENOMEM;
	}
	memset(p, 0, sizeof(*p));
	sched_queue_init(&p->p_wait);
	ino_t ino = pipe_next_ino;
	pipe_next_ino += 2;
	vnode_t *rv = pipe_end_vnode(p, ino);
	if (rv == NULL) {
		kfree(p);
		return -ENOMEM;
	}
	p->p_read_open = true;
	vnode_t *wv = pipe_end_vnode(p, ino + 1);
	if (wv == NULL) {
		vput(rv); /* frees p: the write end was never open */
		return -ENOMEM;
	}
	p->p_write_open = true;
	file_t *rf = file_create(rv, FMODE_READ);
	file_t *wf = rf != NULL ? file_create(wv, FMODE_WRITE) : NULL;
	vput(rv); /* the files hold their own references */
	vput(wv);
	if (wf == NULL) {
		if (rf != NULL) {
			fput(rf);
		}
		return -ENOMEM;
	}
	*readf = rf;
	*writef = wf;
	return 0;
}

int pipe_poll(const vnode_t *vn)
{
	pipe_t *p = vn->vn_i;
	bool read_end = (vn->vn_ino & 1) == 0;
	if (read_end) {
		return (p->p_count > 0 ? PIPE_POLL_DATA : 0) |
		       (p->p_write_open ? 0 : PIPE_POLL_HUP);
	}
	return (p->p_count < PIPE_SIZE ? PIPE_POLL_ROOM : 0) | (p->p_read_open ? 0 : PIPE_POLL_HUP);
}
