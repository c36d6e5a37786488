/*
 * Pipes: a 4 KiB buffer between two open files, the read end and the
 * write end.  (Support code of the VM stage; kernel/fs/pipe.c.)
 *
 * Each end is a vnode of its own (type S_IFIFO) of a small internal file
 * system that no path names; the two share the buffer.  A descriptor of
 * either end behaves as on Linux:
 *   - read: waits until the buffer holds data, then returns up to 'count'
 *     bytes of it; returns 0 (end of file) when the buffer is empty and no
 *     write end is open any more.  -EINTR when the thread is cancelled
 *     while waiting (nothing is consumed).
 *   - write: copies all 'count' bytes in, waiting whenever the buffer is
 *     full; returns count.  -EPIPE when no read end is open (no signal is
 *     sent yet); if the readers go, or the thread is cancelled, part way,
 *     the number written so far (or -EPIPE / -EINTR if it is 0).
 *   - the wrong direction (reading the write end...) is -EBADF (do_read()
 *     and do_write() see the file's mode first); lseek is -ESPIPE (the
 *     system call checks pipe_is_pipe()).
 * An end stays open while any descriptor (in any process: dup, dup2,
 * fork) refers to it: the end closes when its vnode's last reference goes.
 */
#ifndef KEEL_FS_PIPE_H
#define KEEL_FS_PIPE_H

#include "types.h"
#include "vfs/file.h"
#include "vfs/vnode.h"

#define S_IFIFO 0010000 /* Linux's file type of a pipe */
#define PIPE_SIZE 4096

/*
 * Makes a pipe: *readf gets the read end (FMODE_READ), *writef the write
 * end (FMODE_WRITE), each an open file with one reference for the caller
 * (fput() it, or store it in a descriptor).  Returns 0, or -ENOMEM with
 * nothing made.
 */
int pipe_create(file_t **readf, file_t **writef);

/* Whether 'vn' is an end of a pipe. */
bool pipe_is_pipe(const vnode_t *vn);

/*
 * What a read or write of pipe end 'vn' would do now (poll): for the
 * read end PIPE_POLL_DATA when the buffer holds data, for the write end
 * PIPE_POLL_ROOM when it has room; PIPE_POLL_HUP when the other end is
 * closed (a read returns 0 at the end of the data, a write -EPIPE).
 */
#define PIPE_POLL_DATA 1
#define PIPE_POLL_ROOM 2
#define PIPE_POLL_HUP 4
int pipe_poll(const vnode_t *vn);

#endif
