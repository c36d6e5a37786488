/*
 * Open files and file descriptors.
 *
 * An open file (file_t) is what do_open() makes: a vnode, a position and a
 * mode.  Descriptors are indexes into a process's table (vfs_proc.h) of
 * NFILES pointers to open files; several descriptors (do_dup()) and, in
 * the VM stage, several processes (fork) may point to one file_t, and
 * then share its position.
 *
 * Reference counting: f_refcount counts the descriptor table slots that
 * point to the file plus the references callers took with fget() and have
 * not yet given back with fput().  The file holds one reference to its
 * vnode, given back when the file's last reference goes.
 */
#ifndef KEEL_VFS_FILE_H
#define KEEL_VFS_FILE_H

#include "types.h"
#include "vfs/vnode.h"

/* Descriptors per process: 0 .. NFILES - 1. */
#define NFILES 32

/* f_mode bits. */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_APPEND 0x4

typedef struct file {
	vnode_t *f_vnode; /* a reference, held for the file's whole life */
	off_t f_pos;      /* where the next read or write goes */
	int f_mode;       /* FMODE_ bits */
	int f_refcount;   /* see above */
} file_t;

/*
 * A new open file of 'vn' with mode 'mode', position 0 and a count of 1
 * (the caller's reference).  It takes a reference of its own to vn (the
 * caller keeps its own).  Returns NULL when out of memory.
 */
file_t *file_create(vnode_t *vn, int mode);

/*
 * The open file of the running process's descriptor 'fd', with a new
 * reference for the caller; NULL if fd is out of range (negative or
 * >= NFILES) or not open.
 */
file_t *fget(int fd);

/* Takes another reference to a file the caller holds. */
void fref(file_t *f);

/*
 * Gives back a reference to 'f'.  The last one puts the file's vnode and
 * frees the file.
 */
void fput(file_t *f);

/*
 * The lowest descriptor of the running process that is not open, or
 * -EMFILE when all NFILES are.  It stays free until the caller stores a
 * file in it.
 */
int get_empty_fd(void);

/* Support: makes the cache of open files (vfs_init() calls it). */
void file_init(void);

/* The number of open files in the whole kernel (the leak check and kfiles use it). */
int file_count(void);

#endif
