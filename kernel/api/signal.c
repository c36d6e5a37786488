/*
 * Signals for user processes, as on Linux i386 (api/signal.h): the side
 * table of actions, masks and pending sets, sending, delivery with Linux's
 * signal frames, and the system calls.
 */
#include "api/signal.h"
#include "api/linux2.h"
#include "api/uaccess.h"
#include "api/uthread.h"
#include "api/vmglue.h"
#include "boot/gdt.h"
#include "errno.h"
#include "io.h"
#include "mm/mm.h"
#include "proc/context.h"
#include "proc/kthread.h"
#include "proc/sched.h"
#include "util/debug.h"
#include "util/kprintf.h"
#include "util/string.h"

#define SIG_DFL 0u
#define SIG_IGN 1u

#define SA_NOCLDSTOP 0x00000001u
#define SA_SIGINFO 0x00000004u
#define SA_RESTART 0x10000000u
#define SA_RESTORER 0x04000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

#define SIGBIT(sig) (1ull << ((sig)-1))
/* What can never be blocked. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIG_STOPS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

/* What a signal does by default. */
enum { SIG_TERM, SIG_IGNORE, SIG_STOP, SIG_CONT };

/* What a stopped or continued child has to tell its parent's wait4. */
enum { REPORT_NONE, REPORT_STOPPED, REPORT_CONTINUED };

/* The eflags bits sigreturn takes from the frame (Linux's FIX_EFLAGS). */
#define EFLAGS_USER_BITS 0x00050dd5u /* AC RF OF DF TF SF ZF AF PF CF */
#define EFLAGS_TF 0x100u
#define EFLAGS_DF 0x400u

/* Linux i386's struct k_sigaction (what rt_sigaction copies). */
typedef struct ksigaction {
	uint32_t ka_handler;
	uint32_t ka_flags;
	uint32_t ka_restorer;
	uint32_t ka_mask[2];
} ksigaction_t;

/* What a pending signal carries into its siginfo. */
typedef struct sig_info {
	int si_code;
	pid_t si_pid;
	uint32_t si_addr; /* faults */
	int si_status;    /* SIGCHLD */
} sig_info_t;

typedef struct sig_entry {
	proc_t *se_proc; /* the owner, or NULL */
	ksigaction_t se_act[SIG_NSIG];
	uint64_t se_blocked;
	uint64_t se_pending;
	uint64_t se_saved; /* the mask to restore after a sigsuspend (se_restore) */
	bool se_restore;
	ktqueue_t se_wait; /* sigsuspend, pause and a stopped process sleep here */
	bool se_stopped;   /* stopped by se_stopsig until a SIGCONT */
	int se_stopsig;
	int se_report; /* REPORT_*: not yet collected by the parent's wait4 */
	sig_info_t se_info[SIG_NSIG];
} sig_entry_t;

static sig_entry_t sig_table[PROC_MAX_COUNT];

/* Linux's struct sigcontext (i386): the same order as regs_t, then four words. */
typedef struct sigcontext {
	uint32_t sc_gs, sc_fs, sc_es, sc_ds;
	uint32_t sc_edi, sc_esi, sc_ebp, sc_esp, sc_ebx, sc_edx, sc_ecx, sc_eax;
	uint32_t sc_trapno, sc_err, sc_eip, sc_cs, sc_eflags, sc_esp_at_signal, sc_ss;
	uint32_t sc_fpstate, sc_oldmask, sc_cr2;
} sigcontext_t;
_Static_assert(sizeof(sigcontext_t) == 88, "Linux's struct sigcontext");

/* Linux's siginfo (128 bytes); the fields Keel fills. */
typedef struct usiginfo {
	int32_t si_signo, si_errno, si_code;
	uint32_t si_f[29]; /* kill: pid, uid; SIGCHLD: pid, uid, status; faults: addr */
} usiginfo_t;
_Static_assert(sizeof(usiginfo_t) == 128, "Linux's siginfo_t");

typedef struct uucontext {
	uint32_t uc_flags, uc_link;
	uint32_t uc_ss_sp, uc_ss_flags, uc_ss_size;
	sigcontext_t uc_mcontext;
	uint32_t uc_sigmask[2];
} uucontext_t;
_Static_assert(sizeof(uucontext_t) == 116, "Linux's struct ucontext");

/* The rt frame: what the handler's esp points to. */
typedef struct rt_frame {
	uint32_t f_ret, f_sig, f_pinfo, f_puc;
	usiginfo_t f_info;
	uucontext_t f_uc;
	uint8_t f_code[8];
} rt_frame_t;

/* The old frame (no SA_SIGINFO): sigreturn finds it 8 bytes below its esp. */
typedef struct old_frame {
	uint32_t f_ret, f_sig;
	sigcontext_t f_sc;
	uint32_t f_extramask; /* the mask's high word; the low one is sc_oldmask */
	uint8_t f_code[8];
} old_frame_t;

_Static_assert(sizeof(rt_frame_t) == 268 && offsetof(rt_frame_t, f_uc) == 144, "rt frame");
_Static_assert(offsetof(old_frame_t, f_sc) == 8, "old frame");

#define SS_DISABLE 2

/*
 * The FPU and SSE registers travel in the frame too, in the 512 bytes at
 * the first 16-aligned address after it: fxsave's image (fnsave's 108
 * bytes on a CPU without FXSR).  Keel's own place and format: Linux's
 * struct _fpstate is not built, sc_fpstate stays 0.
 */
#define FPU_AREA 512
#define CR4_OSFXSR (1u << 9)
#define FX_MXCSR 24        /* offset of MXCSR in fxsave's image */
#define MXCSR_SAFE 0xffbfu /* the bits every CPU with SSE accepts */

static void fpu_save_to(void *area)
{
	if (read_cr4() & CR4_OSFXSR) {
		__asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
	} else {
		__asm__ volatile("fnsave (%0)" : : "r"(area) : "memory");
	}
}

static void fpu_load_from(void *area)
{
	if (read_cr4() & CR4_OSFXSR) {
		uint32_t *mxcsr = (uint32_t *)((char *)area + FX_MXCSR);
		*mxcsr &= MXCSR_SAFE; /* a reserved bit would fault in the kernel */
		__asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
	} else {
		__asm__ volatile("frstor (%0)" : : "r"(area) : "memory");
	}
}

/* Where a frame of 'size' bytes at 'at' keeps the FPU registers. */
static uint32_t fpu_area_of(uint32_t at, size_t size)
{
	return (at + size + 15) & ~15u;
}

/* The frame's address below user esp 'sp': at + 4 16-aligned, room above it for the FPU area. */
static uint32_t frame_place(uint32_t sp, size_t size)
{
	return ((sp - size - FPU_AREA - 16 + 4) & ~15u) - 4;
}

/* Saves the FPU registers at the user address 'uarea' and resets them for the handler. */
static bool fpu_push(uint32_t uarea)
{
	uint8_t buf[FPU_AREA + 16];
	void *area = (void *)(((uintptr_t)buf + 15) & ~(uintptr_t)15);
	memset(area, 0, FPU_AREA);
	fpu_save_to(area);
	context_fpu_reset();
	return copy_to_user((void *)uarea, area, FPU_AREA) == 0;
}

/* Loads the FPU registers from the user address 'uarea'. */
static bool fpu_pop(uint32_t uarea)
{
	uint8_t buf[FPU_AREA + 16];
	void *area = (void *)(((uintptr_t)buf + 15) & ~(uintptr_t)15);
	if (copy_from_user(area, (const void *)uarea, FPU_AREA) != 0) {
		return false;
	}
	fpu_load_from(area);
	return true;
}

/* The entry of p, made fresh (defaults) if it had none. */
static sig_entry_t *sig_of(proc_t *p)
{
	KASSERT(p->p_pid >= 0 && p->p_pid < PROC_MAX_COUNT);
	sig_entry_t *e = &sig_table[p->p_pid];
	if (e->se_proc != p) {
		memset(e, 0, sizeof(*e));
		e->se_proc = p;
		sched_queue_init(&e->se_wait);
	}
	return e;
}

static int sig_default(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return SIG_IGNORE;
	case SIGCONT:
		return SIG_CONT;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SIG_STOP;
	default:
		return SIG_TERM;
	}
}

/*
 * Whether 'sig' is ignored in e: explicitly, or by a default of ignore
 * (SIGCONT's default does its work when it is sent, and is ignored then).
 */
static bool sig_ignored(sig_entry_t *e, int sig)
{
	uint32_t h = e->se_act[sig - 1].ka_handler;
	int d = sig_default(sig);
	return h == SIG_IGN || (h == SIG_DFL && (d == SIG_IGNORE || d == SIG_CONT));
}

static bool sig_valid_target(proc_t *p)
{
	return p != NULL && p->p_state != PROC_DEAD && p->p_pid != PID_IDLE &&
	       vm_proc_get(p) != NULL;
}

/* Makes 'sig' pending in e with fresh information (si_code 'code'); the rest is the caller's. */
static sig_info_t *sig_pend(sig_entry_t *e, int sig, int code)
{
	e->se_pending |= SIGBIT(sig);
	sig_info_t *in = &e->se_info[sig - 1];
	memset(in, 0, sizeof(*in));
	in->si_code = code;
	return in;
}

/*
 * Tells the parent of 'child' that it exited, was killed, stopped or
 * continued (si_code CLD_*, with 'status' the exit code or the signal):
 * wakes the parent's wait4 and sends it SIGCHLD, unless SIGCHLD is
 * ignored there, or the child stopped or continued and the parent's
 * action has SA_NOCLDSTOP.
 */
static void sig_notify_parent(proc_t *child, int code, int status)
{
	proc_t *parent = child->p_pproc;
	if (parent == NULL || !sig_valid_target(parent)) {
		return;
	}
	sched_broadcast_on(&parent->p_wait);
	sig_entry_t *e = sig_of(parent);
	ksigaction_t *ka = &e->se_act[SIGCHLD - 1];
	bool blocked = (e->se_blocked & SIGBIT(SIGCHLD)) != 0;
	if (!blocked && sig_ignored(e, SIGCHLD)) {
		return;
	}
	if ((code == CLD_STOPPED || code == CLD_CONTINUED) && (ka->ka_flags & SA_NOCLDSTOP)) {
		return;
	}
	sig_info_t *in = sig_pend(e, SIGCHLD, code);
	in->si_pid = child->p_pid;
	in->si_status = status;
	sched_broadcast_on(&e->se_wait);
	if (!blocked && parent != curproc && !e->se_stopped) {
		uthread_interrupt(parent);
	}
}

void signal_send(proc_t *p, int sig, int code)
{
	KASSERT(sig >= 1 && sig <= SIG_NSIG);
	if (!sig_valid_target(p)) {
		return;
	}
	sig_entry_t *e = sig_of(p);
	if (sig == SIGCONT) {
		/* Continues the process whatever its action, and cancels a pending stop. */
		e->se_pending &= ~SIG_STOPS;
		if (e->se_stopped) {
			e->se_stopped = false;
			e->se_report = REPORT_CONTINUED;
			sched_broadcast_on(&e->se_wait);
			sig_notify_parent(p, CLD_CONTINUED, SIGCONT);
		}
	} else if (SIGBIT(sig) & SIG_STOPS) {
		e->se_pending &= ~SIGBIT(SIGCONT);
	}
	bool blocked = (e->se_blocked & SIGBIT(sig)) != 0;
	if (sig != SIGKILL && !blocked && sig_ignored(e, sig)) {
		return;
	}
	uint32_t h = e->se_act[sig - 1].ka_handler;
	if (p != curproc &&
	    (sig == SIGKILL ||
	     (!blocked && !e->se_stopped && h == SIG_DFL && sig_default(sig) == SIG_TERM))) {
		proc_kill(p, sig); /* a fatal signal: even a sleeping process ends now */
		return;
	}
	sig_pend(e, sig, code)->si_pid = curproc->p_pid;
	sched_broadcast_on(&e->se_wait);
	/* A handler to run or a stop to take: a system call it sleeps in must end. */
	if (p != curproc && !blocked && !e->se_stopped) {
		uthread_interrupt(p);
	}
}

bool signal_ignored_or_blocked(proc_t *p, int sig)
{
	KASSERT(sig >= 1 && sig <= SIG_NSIG);
	if (!sig_valid_target(p)) {
		return false;
	}
	sig_entry_t *e = sig_of(p);
	return (e->se_blocked & SIGBIT(sig)) != 0 || sig_ignored(e, sig);
}

int signal_send_group(pid_t pgrp, int sig, int code)
{
	int n = 0;
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (sig_valid_target(p) && p->p_pid != PID_INIT && pgrp_of(p) == pgrp) {
			signal_send(p, sig, code);
			n++;
		}
	}
	return n;
}

bool signal_fault(int sig, int code, uintptr_t addr)
{
	sig_entry_t *e = sig_of(curproc);
	uint32_t h = e->se_act[sig - 1].ka_handler;
	if ((e->se_blocked & SIGBIT(sig)) || h == SIG_DFL || h == SIG_IGN) {
		return false; /* as on Linux, a blocked or ignored fault kills */
	}
	sig_pend(e, sig, code)->si_addr = addr;
	return true;
}

/* A segment register value from a frame: one a user may load, or 0. */
static uint32_t user_selector(uint32_t s)
{
	s &= 0xffff;
	return (s == GDT_USER_DATA || s == GDT_TLS_USER) ? s : 0;
}

/* Fills *sc from the user-mode frame r and the mask to restore. */
static void sc_save(sigcontext_t *sc, const regs_t *r, uint64_t mask)
{
	memset(sc, 0, sizeof(*sc));
	memcpy(sc, r, 19 * sizeof(uint32_t)); /* gs .. ss: regs_t's order */
	sc->sc_esp = r->r_useresp;
	sc->sc_esp_at_signal = r->r_useresp;
	sc->sc_oldmask = (uint32_t)mask;
}

/* Restores r from *sc (the registers a program may change only). */
static void sc_restore(regs_t *r, const sigcontext_t *sc)
{
	r->r_gs = user_selector(sc->sc_gs);
	r->r_fs = user_selector(sc->sc_fs);
	r->r_es = r->r_ds = GDT_USER_DATA;
	r->r_edi = sc->sc_edi;
	r->r_esi = sc->sc_esi;
	r->r_ebp = sc->sc_ebp;
	r->r_ebx = sc->sc_ebx;
	r->r_edx = sc->sc_edx;
	r->r_ecx = sc->sc_ecx;
	r->r_eax = sc->sc_eax;
	r->r_eip = sc->sc_eip;
	r->r_useresp = sc->sc_esp;
	r->r_cs = GDT_USER_CODE;
	r->r_ss = GDT_USER_DATA;
	r->r_eflags = (r->r_eflags & ~EFLAGS_USER_BITS) | (sc->sc_eflags & EFLAGS_USER_BITS);
}

static void sig_set_mask(sig_entry_t *e, uint64_t mask)
{
	e->se_blocked = mask & ~SIG_UNBLOCKABLE;
}

/* Builds sig's frame on the user stack and points r at the handler; false if it cannot. */
static bool sig_setup_frame(sig_entry_t *e, int sig, regs_t *r, uint64_t saved)
{
	ksigaction_t *ka = &e->se_act[sig - 1];
	sig_info_t *in = &e->se_info[sig - 1];
	uint32_t sp = r->r_useresp;
	/* "mov $N, %eax; int $0x80" (an old frame's stub first pops the signal number). */
	static const uint8_t rt_code[8] = {0xb8, SYS_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0};
	static const uint8_t old_code[8] = {0x58, 0xb8, SYS_sigreturn, 0, 0, 0, 0xcd, 0x80};
	if (ka->ka_flags & SA_SIGINFO) {
		rt_frame_t f;
		memset(&f, 0, sizeof(f));
		uint32_t at = frame_place(sp, sizeof(f));
		f.f_sig = (uint32_t)sig;
		f.f_pinfo = at + offsetof(rt_frame_t, f_info);
		f.f_puc = at + offsetof(rt_frame_t, f_uc);
		f.f_info.si_signo = sig;
		f.f_info.si_code = in->si_code;
		if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE) {
			f.f_info.si_f[0] = in->si_addr;
		} else {
			f.f_info.si_f[0] = (uint32_t)in->si_pid;
			f.f_info.si_f[1] = 0; /* uid */
			f.f_info.si_f[2] = (uint32_t)in->si_status;
		}
		f.f_uc.uc_ss_flags = SS_DISABLE;
		sc_save(&f.f_uc.uc_mcontext, r, saved);
		f.f_uc.uc_sigmask[0] = (uint32_t)saved;
		f.f_uc.uc_sigmask[1] = (uint32_t)(saved >> 32);
		memcpy(f.f_code, rt_code, sizeof(rt_code));
		f.f_ret = (ka->ka_flags & SA_RESTORER) ? ka->ka_restorer
						       : at + offsetof(rt_frame_t, f_code);
		if (at >= USER_TOP || at < FPU_AREA ||
		    copy_to_user((void *)at, &f, sizeof(f)) != 0 ||
		    !fpu_push(fpu_area_of(at, sizeof(f)))) {
			return false;
		}
		r->r_useresp = at;
		r->r_edx = f.f_pinfo;
		r->r_ecx = f.f_puc;
	} else {
		old_frame_t f;
		memset(&f, 0, sizeof(f));
		uint32_t at = frame_place(sp, sizeof(f));
		f.f_sig = (uint32_t)sig;
		sc_save(&f.f_sc, r, saved);
		f.f_extramask = (uint32_t)(saved >> 32);
		memcpy(f.f_code, old_code, sizeof(old_code));
		f.f_ret = (ka->ka_flags & SA_RESTORER) ? ka->ka_restorer
						       : at + offsetof(old_frame_t, f_code);
		if (at >= USER_TOP || at < FPU_AREA ||
		    copy_to_user((void *)at, &f, sizeof(f)) != 0 ||
		    !fpu_push(fpu_area_of(at, sizeof(f)))) {
			return false;
		}
		r->r_useresp = at;
		r->r_edx = r->r_ecx = 0;
	}
	r->r_eax = (uint32_t)sig;
	r->r_eip = ka->ka_handler;
	r->r_cs = GDT_USER_CODE;
	r->r_ss = r->r_ds = r->r_es = GDT_USER_DATA;
	r->r_eflags &= ~(EFLAGS_TF | EFLAGS_DF);
	uint64_t block = ((uint64_t)ka->ka_mask[1] << 32) | ka->ka_mask[0];
	if (!(ka->ka_flags & SA_NODEFER)) {
		block |= SIGBIT(sig);
	}
	sig_set_mask(e, e->se_blocked | block);
	if (ka->ka_flags & SA_RESETHAND) {
		memset(ka, 0, sizeof(*ka));
	}
	return true;
}

/*
 * Stops the running process for 'sig' (a default action of stop): the
 * parent hears of it (wait4's WUNTRACED, SIGCHLD with CLD_STOPPED), then
 * the process sleeps until a SIGCONT clears se_stopped or a kill ends it.
 * Other signals sent meanwhile wake it and stay pending.
 */
static void sig_stop(sig_entry_t *e, int sig)
{
	e->se_stopped = true;
	e->se_stopsig = sig;
	e->se_report = REPORT_STOPPED;
	sig_notify_parent(curproc, CLD_STOPPED, sig);
	while (e->se_stopped && !uthread_killed(curthr)) {
		uthread_take_interrupt();
		sched_cancellable_sleep_on(&e->se_wait);
	}
	if (uthread_killed(curthr)) {
		uthread_exit((int)curthr->kt_retval);
	}
}

/* The calls Linux never restarts once a handler ran (they report the interruption). */
static bool sig_no_restart(uint32_t nr)
{
	switch (nr) {
	case SYS_pause:
	case SYS_rt_sigsuspend:
	case SYS_nanosleep:
	case SYS_clock_nanosleep:
	case SYS_poll:
		return true;
	default:
		return false;
	}
}

/* Sets r up to run system call number r_err again: `int $0x80` is 2 bytes. */
static void sig_restart(regs_t *r)
{
	r->r_eax = r->r_err;
	r->r_eip -= 2;
}

void signal_deliver(regs_t *r, bool interrupted)
{
	if (curproc->p_pid < 0 || curproc->p_pid >= PROC_MAX_COUNT) {
		return;
	}
	/* An interrupted call (or one that asked for it) may be restarted. */
	bool restart = false;
	if (r->r_vector == INTR_SYSCALL && r->r_err != SYS_sigreturn &&
	    r->r_err != SYS_rt_sigreturn) {
		int32_t ret = (int32_t)r->r_eax;
		restart = ret == -ERESTARTSYS || (interrupted && ret == -EINTR);
	}
	sig_entry_t *e = sig_of(curproc);
	while (e->se_pending & ~e->se_blocked) {
		uint64_t ready = e->se_pending & ~e->se_blocked;
		int sig = __builtin_ctzll(ready) + 1;
		e->se_pending &= ~SIGBIT(sig);
		uint32_t h = e->se_act[sig - 1].ka_handler;
		if (sig == SIGKILL || sig == SIGSTOP) {
			h = SIG_DFL;
		}
		if (sig_ignored(e, sig)) {
			continue;
		}
		if (h == SIG_DFL && sig_default(sig) == SIG_STOP) {
			sig_stop(e, sig);
			continue;
		}
		if (h == SIG_DFL) {
			uthread_exit(sig);
		}
		if (restart) {
			if ((e->se_act[sig - 1].ka_flags & SA_RESTART) && !sig_no_restart(r->r_err)) {
				sig_restart(r);
			} else {
				r->r_eax = (uint32_t)-EINTR;
			}
			restart = false;
		}
		/* The handler's return restores the mask from before a sigsuspend. */
		uint64_t saved = e->se_restore ? e->se_saved : e->se_blocked;
		e->se_restore = false;
		intr_enable(); /* writing the frame may fault a page in */
		bool ok = sig_setup_frame(e, sig, r, saved);
		intr_disable();
		if (!ok) {
			kprintf("segfault: pid %d (%s) cannot write the frame of signal %d\n",
				curproc->p_pid, curproc->p_name, sig);
			uthread_exit(SIGSEGV);
		}
		return; /* one handler at a time; the rest when it returns */
	}
	if (restart) {
		sig_restart(r); /* no handler ran: the call goes on as if nothing happened */
	}
	if (e->se_restore) {
		e->se_restore = false;
		sig_set_mask(e, e->se_saved);
	}
}

void signal_fork(proc_t *parent, proc_t *child)
{
	if (child->p_pid < 0 || child->p_pid >= PROC_MAX_COUNT) {
		return;
	}
	sig_entry_t *pe = sig_of(parent);
	sig_entry_t *ce = sig_of(child);
	memcpy(ce->se_act, pe->se_act, sizeof(ce->se_act));
	ce->se_blocked = pe->se_blocked;
	ce->se_pending = 0;
}

void signal_exec(void)
{
	sig_entry_t *e = sig_of(curproc);
	for (int i = 0; i < SIG_NSIG; i++) {
		if (e->se_act[i].ka_handler != SIG_IGN) {
			memset(&e->se_act[i], 0, sizeof(e->se_act[i]));
		}
	}
}

void signal_exit(int status)
{
	if (curproc->p_pid >= 0 && curproc->p_pid < PROC_MAX_COUNT &&
	    sig_table[curproc->p_pid].se_proc == curproc) {
		sig_table[curproc->p_pid].se_proc = NULL; /* a zombie takes no signals */
	}
	if ((status & 0x7f) != 0) {
		sig_notify_parent(curproc, CLD_KILLED, status & 0x7f);
	} else {
		sig_notify_parent(curproc, CLD_EXITED, (status >> 8) & 0xff);
	}
}

int signal_wait_report(proc_t *child, int options)
{
	if (child->p_pid < 0 || child->p_pid >= PROC_MAX_COUNT ||
	    sig_table[child->p_pid].se_proc != child) {
		return -1;
	}
	sig_entry_t *e = &sig_table[child->p_pid];
	if ((options & WUNTRACED) && e->se_report == REPORT_STOPPED && e->se_stopped) {
		e->se_report = REPORT_NONE;
		return (e->se_stopsig << 8) | 0x7f;
	}
	if ((options & WCONTINUED) && e->se_report == REPORT_CONTINUED) {
		e->se_report = REPORT_NONE;
		return 0xffff;
	}
	return -1;
}

/* ---- system calls ---- */

/* Signals 'p' for kill(): 0, -ESRCH (not a user process), -EPERM (init). */
static int kill_one(proc_t *p, int sig)
{
	if (!sig_valid_target(p)) {
		return -ESRCH;
	}
	if (p->p_pid == PID_INIT) {
		return -EPERM;
	}
	if (sig != 0) {
		signal_send(p, sig, SI_USER);
	}
	return 0;
}

/*
 * kill(pid, sig): sends 'sig' (signal_send(), si_code SI_USER) to the
 * process 'pid' (> 0), to every process of the caller's process group
 * (pid 0), of the group -pid (pid < -1), or to every user process but
 * init and the caller (pid -1).  sig 0 sends nothing and only checks.
 * Errors: -EINVAL (sig outside 0..64), -ESRCH (no such live user process,
 * kernel-only processes and zombies included; for a group: no member),
 * -EPERM (pid 1, init, which takes no signals).  A group or -1 that holds
 * init and others signals the others and succeeds.
 */
long sys_kill(SYSCALL_ARGS)
{
	pid_t pid = (pid_t)a1;
	int sig = (int)a2;
	if (sig < 0 || sig > SIG_NSIG) {
		return -EINVAL;
	}
	if (pid > 0) {
		return kill_one(proc_lookup(pid), sig);
	}
	pid_t group = pid == 0 ? pgrp_of(curproc) : -pid;
	int found = 0;
	/* The caller last, so that a fatal signal to itself comes after the others. */
	for (proc_t *p = proc_next(NULL); p != NULL; p = proc_next(p)) {
		if (p == curproc || !sig_valid_target(p) || p->p_pid == PID_INIT) {
			continue;
		}
		if (pid == -1 || pgrp_of(p) == group) {
			kill_one(p, sig);
			found++;
		}
	}
	if (pid != -1 && pgrp_of(curproc) == group) {
		kill_one(curproc, sig);
		found++;
	}
	return found > 0 ? 0 : -ESRCH;
}

/*
 * tkill(tid, sig) and tgkill(tgid, tid, sig): kill() of one thread; with
 * one thread per process a thread's id is its process's pid (and tgkill's
 * tgid must equal tid).  Errors: kill()'s; -EINVAL for a tid of 0 or
 * below; -ESRCH for tgkill's tgid other than tid.
 */
long sys_tkill(SYSCALL_ARGS)
{
	if ((pid_t)a1 <= 0) {
		return -EINVAL;
	}
	return sys_kill(a1, a2, 0, 0, 0, 0);
}

long sys_tgkill(SYSCALL_ARGS)
{
	if ((pid_t)a1 <= 0 || (pid_t)a2 <= 0) {
		return -EINVAL;
	}
	if (a1 != a2) {
		return -ESRCH;
	}
	return sys_kill(a2, a3, 0, 0, 0, 0);
}

/*
 * Sleeps until a signal that is not blocked is pending (or the process is
 * killed), then returns -EINTR; the mask before the call comes back when
 * the handler returns (or at once if no handler runs).
 */
static long sig_suspend(sig_entry_t *e, uint64_t mask)
{
	e->se_saved = e->se_blocked;
	e->se_restore = true;
	sig_set_mask(e, mask);
	while ((e->se_pending & ~e->se_blocked) == 0) {
		if (sched_cancellable_sleep_on(&e->se_wait) == -EINTR) {
			break; /* killed: the way back to user mode ends the process */
		}
	}
	return -EINTR;
}

/*
 * rt_sigsuspend(mask, sigsetsize): replaces the blocked mask with *mask
 * and sleeps until a signal it does not block is delivered; always
 * -EINTR (the old mask is back once the handler returns).  Errors:
 * -EINVAL (sigsetsize not 8), -EFAULT (mask).
 */
long sys_rt_sigsuspend(SYSCALL_ARGS)
{
	uint64_t m;
	if (a2 != 8) {
		return -EINVAL;
	}
	if (copy_from_user(&m, (const void *)a1, sizeof(m)) != 0) {
		return -EFAULT;
	}
	return sig_suspend(sig_of(curproc), m);
}

/* pause(): sleeps until a signal is delivered; always -EINTR. */
long sys_pause(SYSCALL_ARGS)
{
	sig_entry_t *e = sig_of(curproc);
	return sig_suspend(e, e->se_blocked);
}

/*
 * rt_sigpending(set, sigsetsize): the pending signals (blocked ones: the
 * others are delivered at once) into *set.  Errors: -EINVAL (sigsetsize
 * not 8), -EFAULT.
 */
long sys_rt_sigpending(SYSCALL_ARGS)
{
	if (a2 != 8) {
		return -EINVAL;
	}
	uint64_t m = sig_of(curproc)->se_pending;
	return copy_to_user((void *)a1, &m, sizeof(m)) != 0 ? -EFAULT : 0;
}

/*
 * rt_sigaction(sig, act, oact, sigsetsize): stores *act (Linux i386's
 * struct k_sigaction: handler, flags, restorer, a 64-bit mask) as the
 * action of 'sig' after copying the old one to *oact (either may be
 * NULL).  Setting an ignored action (SIG_IGN, or SIG_DFL for a signal
 * whose default is to ignore) drops that signal if pending.  Errors:
 * -EINVAL (sig outside 1..64, SIGKILL or SIGSTOP with an action,
 * sigsetsize not 8), -EFAULT (act or oact; nothing changed).
 */
long sys_rt_sigaction(SYSCALL_ARGS)
{
	int sig = (int)a1;
	ksigaction_t k;
	if (sig < 1 || sig > SIG_NSIG || a4 != 8) {
		return -EINVAL;
	}
	if (a2 != 0) {
		if (copy_from_user(&k, (const void *)a2, sizeof(k)) != 0) {
			return -EFAULT;
		}
		if (sig == SIGKILL || sig == SIGSTOP) {
			return -EINVAL;
		}
	}
	sig_entry_t *e = sig_of(curproc);
	if (a3 != 0 && copy_to_user((void *)a3, &e->se_act[sig - 1], sizeof(k)) != 0) {
		return -EFAULT;
	}
	if (a2 != 0) {
		k.ka_mask[0] &= ~(uint32_t)SIG_UNBLOCKABLE;
		e->se_act[sig - 1] = k;
		if (sig_ignored(e, sig)) {
			e->se_pending &= ~SIGBIT(sig);
		}
	}
	return 0;
}

/*
 * rt_sigprocmask(how, set, oset, sigsetsize): copies the blocked mask to
 * *oset, then with a set: SIG_BLOCK (0) adds *set, SIG_UNBLOCK (1)
 * removes it, SIG_SETMASK (2) replaces the mask (SIGKILL and SIGSTOP are
 * never blocked).  A pending signal unblocked so is delivered on the way
 * back to user mode.  Errors: -EINVAL (how not 0..2 with a set,
 * sigsetsize not 8), -EFAULT (set or oset; nothing changed).
 */
long sys_rt_sigprocmask(SYSCALL_ARGS)
{
	uint64_t m = 0;
	if (a4 != 8 || (a2 != 0 && a1 > SIG_SETMASK)) {
		return -EINVAL;
	}
	if (a2 != 0 && copy_from_user(&m, (const void *)a2, sizeof(m)) != 0) {
		return -EFAULT;
	}
	sig_entry_t *e = sig_of(curproc);
	if (a3 != 0 && copy_to_user((void *)a3, &e->se_blocked, sizeof(m)) != 0) {
		return -EFAULT;
	}
	if (a2 != 0) {
		if (a1 == SIG_BLOCK) {
			sig_set_mask(e, e->se_blocked | m);
		} else if (a1 == SIG_UNBLOCK) {
			sig_set_mask(e, e->se_blocked & ~m);
		} else {
			sig_set_mask(e, m);
		}
	}
	return 0;
}

/*
 * rt_sigreturn() (173): the return from a handler of an rt frame: the
 * handler's "ret" popped the return address, so the frame starts 4 bytes
 * below esp; restores the registers and the mask of its ucontext.  A
 * frame that cannot be read ends the process with SIGSEGV (11).  Returns
 * the restored eax.
 */
long sys_rt_sigreturn(SYSCALL_ARGS)
{
	regs_t *r = uthread_regs();
	uucontext_t uc;
	uint32_t frame = r->r_useresp - 4;
	uint32_t at = frame + offsetof(rt_frame_t, f_uc);
	if (copy_from_user(&uc, (const void *)at, sizeof(uc)) != 0 ||
	    !fpu_pop(fpu_area_of(frame, sizeof(rt_frame_t)))) {
		kprintf("segfault: pid %d (%s) bad rt_sigreturn frame\n", curproc->p_pid,
			curproc->p_name);
		uthread_exit(SIGSEGV);
	}
	sc_restore(r, &uc.uc_mcontext);
	sig_set_mask(sig_of(curproc), ((uint64_t)uc.uc_sigmask[1] << 32) | uc.uc_sigmask[0]);
	return (long)r->r_eax;
}

/*
 * sigreturn() (119): the same for an old frame, whose stub popped the
 * signal number too: the frame starts 8 bytes below esp; the mask is
 * sc_oldmask (low word) and the frame's extra word (high word).
 */
long sys_sigreturn(SYSCALL_ARGS)
{
	regs_t *r = uthread_regs();
	old_frame_t f;
	uint32_t at = r->r_useresp - 8;
	if (copy_from_user(&f, (const void *)at, sizeof(f)) != 0 ||
	    !fpu_pop(fpu_area_of(at, sizeof(f)))) {
		kprintf("segfault: pid %d (%s) bad sigreturn frame\n", curproc->p_pid,
			curproc->p_name);
		uthread_exit(SIGSEGV);
	}
	sc_restore(r, &f.f_sc);
	sig_set_mask(sig_of(curproc), ((uint64_t)f.f_extramask << 32) | f.f_sc.sc_oldmask);
	return (long)r->r_eax;
}
