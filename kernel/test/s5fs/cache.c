/*
 * S5FS through the page-frame cache: a second read of a page is a hit;
 * with the cache limited to a few pages (pframe_set_max()) a 1 MiB file is
 * written and read back correctly while pages are evicted and written
 * back; sync puts file data and inodes on the disk (read back with
 * blockdev_read(), around the cache); closing a file hands its dirty pages
 * to the disk's object and reopening takes them back.
 */
#include "drivers/blockdev.h"
#include "s5test.h"

#define F VT_DIR "/f"

static char buf[4096];

/* Where tools/hosttests/s5fs.py's GDB test stops (the cache holds a written file). */
void s5fs_cache_hits_stop(void);
__attribute__((noinline)) void s5fs_cache_hits_stop(void)
{
	__asm__ volatile("");
}

KTEST(s5fs_cache_hits, "s5fs.cache.hits")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(vt_mkfile(F, "cached"), 0);
	int fd = do_open(F, O_RDONLY);
	KT_CHECK_EQ(do_read(fd, buf, 6), 6);
	s5fs_cache_hits_stop();
	pframe_stats_t a, b;
	pframe_stats(&a);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	KT_CHECK_EQ(do_read(fd, buf, 6), 6);
	pframe_stats(&b);
	KT_CHECK(b.ps_hits > a.ps_hits);
	KT_CHECK_EQ(b.ps_misses, a.ps_misses);
	do_close(fd);
	s5t_end();
}

KTEST_SLOW(s5fs_cache_evict, "s5fs.cache.evict", 60000)
{
	if (!s5t_begin()) {
		return;
	}
	size_t old = pframe_set_max(8);
	pframe_stats_reset();
	int fd = do_open(F, O_RDWR | O_CREAT);
	for (uint32_t pos = 0; pos < (1u << 20); pos += sizeof(buf)) {
		s5t_pattern(buf, sizeof(buf), pos, 7);
		if (!KT_CHECK_EQ(do_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf))) {
			break;
		}
	}
	pframe_stats_t st;
	pframe_stats(&st);
	KT_CHECK(st.ps_resident <= 8);
	KT_CHECK(st.ps_evictions > 200);
	KT_CHECK(st.ps_writebacks > 200);
	KT_CHECK_EQ(do_lseek(fd, 0, SEEK_SET), 0);
	for (uint32_t pos = 0; pos < (1u << 20); pos += sizeof(buf)) {
		KT_CHECK_EQ(do_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
		if (!KT_CHECK(s5t_pattern_ok(buf, sizeof(buf), pos, 7))) {
			break;
		}
	}
	do_close(fd);
	pframe_set_max(old);
	s5t_end();
}

KTEST(s5fs_cache_sync_to_disk, "s5fs.cache.sync_to_disk")
{
	if (!s5t_begin()) {
		return;
	}
	s5t_pattern(buf, sizeof(buf), 0, 8);
	int fd = do_open(F, O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_write(fd, buf, 1000), 1000);
	pframe_stats_t st;
	pframe_stats(&st);
	KT_CHECK(st.ps_dirty > 0);
	KT_CHECK_EQ(pframe_sync(), 0);
	pframe_stats(&st);
	KT_CHECK_EQ(st.ps_dirty, 0);
	/* The inode and the data, read from the disk itself. */
	long ino = vt_ino(F);
	static char raw[BLOCK_SIZE];
	blockdev_t *hda = blockdev_lookup_name("hda");
	KT_CHECK_EQ(blockdev_read(hda, s5_inode_block((uint32_t)ino), raw, 1), 0);
	s5_inode_t ip;
	memcpy(&ip, raw + s5_inode_offset((uint32_t)ino), sizeof(ip));
	KT_CHECK_EQ(ip.s5i_type, S5_TYPE_FILE);
	KT_CHECK_EQ(ip.s5i_size, 1000);
	KT_CHECK(ip.s5i_direct[0] != 0);
	KT_CHECK_EQ(blockdev_read(hda, ip.s5i_direct[0], raw, 1), 0);
	KT_CHECK(s5t_pattern_ok(raw, 1000, 0, 8));
	do_close(fd);
	s5t_end();
}

KTEST(s5fs_cache_close_hands_over, "s5fs.cache.close_hands_over")
{
	if (!s5t_begin()) {
		return;
	}
	KT_CHECK_EQ(pframe_sync(), 0);
	s5t_pattern(buf, sizeof(buf), 0, 10);
	int fd = do_open(F, O_RDWR | O_CREAT);
	KT_CHECK_EQ(do_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	KT_CHECK_EQ(do_close(fd), 0);
	/* The vnode is gone; its dirty page waits in the disk's object under its block. */
	s5_inode_t ip;
	KT_CHECK_EQ(s5_inode_read(s5t_fs(), (uint32_t)vt_ino(F), &ip), 0);
	pframe_t *pf = pframe_find(&s5t_fs()->s5_devobj, ip.s5i_direct[0]);
	KT_CHECK(pf != NULL);
	if (pf != NULL) {
		KT_CHECK(pf->pf_dirty);
		pframe_put(pf);
	}
	/* Reading the file again takes that newer copy back. */
	static char back[sizeof(buf) + 1];
	KT_CHECK_EQ(vt_readfile(F, back, sizeof(back)), (ssize_t)sizeof(buf));
	KT_CHECK(s5t_pattern_ok(back, sizeof(buf), 0, 10));
	s5t_end();
}

KTEST(s5fs_cache_pinned_stays, "s5fs.cache.pinned_stays")
{
	if (!s5t_begin()) {
		return;
	}
	s5fs_t *fs = s5t_fs();
	pframe_t *pf;
	KT_CHECK_EQ(s5_dev_get(fs, s5_inode_block(S5_ROOT_INODE), "test", &pf), 0);
	void *addr = pf->pf_addr;
	uint32_t first = *(uint32_t *)addr;
	size_t old = pframe_set_max(4);
	int fd = do_open(F, O_RDWR | O_CREAT);
	for (int i = 0; i < 64; i++) {
		KT_CHECK_EQ(do_write(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	}
	do_close(fd);
	pframe_t *again = pframe_find(&fs->s5_devobj, s5_inode_block(S5_ROOT_INODE));
	KT_CHECK(again == pf);
	KT_CHECK(pf->pf_addr == addr && *(uint32_t *)addr == first);
	if (again != NULL) {
		pframe_put(again);
	}
	pframe_put(pf);
	pframe_set_max(old);
	s5t_end();
}
