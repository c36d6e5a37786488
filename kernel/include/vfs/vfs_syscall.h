/*
 * The file system calls, by path and by descriptor.
 *
 * They act for the running process (its current directory and descriptor
 * table, vfs_proc.h) and follow Linux's semantics, so the VM stage's
 * system calls are thin wrappers: each returns what the Linux call
 * returns, 0 or a count on success and -errno on failure.  Buffers are
 * kernel memory (the VM stage checks and copies user memory first).
 *
 * Paths are resolved as namev.h says; every call that takes a path can
 * also fail with the errors of a walk:
 *   -ENOENT        the path is empty, or a directory on the way is missing;
 *                  for a call that needs the last name to exist (open
 *                  without O_CREAT, stat, chdir, unlink, rmdir, the old
 *                  name of link and rename), also: the last name is
 *                  missing; for a call that makes an entry, also: the
 *                  directory it would go in has been removed (a removed
 *                  current directory)
 *   -ENOTDIR       a name on the way is not a directory
 *   -ENAMETOOLONG  a name is longer than NAME_LEN (28) bytes, or the
 *                  whole path is MAXPATHLEN (1024) bytes or longer
 * and any call can fail with -ENOMEM.  A descriptor is bad (-EBADF) when
 * it is negative, NFILES or more, or not open.
 */
#ifndef KEEL_VFS_VFS_SYSCALL_H
#define KEEL_VFS_VFS_SYSCALL_H

#include "types.h"
#include "vfs/fcntl.h"
#include "vfs/stat.h"

/*
 * Opens 'path' and returns the lowest free descriptor for it, at position
 * 0.  flags: one access mode (O_RDONLY, O_WRONLY, O_RDWR) or'ed with any
 * of O_CREAT (a missing regular file is created empty), O_EXCL (with
 * O_CREAT: the file must not exist), O_TRUNC (a regular file is emptied,
 * whatever the access mode, as on Linux: O_RDONLY | O_TRUNC empties it
 * too; a device special file is left as it is), O_APPEND (every write
 * goes to the end).  Other
 * flag bits are ignored, as Linux ignores the ones it does not know.
 * Errors:
 *   -EINVAL  the access mode is O_WRONLY|O_RDWR (3); nothing is created
 *            (checked first: it wins over -EMFILE and the path's errors)
 *   -ENOENT  the file does not exist and O_CREAT is not given
 *   -EEXIST  O_CREAT|O_EXCL and the file exists (a directory too, "/"
 *            included: -EEXIST comes before -EISDIR, as on Linux)
 *   -EISDIR  a directory opened for writing, with O_CREAT or with
 *            O_TRUNC, or O_CREAT
 *            with a trailing '/' on a name that does not exist
 *   -ENOTDIR a trailing '/' after a file that is not a directory
 *   -ENXIO   a device special file whose device has no driver
 *   -EMFILE  all NFILES descriptors are open (checked before the path:
 *            nothing is created)
 *   -ENOSPC  no inode for a new file
 */
int do_open(const char *path, int flags);

/* Closes descriptor fd (the file goes when its last reference does).  -EBADF. */
int do_close(int fd);

/*
 * Reads up to 'count' bytes at the file's position into 'buf' and
 * advances the position by the number read, which it returns (0 at the
 * end of the file; reading at or past the end is not an error).  A hole
 * reads as zeros.  Device special files read from their device.  Errors:
 * -EBADF (also: fd not open for reading), -EISDIR (a directory), -ENXIO
 * (the device's driver is gone), or the device's error.
 */
ssize_t do_read(int fd, void *buf, size_t count);

/*
 * Writes 'count' bytes from 'buf' at the file's position (at the end of
 * the file, whatever the position, if it was opened O_APPEND) and moves
 * the position past them; returns the number written.  Writing past the
 * end grows the file and leaves a hole between the old end and the
 * position; a write that crosses the largest file size writes up to it.
 * Errors: -EBADF (also: fd not open for writing), -EFBIG (the position is
 * at or past the largest file size), -ENOSPC, -ENXIO, or the
 * device's error.
 */
ssize_t do_write(int fd, const void *buf, size_t count);

/*
 * Moves the position of fd: to 'offset' (SEEK_SET), to the position plus
 * offset (SEEK_CUR), or to the file's length plus offset (SEEK_END; a block device's length is
 * its size).
 * Returns the new position.  A position past the end is allowed (a later
 * write there leaves a hole).  Errors: -EBADF; -EINVAL (whence is none of
 * the three, or the new position would be negative or above 2^31 - 1, the
 * largest off_t; the position is then unchanged).
 */
off_t do_lseek(int fd, off_t offset, int whence);

/*
 * A new descriptor, the lowest free one, for the same open file as fd
 * (sharing its position).  Errors: -EBADF, -EMFILE.
 */
int do_dup(int fd);

/*
 * Makes descriptor nfd refer to the open file of ofd, closing what nfd
 * had open first.  Returns nfd; if nfd == ofd (and ofd is open) it does
 * nothing and returns nfd.  Errors: -EBADF (ofd bad, or nfd negative or
 * NFILES or more).
 */
int do_dup2(int ofd, int nfd);

/*
 * Makes a device special file: mode is S_IFCHR (a byte device) or S_IFBLK
 * (a block device), devid the device (which need not be registered:
 * opening the node then fails with -ENXIO).  Errors: -EINVAL (another
 * mode), -EEXIST (the name exists; also "/" or a path ending in "." or
 * ".."), -ENOENT (a trailing '/' after a name that does not exist, as on
 * Linux: the slash asks for a directory), -ENOSPC.
 */
int do_mknod(const char *path, mode_t mode, devid_t devid);

/*
 * Makes an empty directory (trailing slashes are allowed).  Errors:
 * -EEXIST (the name exists, including "/", "." and ".."), -ENOSPC.
 */
int do_mkdir(const char *path);

/*
 * Removes an empty directory.  Errors:
 *   -EINVAL     the last name is "."
 *   -ENOTEMPTY  the last name is "..", or the directory holds entries
 *               other than "." and ".."
 *   -ENOTDIR    the last name is not a directory
 *   -EBUSY      the path is "/" (the root)
 */
int do_rmdir(const char *path);

/*
 * Removes a directory entry of a file that is not a directory; the file
 * itself lives on while it has other links or open files.  Errors:
 * -EISDIR (a directory, including "/" and a last name of "." or ".."),
 * -ENOTDIR (a trailing '/' after a file).
 */
int do_unlink(const char *path);

/*
 * Makes 'newpath' another name (hard link) of the file 'oldpath', whose
 * link count goes up.  Errors: -EPERM (oldpath is a directory), -EEXIST
 * (newpath exists, or ends in "." or ".."), -ENOENT (a trailing '/' after
 * a last name of newpath that does not exist, as on Linux), -EXDEV
 * (different file systems), -ENOSPC.
 */
int do_link(const char *oldpath, const char *newpath);

/*
 * Renames 'oldpath' to 'newpath', as Linux's rename(): an existing
 * newpath is replaced atomically (a file by a file, a directory by a
 * directory if the one replaced is empty); a directory may move to
 * another directory; if both paths name the same file nothing happens and
 * it returns 0.  A replaced file that is open lives on, with no links,
 * until its last descriptor is closed.  Errors (the shape of the paths
 * is checked first: -EBUSY, then -EINVAL for a last name "." or "..",
 * win over -ENOENT for a missing oldpath):
 *   -EINVAL     newpath is inside the directory oldpath (its own
 *               subtree), or either last name is "." or ".."
 *   -EBUSY      either path is "/" (the root)
 *   -EISDIR     newpath is a directory and oldpath is not
 *   -ENOTDIR    oldpath is a directory and newpath exists and is not,
 *               or a trailing '/' after the last name of either path
 *               when oldpath is not a directory
 *   -ENOTEMPTY  newpath is a directory that is not empty
 *   -EXDEV      different file systems
 */
int do_rename(const char *oldpath, const char *newpath);

/* Makes 'path' the current directory.  Errors: -ENOTDIR (not a directory). */
int do_chdir(const char *path);

/*
 * Reads the next entry of directory fd into *d and sets the position to
 * the entry's d_off (the file system's position after it, which need not
 * be the old position plus one: do_lseek(fd, 0, SEEK_CUR) then returns
 * d_off, and seeking back to a d_off reads on from there); the entries
 * include "." and "..".  Returns 1 with an entry, 0 at the end.  Errors: -EBADF, -ENOTDIR (fd is
 * not a directory).
 */
int do_getdent(int fd, dirent_t *d);

/* Fills *st for the file 'path' (stat.h).  Errors: those of a walk. */
int do_stat(const char *path, stat_t *st);

/* Fills *st for descriptor fd.  Errors: -EBADF. */
int do_fstat(int fd, stat_t *st);

/*
 * Writes the path of the current directory into buf (NUL-terminated).
 * Returns 0, or -ERANGE (size too small), -ENOENT (the directory has been
 * removed).  Support code (vfs_path_of()), for the shell's pwd.
 */
int do_getcwd(char *buf, size_t size);

#endif
