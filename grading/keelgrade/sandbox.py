"""Running what a submission controls where it can reach nothing else.

Everything the student's code drives -- the compiler on their files, the
linker on their objects, QEMU running their kernel -- runs through run()
here.  With bubblewrap (bwrap) each command gets:

  - new mount, pid, network, ipc, uts, cgroup and user namespaces, so it
    sees no other process (its /proc is its own), no network and no host
    files but these: /usr read-only (the toolchain and QEMU), the dynamic
    loader's cache, a /dev with null, zero, random and the like, an empty
    /tmp of its own (TMPDIR), and the directories the caller binds: the
    submission's own compile directory, read-only release files, the
    kernel and the disk image of one boot;
  - an unprivileged uid and gid (nobody), no capabilities, a new session
    (no terminal to write into), standard input from /dev/null;
  - limits on CPU seconds, address space and the size of a file written;
  - a wall-clock limit: on a time-out the whole process group is killed
    (and with it the pid namespace, so nothing it started survives), and
    run() checks that no process it started is left.

Where bwrap cannot run (a container that forbids namespaces), probe()
says why; the grader then reports "NOT SANDBOXED: <why>" at the top of
every report, and run() only applies the limits, the clean environment,
/dev/null as input and the process-group kill.  --no-sandbox asks for the
same on purpose (for measuring the sandbox's cost).
"""

import os
import resource
import select
import shutil
import signal
import subprocess
import time

PATH = "/usr/local/bin:/usr/bin:/bin"
# The bwrap to use: KEEL_GRADE_BWRAP names another (the self-test names one
# that cannot run, to check what the grader does without a sandbox).
BWRAP = os.environ.get("KEEL_GRADE_BWRAP", "bwrap")
# The host directories every sandbox sees, read-only.
SYSTEM_RO = ("/usr", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives")
# The most output of a command kept (a compiler can print without end).
OUTPUT_CAP = 1 << 20
# Top-level names that are links into /usr on merged-/usr systems, or directories otherwise.
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


class Limits:
    """Resource limits of one sandboxed command (None: none)."""

    def __init__(self, cpu=None, memory=None, fsize=None, nofile=256):
        self.cpu = cpu          # CPU seconds of each process
        self.memory = memory    # address space of each process, bytes
        self.fsize = fsize      # largest file written, bytes
        self.nofile = nofile

    def apply(self):
        for what, v in ((resource.RLIMIT_CPU, self.cpu), (resource.RLIMIT_AS, self.memory),
                        (resource.RLIMIT_FSIZE, self.fsize), (resource.RLIMIT_NOFILE, self.nofile),
                        (resource.RLIMIT_CORE, 0)):
            if v is not None:
                resource.setrlimit(what, (int(v), int(v)))


class Result:
    def __init__(self, returncode, output, timed_out, seconds, leftovers):
        self.returncode = returncode
        self.output = output
        self.timed_out = timed_out
        self.seconds = seconds
        self.leftovers = leftovers  # pids still alive after the command ended (should be [])

    @property
    def ok(self):
        return self.returncode == 0 and not self.timed_out


_probe = None


def probe(force_off=None):
    """(usable, why): whether bwrap runs here, tested once per process.
    'force_off' (a reason) turns the sandbox off on purpose."""
    global _probe
    if force_off:
        _probe = (False, force_off)
        return _probe
    if _probe is not None:
        return _probe
    exe = shutil.which(BWRAP)
    if not exe:
        _probe = (False, "bubblewrap (bwrap) is not installed")
        return _probe
    try:
        r = subprocess.run(bwrap_argv(["/usr/bin/true"], binds=()), stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=30)
        if r.returncode == 0:
            _probe = (True, "")
        else:
            why = (r.stderr or r.stdout).strip().splitlines()
            _probe = (False, "bwrap cannot run here: " + (why[-1] if why else f"status {r.returncode}"))
    except (OSError, subprocess.TimeoutExpired) as e:
        _probe = (False, f"bwrap cannot run here: {e}")
    return _probe


def enabled():
    return probe()[0]


def bwrap_argv(argv, binds, chdir=None, env=None):
    """The bwrap command line for 'argv'.  'binds' is a list of (host path,
    sandbox path, writable)."""
    cmd = [BWRAP, "--unshare-all", "--die-with-parent", "--new-session",
           "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL"]
    for p in SYSTEM_RO:
        if os.path.exists(p):
            cmd += ["--ro-bind", p, p]
    for p in SYSTEM_LINKS:
        if os.path.islink(p):
            cmd += ["--symlink", os.readlink(p), p]
        elif os.path.isdir(p):
            cmd += ["--ro-bind", p, p]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for host, inside, writable in binds:
        cmd += ["--bind" if writable else "--ro-bind", host, inside]
    cmd += ["--clearenv"]
    for k, v in sorted(_env(env, "/tmp").items()):
        cmd += ["--setenv", k, v]
    if chdir:
        cmd += ["--chdir", chdir]
    return cmd + ["--"] + list(argv)


def _env(extra, tmpdir):
    env = {"PATH": PATH, "LC_ALL": "C", "LANG": "C", "HOME": tmpdir, "TMPDIR": tmpdir}
    env.update(extra or {})
    return env


def popen_argv(argv, binds, chdir=None, env=None, tmpdir=None):
    """(argv, env, cwd) to start 'argv' sandboxed (or, without bwrap, as
    close as can be).  Without bwrap the paths in 'binds' must be the host
    paths: callers bind each directory at its own host path."""
    if enabled():
        return bwrap_argv(argv, binds, chdir, env), {"PATH": PATH, "LC_ALL": "C"}, None
    return list(argv), _env(env, tmpdir or "/tmp"), chdir


def run(argv, binds, chdir=None, env=None, timeout=60, limits=None, tmpdir=None):
    """Runs 'argv' sandboxed; returns a Result (output is stdout and stderr
    merged, its first OUTPUT_CAP bytes)."""
    cmd, environ, cwd = popen_argv(argv, binds, chdir, env, tmpdir)
    lim = limits or Limits()
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=environ, cwd=cwd,
                            start_new_session=True, preexec_fn=lim.apply)
    timed_out = False
    chunks, size = [], 0
    deadline = started + timeout
    fd = proc.stdout.fileno()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            kill_group(proc)
            break
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if not ready:
            continue
        data = os.read(fd, 65536)
        if not data:
            break
        if size < OUTPUT_CAP:
            chunks.append(data[:OUTPUT_CAP - size])
        size += len(data)
    proc.stdout.close()
    proc.wait()
    out = b"".join(chunks)
    if size > OUTPUT_CAP:
        out += b"\n(%d more bytes of output left out)\n" % (size - OUTPUT_CAP)
    # Whatever the command left behind in its session (a compiler still
    # reading, a daemon) goes too; then nothing of it may be alive.
    kill_group(proc)
    left = session_members(proc.pid)
    text = out.decode("utf-8", "replace") if isinstance(out, bytes) else (out or "")
    return Result(proc.returncode, text, timed_out, time.monotonic() - started, left)


def kill_group(proc):
    """Kills the process group and the session 'proc' leads, and its descendants."""
    pids = set(descendants(proc.pid)) | set(session_members(proc.pid))
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    # Reap nothing else: the others are not our children; wait until they are gone.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.02)


def _stat(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read().decode(errors="replace")
    except OSError:
        return None
    rest = data[data.rfind(")") + 2:].split()
    # state ppid pgrp session ...
    return rest[0], int(rest[1]), int(rest[2]), int(rest[3])


def _alive(pid):
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")


def _all():
    out = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = _stat(int(d))
            if st:
                out[int(d)] = st
    return out


def descendants(pid):
    procs = _all()
    kids = {}
    for p, (_, ppid, _, _) in procs.items():
        kids.setdefault(ppid, []).append(p)
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for k in kids.get(p, []):
            if procs[k][0] not in ("Z", "X"):
                out.append(k)
            todo.append(k)
    return out


def session_members(sid):
    """Live processes in the session (or process group) 'sid' started, but 'sid' itself."""
    return [p for p, (state, _, pgrp, sess) in _all().items()
            if p != sid and (sess == sid or pgrp == sid) and state not in ("Z", "X")]
