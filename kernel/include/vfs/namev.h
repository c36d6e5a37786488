/*
 * Path lookup: from a path to a vnode.
 *
 * A path is a string of names separated by one or more '/'.  One that
 * starts with '/' starts at the root; any other starts at 'base' (NULL:
 * the running process's current directory).  '.' names a directory
 * itself and '..' its parent; '/..' is '/'.  Trailing slashes are allowed
 * after a directory ("/a/b/" is "/a/b") and make the last name required to
 * be one: "/a/f/" with f a regular file fails with -ENOTDIR.
 *
 * References during a walk: the walk holds exactly one reference at a
 * time, to the directory it is in; it takes the next one (a lookup gives
 * a new reference) before it puts the previous one.  On success the caller
 * gets one reference to the result; on any error it holds nothing.
 *
 * Errors common to every function here:
 *   -ENOENT        the path is empty, or a name in it does not exist
 *   -ENOTDIR       a name that is not the last is not a directory
 *   -ENAMETOOLONG  a name is longer than NAME_LEN, or the path is
 *                  MAXPATHLEN bytes or longer
 */
#ifndef KEEL_VFS_NAMEV_H
#define KEEL_VFS_NAMEV_H

#include "types.h"
#include "vfs/vnode.h"

/*
 * Looks up one name (name, len) in directory 'dir'.  len 0 gives 'dir'
 * itself (if it is a directory).  *result gets a new reference.  Errors,
 * in this order: -ENOTDIR (dir is not a directory, whatever len is),
 * -ENAMETOOLONG (len > NAME_LEN), -ENOENT (no such entry).
 */
int namev_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result);

/*
 * Walks to the directory that holds the last name of 'path': *dirp gets a
 * new reference to it, *namep and *lenp the last name (a pointer into
 * path, not NUL-terminated).  The last name is not looked up.  The name
 * is empty (len 0) when the path is "/" (or only slashes); then *dirp is
 * the root.  If trailing slashes follow the name, (*namep)[*lenp] == '/'.
 * Errors: the common ones, for the names before the last (and
 * -ENAMETOOLONG for the last name too).
 */
int namev_dir(vnode_t *base, const char *path, vnode_t **dirp, const char **namep, size_t *lenp);

/*
 * Resolves 'path' to its vnode; *result gets a new reference.  Errors:
 * the common ones (-ENOTDIR also for a trailing '/' after a file that is
 * not a directory).
 */
int namev_resolve(vnode_t *base, const char *path, vnode_t **result);

/*
 * Resolves 'path' as do_open() does: with O_CREAT in 'flags' a missing
 * last name becomes a new empty regular file (in its directory, which
 * must exist); with O_CREAT|O_EXCL an existing one is an error.
 * *result gets a new reference.  Errors: the common ones; -EEXIST
 * (O_CREAT|O_EXCL and the name exists); -EISDIR (O_CREAT, the name does
 * not exist and the path ends in '/'); -ENOSPC (no inode for a new file).
 */
int namev_open(vnode_t *base, const char *path, int flags, vnode_t **result);

#endif
