/*
 * Controlling terminals and job control (api/tty_job.h): which session a
 * tty belongs to, its foreground process group, the background checks,
 * /dev/tty, and the terminal ioctls.
 *
 * The state lives in the tty (tt_term.tm_sid, tm_pgrp) because the
 * keyboard and serial interrupt handlers need the foreground group to
 * know whom ^C is for (drivers/tty_termios.c).  They only read it; every
 * change here masks interrupts so that a handler never sees a session
 * with another session's group.
 *
 * The processes' side (process groups and sessions) is api/linux2.h's;
 * the signals are api/signal.h's.  tty_job_signal(), tty_job_read_check()
 * and tty_job_ctty() are the functions drivers/tty_termios.h names for
 * the driver side to call.
 */
#include "api/tty_job.h"
#include "api/linux.h"
#include "api/linux2.h"
#include "api/signal.h"
#include "api/uaccess.h"
#include "boot/interrupt.h"
#include "drivers/bytedev.h"
#include "errno.h"
#include "util/debug.h"
#include "util/string.h"
#include "vfs/file.h"
#include "vfs/vfs_proc.h"

_Static_assert(sizeof(tty_termios_t) == sizeof(linux_termios_t), "struct termios");

#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCSTI 0x5412
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

/* Whether 'sig' would do nothing to p (ignored or blocked: api/signal.h). */
/* The session leader test: a process whose session id is its pid. */
static bool is_session_leader(proc_t *p)
{
	return pgrp_session_of(p) == p->p_pid;
}

/* The tty session 'sid' controls, or NULL. */
static tty_t *tty_of_session(pid_t sid)
{
	for (int i = 0; sid > 0 && i < tty_count(); i++) {
		tty_t *t = tty_at(i);
		if (t != NULL && t->tt_term.tm_sid == sid) {
			return t;
		}
	}
	return NULL;
}

tty_t *tty_job_ctty(void)
{
	return curproc != NULL ? tty_of_session(pgrp_session_of(curproc)) : NULL;
}

tty_t *tty_from_devid(devid_t devid)
{
	if (devid == DEVID_CTTY) {
		return tty_job_ctty();
	}
	if (DEVID_MAJOR(devid) != TTY_MAJOR) {
		return NULL;
	}
	bytedev_t *bd = bytedev_lookup(devid);
	return bd != NULL ? bd->cd_driver : NULL; /* tty_init() made the tty the device's driver */
}

void tty_job_signal(pid_t pgrp, int sig)
{
	signal_send_group(pgrp, sig, SI_KERNEL);
}

/* Sets tty's session and foreground group together (interrupts masked). */
static void tty_set_owner(tty_t *tty, pid_t sid, pid_t pgrp)
{
	uint32_t flags = intr_save();
	tty->tt_term.tm_sid = sid;
	tty->tt_term.tm_pgrp = pgrp;
	intr_restore(flags);
}

/* Whether a live user process is in process group 'pgrp'; its session in *sid. */
static bool pgrp_alive(pid_t pgrp, pid_t *sid)
{
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (p->p_state != PROC_DEAD && p->p_pid != PID_IDLE && pgrp_of(p) == pgrp) {
			*sid = pgrp_session_of(p);
			return true;
		}
	}
	return false;
}

/*
 * Whether the caller's process group is orphaned: no live member has a
 * parent in another process group of the same session.
 */
static bool my_pgrp_orphaned(void)
{
	pid_t pgrp = pgrp_of(curproc), sid = pgrp_session_of(curproc);
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (p->p_state == PROC_DEAD || pgrp_of(p) != pgrp) {
			continue;
		}
		proc_t *q = p->p_pproc;
		if (q != NULL && q->p_state != PROC_DEAD && q->p_pid != PID_IDLE &&
		    pgrp_of(q) != pgrp && pgrp_session_of(q) == sid) {
			return false;
		}
	}
	return true;
}

/*
 * The background check for 'sig' (SIGTTIN: a read; SIGTTOU: a change):
 * 0 when the caller may go on, else -EIO or -ERESTARTSYS (api/tty_job.h).
 */
static int tty_check_background(tty_t *tty, int sig)
{
	if (curproc == NULL || tty_job_ctty() != tty) {
		return 0; /* not the caller's controlling terminal */
	}
	pid_t fg = tty->tt_term.tm_pgrp, mine = pgrp_of(curproc);
	if (fg <= 0 || fg == mine) {
		return 0;
	}
	if (signal_ignored_or_blocked(curproc, sig)) {
		dbg(DBG_TTY, "%s: pid %d of background group %d (foreground %d): signal %d dropped\n",
		    tty->tt_name, curproc->p_pid, mine, fg, sig);
		return sig == SIGTTIN ? -EIO : 0;
	}
	if (my_pgrp_orphaned()) {
		return -EIO;
	}
	dbg(DBG_TTY, "%s: pid %d of background group %d: signal %d\n", tty->tt_name,
	    curproc->p_pid, mine, sig);
	signal_send_group(mine, sig, SI_KERNEL);
	return -ERESTARTSYS;
}

int tty_job_read_check(tty_t *tty)
{
	return tty_check_background(tty, SIGTTIN);
}

int tty_job_write_check(tty_t *tty)
{
	return tty_check_background(tty, SIGTTOU);
}

int tty_job_open(int fd, int flags)
{
	file_t *f = fget(fd);
	if (f == NULL) {
		return 0;
	}
	vnode_t *vn = f->f_vnode;
	devid_t devid = S_ISCHR(vn->vn_mode) ? vn->vn_devid : NULL_DEVID;
	fput(f);
	if (devid == DEVID_CTTY) {
		return tty_job_ctty() != NULL ? 0 : -ENXIO;
	}
	tty_t *tty = DEVID_MAJOR(devid) == TTY_MAJOR ? tty_from_devid(devid) : NULL;
	if (tty == NULL || (flags & O_NOCTTY) || !is_session_leader(curproc)) {
		return 0;
	}
	pid_t sid = pgrp_session_of(curproc);
	if (tty->tt_term.tm_sid == 0 && tty_of_session(sid) == NULL) {
		dbg(DBG_TTY, "%s: controlling terminal of session %d\n", tty->tt_name, sid);
		tty_set_owner(tty, sid, pgrp_of(curproc));
	}
	return 0;
}

/* Takes tty from its session: SIGHUP (and SIGCONT unless exiting) to the foreground group. */
static void tty_disassociate(tty_t *tty, bool exiting)
{
	pid_t fg = tty->tt_term.tm_pgrp;
	tty_set_owner(tty, 0, 0);
	if (fg > 0) {
		signal_send_group(fg, SIGHUP, SI_KERNEL);
		if (!exiting) {
			signal_send_group(fg, SIGCONT, SI_KERNEL);
		}
	}
}

void tty_job_exit(proc_t *p)
{
	if (!is_session_leader(p)) {
		return;
	}
	tty_t *tty = tty_of_session(p->p_pid);
	if (tty != NULL) {
		dbg(DBG_TTY, "%s: session %d ended\n", tty->tt_name, p->p_pid);
		tty_disassociate(tty, true);
	}
}

/* TIOCSCTTY (see api/tty_job.h). */
static long tty_sctty(tty_t *tty, uint32_t arg, bool readable)
{
	pid_t sid = pgrp_session_of(curproc);
	if (is_session_leader(curproc) && tty->tt_term.tm_sid == sid) {
		return 0;
	}
	if (!is_session_leader(curproc) || tty_of_session(sid) != NULL || !readable) {
		return -EPERM;
	}
	if (tty->tt_term.tm_sid != 0 && arg != 1) {
		return -EPERM;
	}
	dbg(DBG_TTY, "%s: TIOCSCTTY: controlling terminal of session %d\n", tty->tt_name, sid);
	tty_set_owner(tty, sid, pgrp_of(curproc));
	return 0;
}

/* TIOCSPGRP (see api/tty_job.h). */
static long tty_spgrp(tty_t *tty, uint32_t arg)
{
	int err = tty_check_background(tty, SIGTTOU);
	if (err != 0) {
		return err == -EIO ? -ENOTTY : err;
	}
	int32_t pgrp;
	if (copy_from_user(&pgrp, (const void *)arg, sizeof(pgrp)) != 0) {
		return -EFAULT;
	}
	if (pgrp < 0) {
		return -EINVAL;
	}
	pid_t sid = pgrp_session_of(curproc);
	if (tty_job_ctty() != tty || tty->tt_term.tm_sid != sid) {
		return -ENOTTY;
	}
	pid_t its_sid;
	if (!pgrp_alive(pgrp, &its_sid)) {
		return -ESRCH;
	}
	if (its_sid != sid) {
		return -EPERM;
	}
	dbg(DBG_TTY, "%s: foreground group %d\n", tty->tt_name, pgrp);
	tty_set_owner(tty, sid, pgrp);
	return 0;
}

/* Copies a pid_t (or int) value out. */
static long put_int(uint32_t arg, int32_t v)
{
	return copy_to_user((void *)arg, &v, sizeof(v));
}

long tty_job_ioctl(tty_t *tty, uint32_t request, uint32_t arg, bool readable)
{
	tty_termios_t t;
	tty_winsize_t ws;
	int err;
	switch (request) {
	case LINUX_TCGETS:
		tty_get_termios(tty, &t);
		return copy_to_user((void *)arg, &t, sizeof(t));
	case LINUX_TCSETS:
	case LINUX_TCSETSW:
	case LINUX_TCSETSF:
		if (copy_from_user(&t, (const void *)arg, sizeof(t)) != 0) {
			return -EFAULT;
		}
		err = tty_check_background(tty, SIGTTOU);
		if (err != 0) {
			return err;
		}
		tty_set_termios(tty, &t, request == LINUX_TCSETSF);
		return 0;
	case TCFLSH:
		if (arg > TCIOFLUSH) {
			return -EINVAL;
		}
		err = tty_check_background(tty, SIGTTOU);
		if (err != 0) {
			return err;
		}
		if (arg != TCOFLUSH) {
			tty_flush_input(tty);
		}
		return 0;
	case TCSBRK:
	case TCXONC:
		return 0;
	case LINUX_TIOCGWINSZ: {
		uint32_t flags = intr_save();
		ws = tty->tt_term.tm_winsize;
		intr_restore(flags);
		return copy_to_user((void *)arg, &ws, sizeof(ws));
	}
	case TIOCSWINSZ: {
		if (copy_from_user(&ws, (const void *)arg, sizeof(ws)) != 0) {
			return -EFAULT;
		}
		uint32_t flags = intr_save();
		bool changed = memcmp(&ws, &tty->tt_term.tm_winsize, sizeof(ws)) != 0;
		tty->tt_term.tm_winsize = ws;
		pid_t fg = tty->tt_term.tm_pgrp;
		intr_restore(flags);
		if (changed && fg > 0) {
			signal_send_group(fg, SIGWINCH, SI_KERNEL);
		}
		return 0;
	}
	case FIONREAD:
		return put_int(arg, (int32_t)tty_input_ready(tty));
	case TIOCOUTQ:
		return put_int(arg, 0);
	case TIOCSTI: {
		char c;
		if (copy_from_user(&c, (const void *)arg, 1) != 0) {
			return -EFAULT;
		}
		tty_receive_char(tty, c);
		return 0;
	}
	case TIOCGPGRP:
		if (tty_job_ctty() != tty) {
			return -ENOTTY;
		}
		return put_int(arg, tty->tt_term.tm_pgrp);
	case TIOCSPGRP:
		return tty_spgrp(tty, arg);
	case TIOCGSID:
		if (tty_job_ctty() != tty) {
			return -ENOTTY;
		}
		return put_int(arg, tty->tt_term.tm_sid);
	case TIOCSCTTY:
		return tty_sctty(tty, arg, readable);
	case TIOCNOTTY:
		if (tty_job_ctty() != tty) {
			return -ENOTTY;
		}
		if (is_session_leader(curproc)) {
			tty_disassociate(tty, false);
		}
		return 0;
	default:
		return -ENOTTY;
	}
}
