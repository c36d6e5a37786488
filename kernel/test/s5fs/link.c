/*
 * Link counts as on Linux, kept on disk: a new file has 1, each link adds
 * one and each unlink takes one away; a new directory has 2 and adds one
 * to its parent, rmdir takes it back; renaming a directory into another
 * moves that one from the old parent to the new and rewrites its '..';
 * renaming over an existing file frees that file's inode and blocks.
 */
#include "s5test.h"

KTEST(s5fs_link_file_counts, "s5fs.link.file_counts")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "shared"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/a"), 1);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/b"), 0);
	KT_CHECK_EQ(do_link(VT_DIR "/a", VT_DIR "/c"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/b"), 3);
	KT_CHECK_EQ(vt_ino(VT_DIR "/c"), vt_ino(VT_DIR "/a"));
	uint32_t inodes = s5t_free_inodes();
	KT_CHECK_EQ(do_unlink(VT_DIR "/a"), 0);
	KT_CHECK_EQ(do_unlink(VT_DIR "/b"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/c"), 1);
	KT_CHECK_EQ(s5t_free_inodes(), inodes);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/c", buf, sizeof(buf)), 6);
	KT_CHECK_EQ(do_unlink(VT_DIR "/c"), 0);
	KT_CHECK_EQ(s5t_free_inodes(), inodes + 1);
	s5t_end();
}

KTEST(s5fs_link_dir_counts, "s5fs.link.dir_counts")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_nlink(VT_DIR), 2);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/x"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/y"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/x/z"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR), 4);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/x"), 3);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/x/z"), 2);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/x/z"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/x"), 2);
	KT_CHECK_EQ(do_rmdir(VT_DIR "/y"), 0);
	KT_CHECK_EQ(vt_nlink(VT_DIR), 3);
	s5t_end();
}

KTEST(s5fs_link_rename_dir, "s5fs.link.rename_dir")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(do_mkdir(VT_DIR "/from"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/to"), 0);
	KT_CHECK_EQ(do_mkdir(VT_DIR "/from/m"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/from/m/f", "inside"), 0);
	long m = vt_ino(VT_DIR "/from/m");
	KT_CHECK_EQ(do_rename(VT_DIR "/from/m", VT_DIR "/to/m"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/to/m"), m);
	KT_CHECK_EQ(vt_ino(VT_DIR "/to/m/.."), vt_ino(VT_DIR "/to"));
	KT_CHECK_EQ(vt_nlink(VT_DIR "/from"), 2);
	KT_CHECK_EQ(vt_nlink(VT_DIR "/to"), 3);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/to/m/f", buf, sizeof(buf)), 6);
	s5t_end();
}

KTEST(s5fs_link_rename_over, "s5fs.link.rename_over")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/new", "new"), 0);
	uint32_t blocks = s5t_free_blocks();
	uint32_t inodes = s5t_free_inodes();
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/old", "old contents"), 0);
	KT_CHECK_EQ(do_rename(VT_DIR "/new", VT_DIR "/old"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/new"), -ENOENT);
	char buf[16];
	KT_CHECK_EQ(vt_readfile(VT_DIR "/old", buf, sizeof(buf)), 3);
	KT_CHECK_STR(buf, "new");
	KT_CHECK_EQ(s5t_free_blocks(), blocks);
	KT_CHECK_EQ(s5t_free_inodes(), inodes);
	KT_CHECK_EQ(vt_size(VT_DIR), 3 * 64);
	s5t_end();
}
