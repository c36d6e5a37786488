/*
 * Helpers shared by the vfs.* tests.  Each test works below its own
 * scratch directory VT_DIR ("/t"), made by vt_begin() and removed with
 * everything in it by vt_end(), so a test leaves the tree (and the leak
 * check's counts) as it found them.
 */
#ifndef KEEL_TEST_VFS_VFSTEST_H
#define KEEL_TEST_VFS_VFSTEST_H

#include "errno.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "types.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/fcntl.h"
#include "vfs/file.h"
#include "vfs/vfs.h"
#include "vfs/vfs_proc.h"
#include "vfs/vfs_syscall.h"

#define VT_DIR "/t"

/* Makes VT_DIR (removing what an earlier test may have left); false (test failed) if it cannot. */
bool vt_begin(void);

/* Closes every descriptor the test left open, goes back to '/', and removes VT_DIR. */
void vt_end(void);

/* Creates or empties 'path' and writes 'data' to it; 0 or -errno. */
int vt_mkfile(const char *path, const char *data);

/*
 * Reads all of 'path' (at most size - 1 bytes) into buf, NUL-terminated;
 * the number of bytes, or -errno.
 */
ssize_t vt_readfile(const char *path, char *buf, size_t size);

/* Removes 'path' and everything below it; 0 or the first error. */
int vt_rmtree(const char *path);

/* The inode number of 'path', or -errno. */
long vt_ino(const char *path);

/* The link count of 'path', or -errno. */
long vt_nlink(const char *path);

/* The size of 'path', or -errno. */
long vt_size(const char *path);

/* How many descriptors of the running process are open. */
int vt_open_fds(void);

/* The reference count of the vnode of 'path' as it stands (without the lookup's own), or -errno. */
int vt_refcount(const char *path);

#endif
