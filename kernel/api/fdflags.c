/*
 * Close-on-exec flags (api/fdflags.h): one bitmap of NFILES bits per pid,
 * valid only while the proc_t that made it owns the slot.
 */
#include "api/fdflags.h"
#include "vfs/file.h"

_Static_assert(NFILES <= 32, "one 32-bit word of flags per process");

typedef struct fdflags {
	proc_t *ff_proc; /* the owner, or NULL */
	uint32_t ff_cloexec;
} fdflags_t;

static fdflags_t fdflags_table[PROC_MAX_COUNT];

/* The entry of 'p', made empty if another process owned the slot. */
static fdflags_t *fdflags_of(proc_t *p)
{
	fdflags_t *e = &fdflags_table[p->p_pid];
	if (e->ff_proc != p) {
		e->ff_proc = p;
		e->ff_cloexec = 0;
	}
	return e;
}

bool fdflags_cloexec(int fd)
{
	if (fd < 0 || fd >= NFILES) {
		return false;
	}
	return (fdflags_of(curproc)->ff_cloexec >> fd) & 1;
}

void fdflags_set_cloexec(int fd, bool on)
{
	if (fd < 0 || fd >= NFILES) {
		return;
	}
	fdflags_t *e = fdflags_of(curproc);
	if (on) {
		e->ff_cloexec |= 1u << fd;
	} else {
		e->ff_cloexec &= ~(1u << fd);
	}
}

void fdflags_fork(proc_t *parent, proc_t *child)
{
	uint32_t bits = fdflags_of(parent)->ff_cloexec;
	fdflags_of(child)->ff_cloexec = bits;
}

void fdflags_release(proc_t *p)
{
	fdflags_t *e = &fdflags_table[p->p_pid];
	if (e->ff_proc == p) {
		e->ff_proc = NULL;
		e->ff_cloexec = 0;
	}
}
