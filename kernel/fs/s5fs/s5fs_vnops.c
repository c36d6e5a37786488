/*
 * S5FS: the vnode operations (contracts in vfs/vnode.h and fs/s5fs.h).
 *
 * The tables in s5fs.c call these with the file system's lock held, so one
 * operation runs at a time on a mounted S5FS even though each may sleep for
 * the disk.  They are built from the pieces in the other files: directory
 * entries (s5_dir_*), inodes (s5_alloc_inode(), s5_inode_write()) and file
 * data (s5_file_*).
 *
 * Link counts are the file system's, kept in each inode's s5i_nlink: a
 * file's is the number of entries naming it; a directory's is 2 (its entry
 * in its parent and its own ".") plus one per subdirectory (whose ".."
 * names it).  Change a resident file's count through its vnode's node
 * (vget() the inode, change sn_inode, s5_inode_write(), vput()): the node
 * holds the copy that will be written back, so changing the inode table
 * behind its back would be undone.
 *
 * Freeing is release_vnode's job (s5fs.c): an inode whose count reaches 0
 * is freed, blocks and all, when its last vnode reference is put.  So
 * unlink only drops the count, and an open file keeps its data until the
 * last close.  The same trick undoes a half-made file: if adding its entry
 * fails, put the new vnode with a count of 0 and the inode goes back.
 *
 * A removed directory (rmdir'd while some process still has it as its
 * current directory) has a link count of 0 and takes no new entries:
 * create, mknod, mkdir, link and rename into it fail with -ENOENT.
 *
 * Order matters when the disk can fill up: do what can fail (allocate the
 * inode, add the entry) before changing counts, and undo on failure, so
 * that -ENOSPC leaves the file system as it was.
 */
#include "errno.h"
#include "fs/s5fs.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/vnode.h"

#define S5_NLINK_MAX 65535u

/* Whether (name, len) is "." or "..". */
static bool s5_dot_name(const char *name, size_t len)
{
	return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Whether directory 'dir' has been removed (rmdir left it with no links). */
static bool s5_dir_removed(vnode_t *dir)
{
	return s5_node(dir)->sn_inode.s5i_nlink == 0;
}

ssize_t s5_vop_read(vnode_t *vn, off_t pos, void *buf, size_t count)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_read) -> -ENOSYS */
	return s5_file_read(s5_node(vn), pos, buf, count);
	/* END SOLUTION */
}

ssize_t s5_vop_write(vnode_t *vn, off_t pos, const void *buf, size_t count)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_write) -> -ENOSYS */
	return s5_file_write(s5_node(vn), pos, buf, count);
	/* END SOLUTION */
}

int s5_vop_truncate(vnode_t *vn)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_truncate) -> -ENOSYS */
	return s5_file_shrink(s5_node(vn), 0);
	/* END SOLUTION */
}

int s5_vop_lookup(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_lookup) -> -ENOSYS */
	uint32_t ino;
	int err = s5_dir_find(s5_node(dir), name, len, &ino, NULL);
	if (err < 0) {
		return err;
	}
	if (ino == dir->vn_ino) {
		vref(dir);
		*result = dir;
		return 0;
	}
	return vget(dir->vn_fs, ino, result);
	/* END SOLUTION */
}

/*
 * Makes a new inode of 'type' named (name, len) in 'dir', with link count
 * 1; *result gets a reference to its vnode.
 */
static int s5_make(vnode_t *dir, const char *name, size_t len, uint16_t type, uint32_t devid,
		   vnode_t **result)
{
	/* BEGIN SOLUTION(s5fs, s5_make) -> -ENOSYS */
	s5fs_t *fs = s5_fs_of(dir);
	if (s5_dir_removed(dir)) {
		return -ENOENT;
	}
	int err = s5_dir_find(s5_node(dir), name, len, NULL, NULL);
	if (err == 0) {
		return -EEXIST;
	}
	if (err != -ENOENT) {
		return err;
	}
	uint32_t ino;
	err = s5_alloc_inode(fs, type, devid, &ino);
	if (err < 0) {
		return err;
	}
	vnode_t *vn;
	err = vget(dir->vn_fs, ino, &vn);
	if (err < 0) {
		s5_free_inode(fs, ino);
		return err;
	}
	err = s5_dir_add(s5_node(dir), name, len, ino);
	if (err < 0) {
		vput(vn); /* link count 0: the inode is freed */
		return err;
	}
	s5_node(vn)->sn_inode.s5i_nlink = 1;
	err = s5_inode_write(fs, s5_node(vn));
	if (err < 0) {
		vput(vn);
		return err;
	}
	*result = vn;
	return 0;
	/* END SOLUTION */
}

int s5_vop_create(vnode_t *dir, const char *name, size_t len, vnode_t **result)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_create) -> -ENOSYS */
	return s5_make(dir, name, len, S5_TYPE_FILE, 0, result);
	/* END SOLUTION */
}

int s5_vop_mknod(vnode_t *dir, const char *name, size_t len, mode_t mode, devid_t devid)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_mknod) -> -ENOSYS */
	uint16_t type;
	if (S_ISCHR(mode)) {
		type = S5_TYPE_CHR;
	} else if (S_ISBLK(mode)) {
		type = S5_TYPE_BLK;
	} else {
		return -EINVAL;
	}
	vnode_t *vn;
	int err = s5_make(dir, name, len, type, (uint32_t)devid, &vn);
	if (err == 0) {
		vput(vn);
	}
	return err;
	/* END SOLUTION */
}

int s5_vop_mkdir(vnode_t *dir, const char *name, size_t len)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_mkdir) -> -ENOSYS */
	s5fs_t *fs = s5_fs_of(dir);
	s5_node_t *parent = s5_node(dir);
	if (s5_dir_removed(dir)) {
		return -ENOENT;
	}
	if (parent->sn_inode.s5i_nlink >= S5_NLINK_MAX) {
		return -EMLINK;
	}
	int err = s5_dir_find(parent, name, len, NULL, NULL);
	if (err == 0) {
		return -EEXIST;
	}
	if (err != -ENOENT) {
		return err;
	}
	uint32_t ino;
	err = s5_alloc_inode(fs, S5_TYPE_DIR, 0, &ino);
	if (err < 0) {
		return err;
	}
	vnode_t *vn;
	err = vget(dir->vn_fs, ino, &vn);
	if (err < 0) {
		s5_free_inode(fs, ino);
		return err;
	}
	s5_node_t *child = s5_node(vn);
	if ((err = s5_dir_add(child, ".", 1, ino)) < 0 ||
	    (err = s5_dir_add(child, "..", 2, dir->vn_ino)) < 0 ||
	    (err = s5_dir_add(parent, name, len, ino)) < 0) {
		vput(vn); /* link count 0: its blocks and inode are freed */
		return err;
	}
	child->sn_inode.s5i_nlink = 2;
	parent->sn_inode.s5i_nlink++;
	err = s5_inode_write(fs, child);
	if (err == 0) {
		err = s5_inode_write(fs, parent);
	}
	vput(vn);
	return err;
	/* END SOLUTION */
}

int s5_vop_rmdir(vnode_t *dir, const char *name, size_t len)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_rmdir) -> -ENOSYS */
	s5fs_t *fs = s5_fs_of(dir);
	if (s5_dot_name(name, len)) {
		return -EINVAL;
	}
	uint32_t ino;
	int err = s5_dir_find(s5_node(dir), name, len, &ino, NULL);
	if (err < 0) {
		return err;
	}
	vnode_t *vn;
	err = vget(dir->vn_fs, ino, &vn);
	if (err < 0) {
		return err;
	}
	s5_node_t *child = s5_node(vn);
	if (!S_ISDIR(vn->vn_mode)) {
		err = -ENOTDIR;
	} else if (child->sn_inode.s5i_size > 2 * S5_DIRENT_SIZE) {
		err = -ENOTEMPTY;
	} else if ((err = s5_dir_remove(s5_node(dir), name, len)) == 0) {
		child->sn_inode.s5i_nlink = 0;
		s5_node(dir)->sn_inode.s5i_nlink--;
		err = s5_inode_write(fs, child);
		if (err == 0) {
			err = s5_inode_write(fs, s5_node(dir));
		}
	}
	vput(vn);
	return err;
	/* END SOLUTION */
}

int s5_vop_link(vnode_t *dir, const char *name, size_t len, vnode_t *target)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_link) -> -ENOSYS */
	if (target->vn_fs != dir->vn_fs) {
		return -EXDEV;
	}
	if (S_ISDIR(target->vn_mode)) {
		return -EPERM;
	}
	if (s5_dir_removed(dir)) {
		return -ENOENT;
	}
	s5_node_t *tn = s5_node(target);
	int err = s5_dir_find(s5_node(dir), name, len, NULL, NULL);
	if (err == 0) {
		return -EEXIST;
	}
	if (err != -ENOENT) {
		return err;
	}
	if (tn->sn_inode.s5i_nlink >= S5_NLINK_MAX) {
		return -EMLINK;
	}
	err = s5_dir_add(s5_node(dir), name, len, target->vn_ino);
	if (err < 0) {
		return err;
	}
	tn->sn_inode.s5i_nlink++;
	return s5_inode_write(s5_fs_of(dir), tn);
	/* END SOLUTION */
}

int s5_vop_unlink(vnode_t *dir, const char *name, size_t len)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_unlink) -> -ENOSYS */
	uint32_t ino;
	int err = s5_dir_find(s5_node(dir), name, len, &ino, NULL);
	if (err < 0) {
		return err;
	}
	vnode_t *vn;
	err = vget(dir->vn_fs, ino, &vn);
	if (err < 0) {
		return err;
	}
	if (S_ISDIR(vn->vn_mode)) {
		err = -EISDIR;
	} else if ((err = s5_dir_remove(s5_node(dir), name, len)) == 0) {
		s5_node(vn)->sn_inode.s5i_nlink--;
		err = s5_inode_write(s5_fs_of(dir), s5_node(vn));
	}
	vput(vn); /* the last reference frees it if no entry is left */
	return err;
	/* END SOLUTION */
}

int s5_vop_rename(vnode_t *olddir, const char *oldname, size_t oldlen, vnode_t *newdir,
		  const char *newname, size_t newlen)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_rename) -> -ENOSYS */
	s5fs_t *fs = s5_fs_of(olddir);
	if (olddir->vn_fs != newdir->vn_fs) {
		return -EXDEV;
	}
	if (s5_dot_name(oldname, oldlen) || s5_dot_name(newname, newlen)) {
		return -EINVAL;
	}
	if (s5_dir_removed(newdir)) {
		return -ENOENT;
	}
	uint32_t src_ino, dst_ino, dst_index;
	int err = s5_dir_find(s5_node(olddir), oldname, oldlen, &src_ino, NULL);
	if (err < 0) {
		return err;
	}
	vnode_t *src;
	err = vget(olddir->vn_fs, src_ino, &src);
	if (err < 0) {
		return err;
	}
	vnode_t *dst = NULL;
	err = s5_dir_find(s5_node(newdir), newname, newlen, &dst_ino, &dst_index);
	if (err == 0) {
		if (dst_ino == src_ino) {
			vput(src);
			return 0;
		}
		err = vget(newdir->vn_fs, dst_ino, &dst);
	} else if (err == -ENOENT) {
		err = 0;
	}
	bool src_dir = S_ISDIR(src->vn_mode);
	if (err == 0 && dst != NULL) {
		if (S_ISDIR(dst->vn_mode) && !src_dir) {
			err = -EISDIR;
		} else if (!S_ISDIR(dst->vn_mode) && src_dir) {
			err = -ENOTDIR;
		} else if (S_ISDIR(dst->vn_mode) &&
			   s5_node(dst)->sn_inode.s5i_size > 2 * S5_DIRENT_SIZE) {
			err = -ENOTEMPTY;
		}
	}
	if (err == 0 && src_dir && dst == NULL && newdir != olddir &&
	    s5_node(newdir)->sn_inode.s5i_nlink >= S5_NLINK_MAX) {
		err = -EMLINK;
	}
	if (err < 0) {
		goto out_put;
	}
	/* The new name: replace the old target's entry in place, or add one. */
	if (dst != NULL) {
		err = s5_dir_set(s5_node(newdir), dst_index, src_ino);
	} else {
		err = s5_dir_add(s5_node(newdir), newname, newlen, src_ino);
	}
	if (err < 0) {
		goto out_put;
	}
	err = s5_dir_remove(s5_node(olddir), oldname, oldlen);
	if (err < 0) {
		goto out_put;
	}
	if (dst != NULL) {
		s5_node_t *dn = s5_node(dst);
		if (S_ISDIR(dst->vn_mode)) {
			dn->sn_inode.s5i_nlink = 0; /* its '..' no longer names newdir */
			s5_node(newdir)->sn_inode.s5i_nlink--;
		} else {
			dn->sn_inode.s5i_nlink--;
		}
		s5_inode_write(fs, dn);
	}
	if (src_dir && olddir != newdir) {
		err = s5_dir_set(s5_node(src), 1, newdir->vn_ino);
		s5_node(olddir)->sn_inode.s5i_nlink--;
		s5_node(newdir)->sn_inode.s5i_nlink++;
	}
	s5_inode_write(fs, s5_node(olddir));
	if (newdir != olddir) {
		s5_inode_write(fs, s5_node(newdir));
	}
out_put:
	if (dst != NULL) {
		vput(dst);
	}
	vput(src);
	return err;
	/* END SOLUTION */
}

int s5_vop_readdir(vnode_t *dir, off_t pos, dirent_t *d)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_readdir) -> -ENOSYS */
	s5fs_t *fs = s5_fs_of(dir);
	s5_node_t *sn = s5_node(dir);
	if (pos < 0) {
		return -EINVAL;
	}
	uint32_t index = ((uint32_t)pos + S5_DIRENT_SIZE - 1) / S5_DIRENT_SIZE;
	if (index >= sn->sn_inode.s5i_size / S5_DIRENT_SIZE) {
		return 0;
	}
	s5_dirent_t e;
	ssize_t n = s5_file_read(sn, (off_t)(index * S5_DIRENT_SIZE), &e, sizeof(e));
	if (n != (ssize_t)sizeof(e)) {
		return n < 0 ? (int)n : -EIO;
	}
	if (e.s5d_inode == S5_NO_INODE || e.s5d_inode >= fs->s5_sb->s5s_ninodes ||
	    strnlen(e.s5d_name, S5_NAME_LEN) == S5_NAME_LEN || e.s5d_name[0] == '\0') {
		return s5_corrupt(fs, "directory inode %u: entry %u names inode %u",
				  (unsigned)dir->vn_ino, (unsigned)index, (unsigned)e.s5d_inode);
	}
	s5_inode_t ip;
	int err = s5_inode_read(fs, e.s5d_inode, &ip);
	if (err < 0) {
		return err;
	}
	if (ip.s5i_type == S5_TYPE_FREE) {
		return s5_corrupt(fs, "directory inode %u: entry %u names free inode %u",
				  (unsigned)dir->vn_ino, (unsigned)index, (unsigned)e.s5d_inode);
	}
	static const uint8_t types[] = {[S5_TYPE_FILE] = DT_REG,
					[S5_TYPE_DIR] = DT_DIR,
					[S5_TYPE_CHR] = DT_CHR,
					[S5_TYPE_BLK] = DT_BLK};
	d->d_ino = e.s5d_inode;
	d->d_off = (off_t)((index + 1) * S5_DIRENT_SIZE);
	d->d_type = types[ip.s5i_type];
	strlcpy(d->d_name, e.s5d_name, sizeof(d->d_name));
	return 1;
	/* END SOLUTION */
}

int s5_vop_stat(vnode_t *vn, stat_t *st)
{
	/* BEGIN SOLUTION(s5fs, s5_vop_stat) -> -ENOSYS */
	s5_node_t *sn = s5_node(vn);
	uint32_t blocks;
	int err = s5_count_blocks(s5_fs_of(vn), sn, &blocks);
	if (err < 0) {
		return err;
	}
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->vn_fs->fs_dev;
	st->st_ino = vn->vn_ino;
	st->st_mode = vn->vn_mode | (S_ISDIR(vn->vn_mode) ? 0755 : 0644);
	st->st_nlink = sn->sn_inode.s5i_nlink;
	st->st_rdev = S_ISCHR(vn->vn_mode) || S_ISBLK(vn->vn_mode) ? vn->vn_devid : 0;
	st->st_size =
	    S_ISCHR(vn->vn_mode) || S_ISBLK(vn->vn_mode) ? 0 : (off_t)sn->sn_inode.s5i_size;
	st->st_blksize = S5_BLOCK_SIZE;
	st->st_blocks = blocks * (S5_BLOCK_SIZE / 512);
	return 0;
	/* END SOLUTION */
}
