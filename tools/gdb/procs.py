"""GDB commands for Keel's process system: kproc and kthreads.

    kproc            every process: pid, parent, state, name, threads
    kthreads         every thread: its process, state, and the wait queue it sleeps on
    kthreads bt      the same, with a backtrace of each thread that is not running

They read the kernel's own lists (proc_list in kernel/proc/proc.c, each
process's p_threads), so they work at any stop: a breakpoint, a panic, or
Ctrl-C in a hung test.
"""

import gdb

THREAD_STATES = {0: "new", 1: "run", 2: "sleep", 3: "sleep(c)", 4: "exited"}


def _offset(type_name, field):
    for f in gdb.lookup_type(type_name).fields():
        if f.name == field:
            return f.bitpos // 8
    raise gdb.GdbError("%s has no field %s" % (type_name, field))


def _list_entries(head_addr, type_name, link_field):
    """Yields the elements (gdb.Value of type_name *) of an intrusive list."""
    ptr_type = gdb.lookup_type(type_name).pointer()
    link_type = gdb.lookup_type("list_link_t").pointer()
    off = _offset(type_name, link_field)
    link = gdb.Value(head_addr).cast(link_type)["l_next"]
    seen = 0
    while int(link) != head_addr:
        yield gdb.Value(int(link) - off).cast(ptr_type)
        link = link["l_next"]
        seen += 1
        if seen > 100000:
            raise gdb.GdbError("list at 0x%x looks corrupt (no end)" % head_addr)


def _procs():
    head = gdb.parse_and_eval("&proc_list")
    return _list_entries(int(head), "proc_t", "p_list_link")


def _threads(proc):
    return _list_entries(int(proc["p_threads"].address), "kthread_t", "kt_plink")


def _symbol_of(addr):
    """'name+off' for an address, or hex."""
    try:
        out = gdb.execute("info symbol 0x%x" % addr, to_string=True).strip()
    except gdb.error:
        return "0x%x" % addr
    if out.startswith("No symbol"):
        return "0x%x" % addr
    return out.split(" in section")[0].replace(" + ", "+")


def _describe_queue(addr):
    """Names a wait queue: a process's waitpid queue, a known global, or an address."""
    if addr == 0:
        return "-"
    wait_off = _offset("proc_t", "p_wait")
    for p in _procs():
        if int(p) + wait_off == addr:
            return "waitpid of pid %d" % int(p["p_pid"])
    if addr == int(gdb.parse_and_eval("&timerq")):
        return "timed sleep"
    return _symbol_of(addr)


def _saved_backtrace(thr, limit=16):
    """Frames of a thread that is not running, from its saved context."""
    inferior = gdb.selected_inferior()
    esp = int(thr["kt_ctx"]["c_esp"])

    def word(a):
        return int.from_bytes(bytes(inferior.read_memory(a, 4)), "little")

    # context_switch_stacks saved edi, esi, ebx, ebp, then the return address.
    ebp, eip = word(esp + 12), word(esp + 16)
    frames = []
    while eip and len(frames) < limit:
        frames.append(_symbol_of(eip))
        if ebp == 0:
            break
        try:
            eip, ebp = word(ebp + 4), word(ebp)
        except gdb.MemoryError:
            frames.append("(frame pointer 0x%x unreadable)" % ebp)
            break
    return frames


class KProc(gdb.Command):
    """List every process: pid, parent pid, state, name and its threads' states."""

    def __init__(self):
        super().__init__("kproc", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = int(gdb.parse_and_eval("curproc"))
        print("%5s %5s %-8s %-20s %s" % ("PID", "PPID", "STATE", "NAME", "THREADS"))
        for p in _procs():
            parent = p["p_pproc"]
            ppid = int(parent["p_pid"]) if int(parent) else -1
            state = "zombie" if int(p["p_state"]) == 1 else "running"
            states = [THREAD_STATES.get(int(t["kt_state"]), "?") for t in _threads(p)]
            mark = " <- current" if int(p) == cur else ""
            print("%5d %5d %-8s %-20s %s%s" % (int(p["p_pid"]), ppid, state,
                  p["p_name"].string(), ",".join(states) or "-", mark))


class KThreads(gdb.Command):
    """List every thread: process, state, wait queue.  'kthreads bt' adds backtraces."""

    def __init__(self):
        super().__init__("kthreads", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        want_bt = arg.strip() == "bt"
        cur = int(gdb.parse_and_eval("curthr"))
        print("%-10s %5s %-16s %-9s %s" % ("THREAD", "PID", "PROCESS", "STATE", "SLEEPS ON"))
        for p in _procs():
            for t in _threads(p):
                state = THREAD_STATES.get(int(t["kt_state"]), "?")
                if int(t["kt_cancelled"]):
                    state += ",cancelled"
                mark = "  <- running" if int(t) == cur else ""
                print("0x%08x %5d %-16s %-9s %s%s" % (int(t), int(p["p_pid"]),
                      p["p_name"].string(), state, _describe_queue(int(t["kt_wchan"])), mark))
                if want_bt and int(t) != cur and int(t["kt_state"]) != 4:
                    for i, f in enumerate(_saved_backtrace(t)):
                        print("           #%-2d %s" % (i, f))


KProc()
KThreads()
