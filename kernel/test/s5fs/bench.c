/*
 * S5FS benchmarks (make bench boots them with an S5FS image as hda):
 * sequential write of a 4 MiB file, its read with a cold cache (written
 * back and dropped first) next to the raw disk read the same way, the
 * same read again from the cache, and
 * creating 1000 files in one directory then listing it.
 */
#include "boot/pit.h"
#include "drivers/blockdev.h"
#include "io.h"
#include "s5test.h"
#include "test/kbench.h"
#include "vfs/file.h"

#define BENCH_FILE "/bench.dat"
#define BENCH_BYTES (4u << 20)

static char chunk[64 * 1024];

/* The milliseconds since ticks0, and KiB per second for BENCH_BYTES in them. */
static void report_rate(uint32_t ticks0)
{
	uint32_t ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	kbench_report("ms", ms);
	kbench_report("kib_per_second", ms ? (uint64_t)(BENCH_BYTES / 1024) * 1000 / ms : 0);
}

static bool root_is_s5fs(void)
{
	if (!s5fs_is(vfs_root_fs)) {
		kbench_report("root_not_s5fs", 1);
		return false;
	}
	return true;
}

/* Reads the whole file in 64 KiB requests; the bytes read. */
static uint32_t read_all(void)
{
	int fd = do_open(BENCH_FILE, O_RDONLY);
	uint32_t total = 0;
	ssize_t n;
	while (fd >= 0 && (n = do_read(fd, chunk, sizeof(chunk))) > 0) {
		total += (uint32_t)n;
	}
	do_close(fd);
	return total;
}

KBENCH(s5fs_seq_write, "s5fs.1_seq_write_4mib")
{
	if (!root_is_s5fs()) {
		return;
	}
	memset(chunk, 'b', sizeof(chunk));
	pframe_shrink_all();
	uint32_t ticks0 = pit_ticks;
	int fd = do_open(BENCH_FILE, O_WRONLY | O_CREAT | O_TRUNC);
	for (uint32_t done = 0; fd >= 0 && done < BENCH_BYTES; done += sizeof(chunk)) {
		if (do_write(fd, chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk)) {
			kbench_report("write_failed", done);
			break;
		}
	}
	do_close(fd);
	pframe_sync(); /* on the disk, not only in the cache */
	report_rate(ticks0);
}

/* KiB per second for BENCH_BYTES in 'us' microseconds. */
static uint64_t rate_of(uint64_t us)
{
	return us ? (uint64_t)(BENCH_BYTES / 1024) * 1000000 / us : 0;
}

#define ROUNDS 5

/* The median of ROUNDS values (sorts them). */
static uint64_t median(uint64_t v[ROUNDS])
{
	for (int i = 1; i < ROUNDS; i++) {
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	return v[ROUNDS / 2];
}

/*
 * Microseconds to read BENCH_BYTES of 'bd' from block 'first' straight
 * through the block layer in requests of 'per_req' blocks (into 'chunk'),
 * or 0 if a read failed.
 */
static uint64_t raw_read_us(blockdev_t *bd, uint32_t first, uint32_t per_req, uint64_t per_ms)
{
	uint32_t nblocks = BENCH_BYTES / BLOCK_SIZE;
	uint64_t start = rdtsc();
	for (uint32_t b = 0; b < nblocks; b += per_req) {
		if (blockdev_read(bd, first + b, chunk, MIN(per_req, nblocks - b)) < 0) {
			return 0;
		}
	}
	uint64_t us = (rdtsc() - start) * 1000 / per_ms;
	return us ? us : 1;
}

/*
 * The cold read, ROUNDS times (the cache emptied before each), next to the
 * raw disk in the same boot: the same number of blocks of the same disk,
 * from the file's first block, read through the block layer in requests of
 * S5_READAHEAD blocks (the size read-ahead asks for) and of one block.
 * Medians of ROUNDS; percent_of_raw is the cold read's rate as a percentage
 * of the raw rate with S5_READAHEAD-block requests.  disk_reads,
 * disk_read_blocks and disk_read_max_blocks count the block-layer requests
 * of one cold read.
 */
KBENCH(s5fs_seq_read_cold, "s5fs.2_seq_read_4mib_cold")
{
	if (!root_is_s5fs()) {
		return;
	}
	s5fs_t *fs = (s5fs_t *)vfs_root_fs->fs_i;
	uint32_t first = 0;
	int fd = do_open(BENCH_FILE, O_RDONLY);
	if (fd >= 0) {
		file_t *f = fget(fd);
		first = s5_node(f->f_vnode)->sn_inode.s5i_direct[0];
		fput(f);
		do_close(fd);
	}
	uint32_t nblocks = BENCH_BYTES / BLOCK_SIZE;
	if (first == 0 || nblocks > fs->s5_bdev->bd_nblocks - first) {
		first = fs->s5_bdev->bd_nblocks >= nblocks ? fs->s5_bdev->bd_nblocks - nblocks : 0;
	}
	uint64_t per_ms = pit_tsc_per_ms();
	uint64_t fs_us[ROUNDS], raw_us[ROUNDS], raw1_us[ROUNDS];
	uint32_t total = 0;
	pframe_stats_t st;
	blockdev_stats_t io;
	for (int round = 0; round < ROUNDS; round++) {
		if (round % 2 ==
		    0) { /* raw first in every other round: neither always goes first */
			raw_us[round] = raw_read_us(fs->s5_bdev, first, S5_READAHEAD, per_ms);
		}
		pframe_shrink_all(); /* nothing of the file is cached */
		pframe_stats_reset();
		blockdev_stats_reset();
		uint64_t start = rdtsc();
		total = read_all();
		fs_us[round] = (rdtsc() - start) * 1000 / per_ms;
		pframe_stats(&st);
		io = blockdev_counters;
		if (round % 2 == 1) {
			raw_us[round] = raw_read_us(fs->s5_bdev, first, S5_READAHEAD, per_ms);
		}
		raw1_us[round] = raw_read_us(fs->s5_bdev, first, 1, per_ms);
	}
	uint64_t fs_med = median(fs_us);
	uint64_t cold = rate_of(fs_med), raw = rate_of(median(raw_us));
	kbench_report("ms", fs_med / 1000);
	kbench_report("us", fs_med);
	kbench_report("kib_per_second", cold);
	kbench_report("bytes", total);
	kbench_report("misses", st.ps_misses);
	kbench_report("disk_reads", io.bs_reads);
	kbench_report("disk_read_blocks", io.bs_read_blocks);
	kbench_report("disk_read_max_blocks", io.bs_read_max);
	kbench_report("raw_64k_kib_per_second", raw);
	kbench_report("raw_4k_kib_per_second", rate_of(median(raw1_us)));
	kbench_report("percent_of_raw", raw ? cold * 100 / raw : 0);
}

KBENCH(s5fs_seq_read_cached, "s5fs.3_seq_read_4mib_cached")
{
	if (!root_is_s5fs()) {
		return;
	}
	/* Held open, the file's vnode and so its pages stay resident between reads. */
	int held = do_open(BENCH_FILE, O_RDONLY);
	read_all(); /* bring it in */
	pframe_stats_reset();
	uint32_t ticks0 = pit_ticks;
	for (int rounds = 0; rounds < 8; rounds++) {
		read_all();
	}
	uint32_t ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	kbench_report("ms_for_8_reads", ms);
	kbench_report("kib_per_second", ms ? (uint64_t)8 * (BENCH_BYTES / 1024) * 1000 / ms : 0);
	pframe_stats_t st;
	pframe_stats(&st);
	kbench_report("misses", st.ps_misses);
	kbench_report("hits", st.ps_hits);
	do_close(held);
	do_unlink(BENCH_FILE);
}

KBENCH(s5fs_many_files, "s5fs.4_create_1000_files_and_list")
{
	if (!root_is_s5fs()) {
		return;
	}
	vt_rmtree("/many");
	if (do_mkdir("/many") < 0) {
		kbench_report("setup_failed", 1);
		return;
	}
	char path[32];
	uint32_t ticks0 = pit_ticks;
	int made = 0;
	for (; made < 1000; made++) {
		snprintf(path, sizeof(path), "/many/file%04d", made);
		int fd = do_open(path, O_WRONLY | O_CREAT);
		if (fd < 0) {
			break;
		}
		do_close(fd);
	}
	uint32_t create_ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	ticks0 = pit_ticks;
	int fd = do_open("/many", O_RDONLY);
	dirent_t d;
	int listed = 0;
	while (do_getdent(fd, &d) > 0) {
		listed++;
	}
	do_close(fd);
	uint32_t list_ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	kbench_report("created", made);
	kbench_report("create_ms", create_ms);
	kbench_report("listed", listed);
	kbench_report("list_ms", list_ms);
	vt_rmtree("/many");
	pframe_sync();
}
