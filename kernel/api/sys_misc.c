/*
 * Time, sleeping, uname and reboot; sysinfo, getgroups and
 * sched_getaffinity (api/linux2.h), what BusyBox's uptime, id and nproc
 * ask.
 *
 * The clock: the CMOS real-time clock is read once, at boot
 * (api_clock_init(), called by kmain() once the timer runs): the seconds
 * since 1970 then, minus the timer ticks since boot, give the boot time,
 * and from then on the time is the boot time plus the PIT's ticks (PIT_HZ
 * a second).  CLOCK_MONOTONIC is
 * the time since boot.
 */
#include "api/linux.h"
#include "api/linux2.h"
#include "api/syscall.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/pit.h"
#include "errno.h"
#include "io.h"
#include "mm/mm.h"
#include "mm/page.h"
#include "mm/pframe.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "util/string.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

/* The CMOS clock now, in seconds since 1970 (UTC, as QEMU keeps it). */
static uint32_t rtc_seconds(void)
{
	uint32_t flags = intr_save();
	while (cmos_read(0x0a) & 0x80) { /* an update is in progress */
	}
	uint8_t sec = cmos_read(0x00), min = cmos_read(0x02), hour = cmos_read(0x04);
	uint8_t day = cmos_read(0x07), mon = cmos_read(0x08), year = cmos_read(0x09);
	uint8_t b = cmos_read(0x0b);
	intr_restore(flags);
	bool pm = hour & 0x80;
	hour &= 0x7f;
	if (!(b & 0x04)) { /* BCD */
#define BCD(x) (((x) >> 4) * 10 + ((x)&0x0f))
		sec = BCD(sec);
		min = BCD(min);
		hour = BCD(hour);
		day = BCD(day);
		mon = BCD(mon);
		year = BCD(year);
#undef BCD
	}
	if (!(b & 0x02)) { /* 12-hour clock */
		hour = (hour % 12) + (pm ? 12 : 0);
	}
	int64_t days = days_from_civil(2000 + year, mon, day);
	return (uint32_t)(days * 86400 + hour * 3600 + min * 60 + sec);
}

static bool clock_set;
static uint32_t boot_seconds; /* the time at tick 0 */

void api_clock_init(void)
{
	uint32_t t = pit_ticks;
	boot_seconds = rtc_seconds() - t / pit_hz;
	clock_set = true;
}

/* The ticks since boot (and the boot time, read now if kmain did not). */
static uint64_t ticks_now(void)
{
	if (!clock_set) {
		api_clock_init();
	}
	return pit_ticks;
}

/* Seconds and nanoseconds since boot (monotonic) or since 1970 (realtime). */
static void clock_now(bool realtime, linux_timespec_t *ts)
{
	uint64_t t = ticks_now();
	ts->tv_sec = (int32_t)(t / pit_hz) + (realtime ? (int32_t)boot_seconds : 0);
	ts->tv_nsec = (int32_t)((t % pit_hz) * (1000000000u / pit_hz));
}

/* time(tloc): the seconds since 1970, also stored at tloc if it is not NULL.  -EFAULT. */
long sys_time(SYSCALL_ARGS)
{
	linux_timespec_t ts;
	clock_now(true, &ts);
	int32_t t = ts.tv_sec;
	if (a1 != 0 && copy_to_user((void *)a1, &t, sizeof(t)) != 0) {
		return -EFAULT;
	}
	return t;
}

/* gettimeofday(tv, tz): the time into *tv (if not NULL); *tz (if not NULL) zeroed.  -EFAULT. */
long sys_gettimeofday(SYSCALL_ARGS)
{
	linux_timespec_t ts;
	clock_now(true, &ts);
	linux_timeval_t tv = {ts.tv_sec, ts.tv_nsec / 1000};
	if (a1 != 0 && copy_to_user((void *)a1, &tv, sizeof(tv)) != 0) {
		return -EFAULT;
	}
	int32_t tz[2] = {0, 0};
	if (a2 != 0 && copy_to_user((void *)a2, tz, sizeof(tz)) != 0) {
		return -EFAULT;
	}
	return 0;
}

/*
 * clock_gettime(clk, ts): CLOCK_REALTIME (0) and its variants (5
 * REALTIME_COARSE) give the time since 1970; CLOCK_MONOTONIC (1) and the
 * others Linux has (2..4, 6, 7) the time since boot.  Resolution: one
 * timer tick.  Errors: -EINVAL (another clock), -EFAULT.
 */
long sys_clock_gettime(SYSCALL_ARGS)
{
	if (a1 > 7) {
		return -EINVAL;
	}
	linux_timespec_t ts;
	clock_now(a1 == 0 || a1 == 5, &ts);
	return copy_to_user((void *)a2, &ts, sizeof(ts));
}

/*
 * nanosleep(req, rem): sleeps at least *req (rounded up to timer ticks),
 * cancellably.  Errors: -EFAULT (req, or rem when it is written),
 * -EINVAL (tv_nsec outside 0..999999999 or tv_sec negative), -EINTR (the
 * thread was cancelled: *rem, if rem is not NULL, gets the time left).
 */
long sys_nanosleep(SYSCALL_ARGS)
{
	linux_timespec_t req;
	if (copy_from_user(&req, (const void *)a1, sizeof(req)) != 0) {
		return -EFAULT;
	}
	if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000) {
		return -EINVAL;
	}
	uint64_t ns = (uint64_t)req.tv_sec * 1000000000u + req.tv_nsec;
	uint64_t ns_per_tick = 1000000000u / pit_hz;
	uint64_t ticks = (ns + ns_per_tick - 1) / ns_per_tick;
	if (ticks > 0xffffffffu) {
		ticks = 0xffffffffu;
	}
	uint32_t start = pit_ticks;
	if (ticks == 0 || sched_sleep_ticks((uint32_t)ticks) == 0) {
		return 0;
	}
	if (a2 != 0) {
		uint64_t slept = (uint32_t)(pit_ticks - start);
		uint64_t left = ticks > slept ? (ticks - slept) * ns_per_tick : 0;
		linux_timespec_t rem = {(int32_t)(left / 1000000000u),
					(int32_t)(left % 1000000000u)};
		if (copy_to_user((void *)a2, &rem, sizeof(rem)) != 0) {
			return -EFAULT;
		}
	}
	return -EINTR;
}

/* uname(buf): "Keel", "keel", the release, the version, "i686", "(none)".  -EFAULT. */
long sys_uname(SYSCALL_ARGS)
{
	linux_utsname_t u;
	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Keel", LINUX_UTS_LEN);
	strlcpy(u.nodename, "keel", LINUX_UTS_LEN);
	strlcpy(u.release, "0.5", LINUX_UTS_LEN);
	strlcpy(u.version, "#1 VM stage", LINUX_UTS_LEN);
	strlcpy(u.machine, "i686", LINUX_UTS_LEN);
	strlcpy(u.domainname, "(none)", LINUX_UTS_LEN);
	return copy_to_user((void *)a1, &u, sizeof(u));
}

/* Linux i386's struct sysinfo. */
typedef struct linux_sysinfo {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram;
	uint32_t totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh;
	uint32_t mem_unit;
	char reserved[8];
} linux_sysinfo_t;

_Static_assert(sizeof(linux_sysinfo_t) == 64, "struct sysinfo is 64 bytes on i386");

long sys_sysinfo(SYSCALL_ARGS)
{
	linux_sysinfo_t si;
	memset(&si, 0, sizeof(si));
	si.uptime = (int32_t)(ticks_now() / pit_hz);
	si.totalram = (uint32_t)(page_total_count() * PAGE_SIZE);
	si.freeram = (uint32_t)(page_free_count() * PAGE_SIZE);
	si.procs = (uint16_t)proc_count();
	si.mem_unit = 1;
	return copy_to_user((void *)a1, &si, sizeof(si));
}

long sys_getgroups(SYSCALL_ARGS)
{
	return (int32_t)a1 < 0 ? -EINVAL : 0;
}

long sys_sched_getaffinity(SYSCALL_ARGS)
{
	if (a2 < sizeof(uint32_t) || (a2 & (sizeof(uint32_t) - 1)) != 0) {
		return -EINVAL;
	}
	if ((pid_t)a1 != 0 && proc_lookup((pid_t)a1) == NULL) {
		return -ESRCH;
	}
	uint32_t mask = 1; /* CPU 0, the only one */
	return copy_to_user((void *)a3, &mask, sizeof(mask)) != 0 ? -EFAULT : (long)sizeof(mask);
}

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_CMD_RESTART 0x01234567
#define REBOOT_CMD_HALT 0xcdef0123
#define REBOOT_CMD_POWER_OFF 0x4321fedc
#define REBOOT_CMD_CAD_ON 0x89abcdef
#define REBOOT_CMD_CAD_OFF 0x00000000

/*
 * reboot(magic1, magic2, cmd, arg): with Linux's magic numbers (0xfee1dead
 * and one of 672274793, 85072278, 369367448, 537993216), cmd HALT,
 * POWER_OFF or RESTART halts the machine cleanly: the page cache is
 * written back, every other user process is killed (SIGKILL), the
 * caller exits, and init (pid 1, when it is a user program) is ended too,
 * after it has reaped its children; the idle process then stops the
 * machine ("keel: halted cleanly").  Does not return then.  CAD_ON and
 * CAD_OFF return 0 and do nothing.  Errors: -EINVAL (bad magic, another
 * cmd).
 */
long sys_reboot(SYSCALL_ARGS)
{
	if (a1 != REBOOT_MAGIC1 ||
	    (a2 != 672274793 && a2 != 85072278 && a2 != 369367448 && a2 != 537993216)) {
		return -EINVAL;
	}
	if (a3 == REBOOT_CMD_CAD_ON || a3 == REBOOT_CMD_CAD_OFF) {
		return 0;
	}
	if (a3 != REBOOT_CMD_HALT && a3 != REBOOT_CMD_POWER_OFF && a3 != REBOOT_CMD_RESTART) {
		return -EINVAL;
	}
	pframe_sync();
	uproc_kill_others(9);
	proc_t *init = proc_initproc;
	if (init != curproc && init != NULL && init->p_state != PROC_DEAD &&
	    vm_proc_get(init) != NULL) {
		proc_kill(init, 0);
	}
	uthread_exit(0);
}
