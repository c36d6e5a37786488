/*
 * What Keel answers, as Linux would on such a system, where it differs
 * from this Linux host by design (so nodiff): no symbolic links and no
 * named pipes (symlink, symlinkat, mkfifo, mknod of a FIFO: EPERM, after
 * the checks of the path Linux makes first), one CPU (sched_getaffinity),
 * no supplementary groups (getgroups), and sysinfo's figures.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "check.h"

static void link_checks(void)
{
	put_file("lk_file", "x\n");
	CHECK(mkdir("lk_dir", 0755) == 0);
	CHECK_ERR(symlink("lk_file", "lk_link"), EPERM);
	CHECK_ERR(access("lk_link", F_OK), ENOENT); /* nothing was made */
	CHECK_ERR(symlink("lk_file", "lk_file"), EEXIST);
	CHECK_ERR(symlink("lk_file", "lk_nodir/l"), ENOENT);
	CHECK_ERR(symlink("lk_file", "lk_file/l"), ENOTDIR);
	CHECK_ERR(symlink("lk_file", ""), ENOENT);
	int dfd = open("lk_dir", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	CHECK_ERR(symlinkat("../lk_file", dfd, "l"), EPERM);
	CHECK_ERR(symlinkat("x", -1, "l"), EBADF);
	CHECK_ERR(symlinkat("x", dfd, "/lk_abs_nodir/l"), ENOENT);

	CHECK_ERR(mkfifo("lk_fifo", 0644), EPERM);
	CHECK_ERR(access("lk_fifo", F_OK), ENOENT);
	CHECK_ERR(mkfifo("lk_file", 0644), EEXIST);
	CHECK_ERR(mknod("lk_sock", S_IFSOCK | 0644, 0), EPERM);
	CHECK_ERR(mknodat(dfd, "f", S_IFIFO | 0644, 0), EPERM);
	/* mknodat of a regular file, relative to the directory. */
	CHECK(mknodat(dfd, "reg", S_IFREG | 0644, 0) == 0);
	CHECK(access("lk_dir/reg", F_OK) == 0);
	CHECK_ERR(mknodat(dfd, "reg", S_IFREG | 0644, 0), EEXIST);
	CHECK_ERR(mknodat(dfd, "x", 0170000, 0), EINVAL);
	close(dfd);
	printf("links and fifos: ok\n");
}

static void system_checks(void)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
	CHECK(CPU_COUNT(&set) == 1 && CPU_ISSET(0, &set));
	CHECK(syscall(SYS_sched_getaffinity, 0, 4, &set) == 4);
	CHECK(syscall(SYS_sched_getaffinity, 0, 2, &set) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getaffinity, 0, 6, &set) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getaffinity, 30000, 4, &set) == -1 && errno == ESRCH);
	CHECK(syscall(SYS_sched_getaffinity, getpid(), 4, NULL) == -1 && errno == EFAULT);

	gid_t groups[4];
	CHECK(getgroups(4, groups) == 0);
	CHECK(getgroups(0, NULL) == 0);
	CHECK_ERR(getgroups(-1, groups), EINVAL);

	struct sysinfo si;
	memset(&si, 0xff, sizeof(si));
	CHECK(sysinfo(&si) == 0);
	CHECK(si.mem_unit == 1 && si.totalram > si.freeram && si.freeram > 0);
	CHECK(si.totalswap == 0 && si.freeswap == 0 && si.loads[0] == 0);
	CHECK(si.procs >= 2 && si.uptime < 3600);
	CHECK(syscall(SYS_sysinfo, NULL) == -1 && errno == EFAULT);
	printf("system: ok\n");
}

int main(void)
{
	link_checks();
	system_checks();
	return 0;
}
