/*
 * S5FS benchmarks (make bench boots them with an S5FS image as hda):
 * sequential write of a 4 MiB file, its read with a cold cache (written
 * back and dropped first), the same read again from the cache, and
 * creating 1000 files in one directory then listing it.
 */
#include "boot/pit.h"
#include "io.h"
#include "s5test.h"
#include "test/kbench.h"

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

KBENCH(s5fs_seq_read_cold, "s5fs.2_seq_read_4mib_cold")
{
	if (!root_is_s5fs()) {
		return;
	}
	pframe_shrink_all(); /* nothing of the file is cached */
	pframe_stats_reset();
	uint32_t ticks0 = pit_ticks;
	uint32_t total = read_all();
	report_rate(ticks0);
	pframe_stats_t st;
	pframe_stats(&st);
	kbench_report("bytes", total);
	kbench_report("misses", st.ps_misses);
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
