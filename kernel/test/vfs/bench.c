/*
 * VFS benchmarks (make bench): path lookup of a 6-component path, and the
 * cycle create + write 4 KiB + close + unlink of a file on ramfs.
 */
#include "boot/pit.h"
#include "io.h"
#include "test/kbench.h"
#include "vfs/namev.h"
#include "vfstest.h"

#define LOOKUPS 100000
#define FILE_CYCLES 20000

static const char *const bench_path = "/b/c1/c2/c3/c4/f";

static void bench_report_rate(const char *what, int done, uint32_t ticks0, uint64_t cycles)
{
	uint32_t ms = (pit_ticks - ticks0) * 1000 / pit_hz;
	kbench_report("count", done);
	kbench_report("ms", ms);
	kbench_report(what, ms ? (uint64_t)done * 1000 / ms : 0);
	kbench_report("tsc_cycles_each", done ? cycles / done : 0);
}

KBENCH(vfs_lookup, "vfs.lookup_6_components")
{
	vt_rmtree("/b");
	if (do_mkdir("/b") < 0 || do_mkdir("/b/c1") < 0 || do_mkdir("/b/c1/c2") < 0 ||
	    do_mkdir("/b/c1/c2/c3") < 0 || do_mkdir("/b/c1/c2/c3/c4") < 0 ||
	    vt_mkfile(bench_path, "x") < 0) {
		kbench_report("setup_failed", 1);
		return;
	}
	uint32_t ticks0 = pit_ticks;
	uint64_t tsc0 = rdtsc();
	int done = 0;
	for (; done < LOOKUPS; done++) {
		vnode_t *vn;
		if (namev_resolve(NULL, bench_path, &vn) < 0) {
			break;
		}
		vput(vn);
	}
	bench_report_rate("lookups_per_second", done, ticks0, rdtsc() - tsc0);
	vt_rmtree("/b");
}

KBENCH(vfs_file_cycle, "vfs.create_write4k_close_unlink")
{
	static char data[4096];
	memset(data, 'k', sizeof(data));
	uint32_t ticks0 = pit_ticks;
	uint64_t tsc0 = rdtsc();
	int done = 0;
	for (; done < FILE_CYCLES; done++) {
		int fd = do_open("/bench-file", O_WRONLY | O_CREAT | O_TRUNC);
		if (fd < 0 || do_write(fd, data, sizeof(data)) != (ssize_t)sizeof(data)) {
			break;
		}
		do_close(fd);
		if (do_unlink("/bench-file") < 0) {
			break;
		}
	}
	bench_report_rate("cycles_per_second", done, ticks0, rdtsc() - tsc0);
}
