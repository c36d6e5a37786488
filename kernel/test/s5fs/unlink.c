/*
 * An unlinked file that is still open keeps its data: it can be read and
 * written through the open descriptor, its blocks and inode stay
 * allocated, and the last close frees them (the free counts return).  The
 * freed inode is handed out again by the next create.
 */
#include "s5test.h"

KTEST(s5fs_unlink_open_file, "s5fs.unlink.open_file")
{
	if (!s5t_begin()) {
		return;
	}
	uint32_t blocks = s5t_free_blocks();
	uint32_t inodes = s5t_free_inodes();
	static char buf[3 * 4096];
	s5t_pattern(buf, sizeof(buf), 0, 6);
	int fd = do_open(VT_DIR "/ghost", O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KT_CHECK_EQ(do_unlink(VT_DIR "/ghost"), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/ghost"), -ENOENT);
	KT_CHECK_EQ(s5t_free_blocks(), blocks - 3);
	KT_CHECK_EQ(s5t_free_inodes(), inodes - 1);
	stat_t st;
	KT_CHECK_EQ(do_fstat(fd, &st), 0);
	KT_CHECK_EQ(st.st_nlink, 0);
	KT_CHECK_EQ(do_write(fd, "more", 4), 4);
	memset(buf, 0, sizeof(buf));
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KT_CHECK(s5t_pattern_ok(buf, sizeof(buf), 0, 6));
	KT_CHECK_EQ(do_close(fd), 0);
	KT_CHECK_EQ(s5t_free_blocks(), blocks);
	KT_CHECK_EQ(s5t_free_inodes(), inodes);
	s5t_end();
}

KTEST(s5fs_unlink_inode_reuse, "s5fs.unlink.inode_reuse")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/a", "a"), 0);
	long ino = vt_ino(VT_DIR "/a");
	KT_CHECK_EQ(do_unlink(VT_DIR "/a"), 0);
	KT_CHECK_EQ(vt_mkfile(VT_DIR "/b", ""), 0);
	KT_CHECK_EQ(vt_ino(VT_DIR "/b"), ino);
	/* The reused inode starts empty. */
	KT_CHECK_EQ(vt_size(VT_DIR "/b"), 0);
	KT_CHECK_EQ(s5t_blocks(VT_DIR "/b"), 0);
	s5t_end();
}
