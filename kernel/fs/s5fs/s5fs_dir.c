/*
 * S5FS: directory entries (fs/s5fs.h has the contracts).
 *
 * A directory is a file of 64-byte entries (s5_dirent_t) with no gaps:
 * entry i is at byte i * S5_DIRENT_SIZE, entry 0 is ".", entry 1 is "..",
 * and the size is the number of entries times S5_DIRENT_SIZE.  Its pages
 * are in its node's memory object like any file's, so a search reads a
 * page at a time with pframe_get() (64 entries each) rather than one entry
 * at a time.
 *
 * Adding appends at the end (s5_file_write() at the size grows the
 * directory, a block at a time).  Removing moves the last entry into the
 * hole and shrinks the directory by one entry (s5_file_shrink() frees the
 * last block when it empties): entries stay packed, and a directory never
 * holds free slots.
 *
 * An entry read from the disk is checked before it is trusted: its inode
 * is not 0 and below s5s_ninodes, and its name is NUL-terminated.
 */
#include "errno.h"
#include "fs/s5fs.h"
#include "mm/mm.h"
#include "util/debug.h"
#include "util/string.h"

/* Whether entry 'd' names (name, len). */
static bool s5_dirent_is(const s5_dirent_t *d, const char *name, size_t len)
{
	return strnlen(d->s5d_name, S5_NAME_LEN) == len && memcmp(d->s5d_name, name, len) == 0;
}

int s5_dir_find(s5_node_t *dir, const char *name, size_t len, uint32_t *ino, uint32_t *index)
{
	/* BEGIN SOLUTION(s5fs, s5_dir_find) -> -ENOSYS */
	s5fs_t *fs = dir->sn_fs;
	uint32_t n = dir->sn_inode.s5i_size / S5_DIRENT_SIZE;
	for (uint32_t i = 0; i < n;) {
		pframe_t *pf;
		int err = pframe_get(&dir->sn_obj, i / S5_DIRENTS_PER_BLOCK, &pf);
		if (err < 0) {
			return err;
		}
		const s5_dirent_t *d = pf->pf_addr;
		for (uint32_t j = i % S5_DIRENTS_PER_BLOCK; j < S5_DIRENTS_PER_BLOCK && i < n;
		     j++, i++) {
			if (d[j].s5d_inode == S5_NO_INODE ||
			    d[j].s5d_inode >= fs->s5_sb->s5s_ninodes ||
			    strnlen(d[j].s5d_name, S5_NAME_LEN) == S5_NAME_LEN) {
				unsigned bad = (unsigned)d[j].s5d_inode;
				pframe_put(pf);
				return s5_corrupt(fs, "directory inode %u: entry %u names inode %u",
						  (unsigned)dir->sn_inode.s5i_number, (unsigned)i,
						  bad);
			}
			if (s5_dirent_is(&d[j], name, len)) {
				if (ino != NULL) {
					*ino = d[j].s5d_inode;
				}
				if (index != NULL) {
					*index = i;
				}
				pframe_put(pf);
				return 0;
			}
		}
		pframe_put(pf);
	}
	return -ENOENT;
	/* END SOLUTION */
}

int s5_dir_add(s5_node_t *dir, const char *name, size_t len, uint32_t ino)
{
	/* BEGIN SOLUTION(s5fs, s5_dir_add) -> -ENOSYS */
	if (len > S5_NAME_MAX) {
		return -ENAMETOOLONG;
	}
	s5_dirent_t d;
	memset(&d, 0, sizeof(d));
	d.s5d_inode = ino;
	memcpy(d.s5d_name, name, len);
	uint32_t size = dir->sn_inode.s5i_size;
	ssize_t n = s5_file_write(dir, (off_t)size, &d, sizeof(d));
	if (n < 0) {
		return (int)n;
	}
	return 0; /* an entry never crosses a block, so it was written whole */
		  /* END SOLUTION */
}

int s5_dir_remove(s5_node_t *dir, const char *name, size_t len)
{
	/* BEGIN SOLUTION(s5fs, s5_dir_remove) -> -ENOSYS */
	uint32_t index;
	int err = s5_dir_find(dir, name, len, NULL, &index);
	if (err < 0) {
		return err;
	}
	uint32_t last = dir->sn_inode.s5i_size / S5_DIRENT_SIZE - 1;
	if (index != last) {
		s5_dirent_t d;
		ssize_t n = s5_file_read(dir, (off_t)(last * S5_DIRENT_SIZE), &d, sizeof(d));
		if (n != (ssize_t)sizeof(d)) {
			return n < 0 ? (int)n : -EIO;
		}
		n = s5_file_write(dir, (off_t)(index * S5_DIRENT_SIZE), &d, sizeof(d));
		if (n != (ssize_t)sizeof(d)) {
			return n < 0 ? (int)n : -EIO;
		}
	}
	return s5_file_shrink(dir, last * S5_DIRENT_SIZE);
	/* END SOLUTION */
}

int s5_dir_set(s5_node_t *dir, uint32_t index, uint32_t ino)
{
	/* BEGIN SOLUTION(s5fs, s5_dir_set) -> -ENOSYS */
	KASSERT(index < dir->sn_inode.s5i_size / S5_DIRENT_SIZE);
	uint32_t v = ino;
	ssize_t n = s5_file_write(dir, (off_t)(index * S5_DIRENT_SIZE), &v, sizeof(v));
	return n == (ssize_t)sizeof(v) ? 0 : (n < 0 ? (int)n : -EIO);
	/* END SOLUTION */
}
