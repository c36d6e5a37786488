/*
 * Controlling terminals, foreground process groups and the terminal
 * ioctls, as on Linux (support code of the VM stage, kernel/api/tty_job.c;
 * the settings themselves are drivers/tty_termios.h's).
 *
 * A tty is the controlling terminal of at most one session and a session
 * has at most one: the tty records the session (tm_sid) and its
 * foreground process group (tm_pgrp); a process's controlling terminal is
 * the tty whose session is its own.  (Linux keeps the pointer per
 * process; Keel per session, which is the same for every process that
 * did not call TIOCNOTTY without being the session leader: see there.)
 *
 * Acquiring: a session leader that opens a tty without O_NOCTTY, while
 * its session has no controlling terminal and the tty belongs to no
 * session, makes it its session's controlling terminal, with its own
 * process group in the foreground; TIOCSCTTY does it explicitly.
 * Dropping: when a session leader exits, its terminal's foreground
 * process group gets SIGHUP and the terminal belongs to no session any
 * more (the same for TIOCNOTTY by the leader, with SIGCONT after SIGHUP).
 *
 * Background groups: a process whose process group is not the foreground
 * group of its controlling terminal
 *   - reading it: its group gets SIGTTIN and the read returns
 *     -ERESTARTSYS (restarted after the process is continued, or -EINTR
 *     for a handler without SA_RESTART); -EIO instead when SIGTTIN is
 *     ignored or blocked by the caller or the group is orphaned (no
 *     member has a parent in another group of the same session);
 *   - changing its settings (TCSETS, TCSETSW, TCSETSF, TCFLSH) or its
 *     foreground group (TIOCSPGRP): SIGTTOU the same way, except that
 *     when SIGTTOU is ignored or blocked the change is allowed (as a
 *     shell that takes the terminal back relies on); an orphaned group
 *     gets -EIO (-ENOTTY from TIOCSPGRP, as on Linux).
 *   (Ignored or blocked: signal_ignored_or_blocked(), api/signal.h.  By
 *   default SIGTTIN and SIGTTOU stop the process; the call is restarted
 *   when SIGCONT continues it.)
 *   Writing from the background is allowed, unless TOSTOP is set: then
 *   it is a change as above (SIGTTOU; allowed when SIGTTOU is ignored or
 *   blocked).
 *   A read or change of a terminal that is not the caller's controlling
 *   terminal is never checked.
 *
 * /dev/tty (DEVID_CTTY) is the caller's controlling terminal: open
 * fails with -ENXIO without one; reads, writes and ioctls go to it.
 */
#ifndef KEEL_API_TTY_JOB_H
#define KEEL_API_TTY_JOB_H

#include "drivers/dev.h"
#include "drivers/tty.h"
#include "proc/proc.h"
#include "types.h"

#define O_NOCTTY 0400 /* Linux i386's open() flag */

/* The terminal of byte device 'devid' (a tty, or /dev/tty: the caller's), or NULL. */
tty_t *tty_from_devid(devid_t devid);

/*
 * open(2)'s duty on a terminal: called by sys_open() with the new
 * descriptor 'fd' and the open flags.  /dev/tty without a controlling
 * terminal: -ENXIO (the caller closes fd).  A tty without O_NOCTTY: may
 * become the caller's controlling terminal (above).  Anything else: 0.
 */
int tty_job_open(int fd, int flags);

/*
 * A user process is exiting (pgrp_exit()): a session leader drops its
 * session's terminal, whose foreground group gets SIGHUP (above).
 */
void tty_job_exit(proc_t *p);

/*
 * ioctl(fd, request, arg) on terminal 'tty' (sys_ioctl() found it; the
 * caller read it through a descriptor open for reading when 'readable'):
 *
 *   TCGETS           *arg = the settings (struct termios, 36 bytes)
 *   TCSETS           the settings = *arg
 *   TCSETSW          the same (output is never pending)
 *   TCSETSF          the same, pending input flushed first
 *   TCFLSH arg       0 (TCIFLUSH) or 2 (TCIOFLUSH): flush pending input;
 *                    1 (TCOFLUSH): nothing to do; other: -EINVAL
 *   TCSBRK, TCXONC   0 (tcdrain, tcflow: output is never pending)
 *   TIOCGWINSZ       *arg = the window (struct winsize): 25 x 80 for the
 *                    VGA terminals, 24 x 80 for ttyS0, until TIOCSWINSZ
 *   TIOCSWINSZ       the window = *arg; a change sends SIGWINCH to the
 *                    foreground group
 *   FIONREAD         *(int *)arg = the bytes a read could take now
 *   TIOCOUTQ         *(int *)arg = 0
 *   TIOCSTI          the byte *arg is received as if typed (echo, signal
 *                    characters and all); allowed to every process (Keel's
 *                    processes are all root, which Linux allows)
 *   TIOCGPGRP        *(pid_t *)arg = the foreground process group (0:
 *                    none); -ENOTTY unless tty is the caller's
 *                    controlling terminal
 *   TIOCSPGRP        the foreground group = *(pid_t *)arg.  -ENOTTY
 *                    (not the caller's controlling terminal), -EINVAL
 *                    (negative), -ESRCH (no process has that group),
 *                    -EPERM (a group of another session); background
 *                    callers as above
 *   TIOCGSID         *(pid_t *)arg = the session tty controls; -ENOTTY
 *                    (not the caller's controlling terminal)
 *   TIOCSCTTY arg    makes tty the caller's controlling terminal: 0 at
 *                    once when it already is; -EPERM when the caller is
 *                    not a session leader, its session already has a
 *                    terminal, or tty belongs to another session and arg
 *                    is not 1 (arg 1 takes it from that session, as root
 *                    may on Linux), or the descriptor is not open for
 *                    reading
 *   TIOCNOTTY        the caller gives up its controlling terminal:
 *                    -ENOTTY if tty is not it; the session leader drops
 *                    it for the whole session (SIGHUP, then SIGCONT, to
 *                    the foreground group); another process: 0, and the
 *                    session keeps it (Keel's terminals are per session)
 *
 * Errors also: -EFAULT (arg, for every request that reads or writes
 * through it), -ENOTTY (any other request).
 */
long tty_job_ioctl(tty_t *tty, uint32_t request, uint32_t arg, bool readable);

#endif
