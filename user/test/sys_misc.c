/* The small calls: getpid/getppid, the uid and gid getters, uname, time, gettimeofday,
 * clock_gettime, nanosleep, sched_yield, sync. */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	CHECK(getpid() > 0 && getppid() >= 0 && getpid() != getppid());
	CHECK(getuid() == geteuid() && getgid() == getegid());
	struct utsname u;
	CHECK(uname(&u) == 0);
	CHECK(u.sysname[0] != '\0' && u.release[0] != '\0' && u.machine[0] != '\0');
	time_t t = time(NULL);
	CHECK(t > 1000000000); /* after 2001 */
	struct {
		long tv_sec, tv_usec; /* the 32-bit call's layout */
	} tv;
	CHECK(syscall(SYS_gettimeofday_time32, &tv, NULL) == 0 && tv.tv_usec >= 0 &&
	      tv.tv_usec < 1000000);
	CHECK(tv.tv_sec >= t - 5 && tv.tv_sec <= t + 5);
	struct {
		long sec, nsec;
	} a, b;
	CHECK(syscall(SYS_clock_gettime32, CLOCK_MONOTONIC, &a) == 0);
	struct timespec ts = {0, 20 * 1000 * 1000};
	CHECK(nanosleep(&ts, NULL) == 0);
	CHECK(syscall(SYS_clock_gettime32, CLOCK_MONOTONIC, &b) == 0);
	long long ns = (b.sec - a.sec) * 1000000000LL + (b.nsec - a.nsec);
	CHECK(ns >= 15 * 1000 * 1000); /* slept about 20 ms (a coarse clock may round) */
	CHECK(ns < 5LL * 1000 * 1000 * 1000);
	CHECK(a.nsec >= 0 && a.nsec < 1000000000);
	ts.tv_nsec = 2000000000; /* out of range */
	CHECK_ERR(nanosleep(&ts, NULL), EINVAL);
	CHECK(sched_yield() == 0);
	sync();
	puts("misc: ok");
	return 0;
}
