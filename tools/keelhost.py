"""Shared code of Keel's host tools (ktest-run, test-boot, run, bench).

Everything here is about driving an emulator from the host:

  * qemu_argv() builds a QEMU command line for a -kernel or -cdrom boot.
  * Console runs an emulator and hands its serial console to the caller one
    line at a time, with a wall-clock limit and an output cap.  When either is
    passed it kills the emulator and says which.
  * bochsrc() and Bochs run the same ISO in Bochs, whose serial port writes
    to a file and whose "term" display needs a terminal (we give it a pty).
  * glob_match() and test_order_key() mirror the kernel's test selection
    (kernel/util/string.c, kernel/test/ktest.c), so the host knows in which
    order the kernel will run a group of tests.
  * run_e2e() runs a host test suite's end-to-end tests as TAP, each in a
    work directory of its own (tools/hosttests/drivers.py, vfs.py).
  * ShellSession types command lines at the user shell that /sbin/init starts
    on the serial port, and reads what each prints (hosttests/vm.py,
    busybox.py).

Standard library only: the tools must run on a fresh Debian machine with
nothing but the packages tools/deps installs.
"""

import collections
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import termios
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

QEMU = os.environ.get("QEMU", "qemu-system-i386")
BOCHS = os.environ.get("BOCHS", "bochs")
GDB = os.environ.get("GDB", "gdb")

# Host exit statuses of QEMU's isa-debug-exit device (guest value v gives
# (v << 1) | 1); see kernel/include/main/shutdown.h.
EXIT_OK = 33        # clean halt, every test passed
EXIT_FAILED = 35    # some test failed
EXIT_PANIC = 37     # a panic outside any test

EXIT_MEANING = {
    EXIT_OK: "halted cleanly",
    EXIT_FAILED: "halted with failed tests",
    EXIT_PANIC: "panicked outside a test",
}

# What the kernel prints first on every boot, and last on a clean halt.
BANNER = "Keel: a teaching kernel"
HALTED_CLEANLY = "keel: halted cleanly"
# What GRUB prints (on the serial port too) when it cannot boot the kernel;
# its "error: ..." lines come before.
GRUB_GAVE_UP = "Press any key to continue"

_ANSI_RE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][A-Za-z0-9]|[=>])")


# What the kernel's test harness prints (kernel/test/ktest.c).
# A result line: "ok 3 - base.slab.reuse # directive [auth=0:...]".
RESULT_RE = re.compile(r"^(ok|not ok) (\d+) - (\S+)(?: # (.*?))?(?: \[auth=\d+:[0-9a-f]+\])?$")
# The plan, "1..N", printed once per run.
PLAN_RE = re.compile(r"^1\.\.(\d+)$")
# A list=1 line: "# test <name>[ panics| times-out]".
LIST_RE = re.compile(r"^# test (\S+)(?: (panics|times-out))?$")


def strip_ansi(text):
    """'text' without terminal escape sequences (GRUB's menu draws with them)."""
    return _ANSI_RE.sub("", text)


def grub_errors(lines):
    """GRUB's error lines in a console, or [] when it did not complain."""
    return [strip_ansi(line).strip() for line in lines
            if strip_ansi(line).strip().startswith("error: ")]

MEMORY = "128M"

BOCHS_BIOS = "/usr/share/bochs/BIOS-bochs-latest"
BOCHS_VGABIOS = "/usr/share/vgabios/vgabios.bin"
BOCHS_PLUGINS = "/usr/lib/x86_64-linux-gnu/bochs/plugins"


def qemu_argv(kernel=None, iso=None, cmdline=None, extra=(), display="none", serial="stdio",
              gdb_port=None, stopped=False):
    """A qemu-system-i386 command line.

    Boots 'kernel' (an ELF, through QEMU's Multiboot loader, with 'cmdline'
    as the kernel command line) or 'iso' (a CD-ROM through the BIOS and
    GRUB).  'display' is "none" (no screen; the serial port goes to
    'serial', a QEMU chardev spec), "window" (the VGA screen in a window,
    serial as before) or "nographic" (QEMU's -nographic: the serial port and
    the monitor share standard input and output).  With 'gdb_port' QEMU's GDB
    stub listens there, and 'stopped' holds the CPU until GDB continues.
    """
    argv = [QEMU, "-m", MEMORY, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if kernel is not None:
        argv += ["-kernel", kernel]
        if cmdline:
            argv += ["-append", cmdline]
    elif iso is not None:
        argv += ["-cdrom", iso, "-boot", "d"]
    if display == "nographic":
        argv += ["-nographic"]
    else:
        if display == "none":
            argv += ["-display", "none"]
        argv += ["-serial", serial, "-monitor", "none"]
    if gdb_port is not None:
        argv += ["-gdb", "tcp:127.0.0.1:%d" % gdb_port]
    if stopped:
        argv += ["-S"]
    argv += list(extra)
    return argv


def free_port():
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout, proc=None):
    """Waits until something listens on the loopback 'port'; True if it did.

    Gives up early when 'proc', the process that should listen, has exited.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and (proc is None or proc.poll() is None):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Monitor:
    """A client of QEMU's human monitor on a Unix socket (QEMU started with
    -monitor unix:PATH,server,nowait):

        mon = Monitor(path)
        reply = mon.command("sendkey ret")   # what it printed before "(qemu) "
        mon.close()

    The first command connects (retrying for 'timeout' seconds while QEMU
    starts) and reads the greeting; each command waits at most 'timeout'
    seconds for the next prompt."""

    PROMPT = b"(qemu) "

    def __init__(self, path, timeout=10):
        self.path, self.timeout, self.sock = path, timeout, None

    def _read_prompt(self):
        buf = b""
        end = time.monotonic() + self.timeout
        self.sock.settimeout(0.2)
        while not buf.endswith(self.PROMPT) and time.monotonic() < end:
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                continue
            if not chunk:
                break
            buf += chunk
        return buf.decode("latin-1")

    def _connect(self):
        end = time.monotonic() + self.timeout
        while True:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                self.sock.connect(self.path)
                break
            except OSError:
                self.sock.close()
                self.sock = None
                if time.monotonic() > end:
                    raise
                time.sleep(0.05)
        self._read_prompt()

    def command(self, command):
        if self.sock is None:
            self._connect()
        self.sock.sendall(command.encode() + b"\n")
        return self._read_prompt()

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def glob_match(pattern, name):
    """The kernel's glob: '*' matches any run of characters, '?' one; no classes."""
    p = s = 0
    star = resume = -1
    while s < len(name):
        if p < len(pattern) and pattern[p] == "*":
            star = p
            p += 1
            resume = s
        elif p < len(pattern) and (pattern[p] == "?" or pattern[p] == name[s]):
            p += 1
            s += 1
        elif star >= 0:
            p = star + 1
            resume += 1
            s = resume
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def is_early(name):
    """Tests the kernel runs from kmain() before processes exist."""
    return name.startswith("base.") or name.startswith("selftest.base.")


def test_order_key(name):
    """The kernel's run order: early tests first, then by name (strcmp)."""
    return (0 if is_early(name) else 1, name.encode())


def human_size(n):
    """1536 -> '1.5 KiB', 2097152 -> '2 MiB'."""
    if n < 1024:
        return "%d bytes" % n
    for unit in ("KiB", "MiB", "GiB"):
        n /= 1024.0
        if n < 1024 or unit == "GiB":
            return ("%d %s" if n == int(n) else "%.1f %s") % (n, unit)


def parse_size(text):
    """'2M', '512K', '1048576' -> bytes."""
    text = text.strip().upper().rstrip("B").rstrip("I")
    mult = 1
    if text and text[-1] in "KMG":
        mult = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[text[-1]]
        text = text[:-1]
    return int(float(text) * mult)


class Console:
    """An emulator process and its console, read line by line.

    'argv' runs with no standard input and its standard output and error
    merged into one pipe (so an emulator's own complaints show up in the
    console tail).  Iterating over lines() yields each console line without
    its line ending, until the process exits, 'timeout' seconds pass or more
    than 'cap' bytes arrive; then 'end' says which ("exit", "timeout",
    "cap", or "stopped" after stop()) and 'status' holds the exit status
    (negative for a signal, None when we killed it).  'tail' keeps the last
    lines for a report; 'log_path', if given, receives every byte.
    'poll', if given, is called a few times a second; when it returns a
    string the emulator is stopped with that as 'end'.
    """

    MAX_LINE = 4096

    def __init__(self, argv, timeout=60.0, cap=2 * 1024 * 1024, log_path=None, tail=40,
                 use_pty=False, env=None, poll=None):
        self.argv = argv
        self.timeout = timeout
        self.cap = cap
        self.end = None
        self.status = None
        self.nbytes = 0
        self.tail = collections.deque(maxlen=tail)
        self.started = time.monotonic()
        self.elapsed = 0.0
        self._stop_reason = None
        self._poll = poll
        self._log = open(log_path, "wb") if log_path else None
        if use_pty:
            # Programs with a curses display (Bochs's "term") need a terminal.
            master, slave = pty.openpty()
            self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                         start_new_session=True, env=env)
            os.close(slave)
            self._fd = master
        else:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, start_new_session=True,
                                         env=env)
            self._fd = self.proc.stdout.fileno()
        _live.add(self)

    def stop(self, reason="stopped"):
        """Ends the emulator now; lines() ends with end == reason."""
        self._stop_reason = reason
        self._kill()

    def _kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()

    def _read(self, wait):
        """Bytes from the console: b"" if none came in 'wait' s, None at the end."""
        try:
            ready, _, _ = select.select([self._fd], [], [], wait)
        except InterruptedError:
            return b""
        if not ready:
            return b""
        try:
            data = os.read(self._fd, 65536)
        except OSError:  # a pty reads EIO once the other side is gone
            return None
        return data if data else None  # None: end of file

    def lines(self):
        buf = b""
        deadline = self.started + self.timeout if self.timeout else None
        try:
            while self._stop_reason is None:
                now = time.monotonic()
                if deadline is not None and now >= deadline:
                    self.end = "timeout"
                    self._kill()
                    break
                data = self._read(0.25 if deadline is None else min(0.25, deadline - now))
                if self._poll is not None:
                    reason = self._poll()
                    if reason:
                        self.stop(reason)
                        break
                if data is None:
                    self.end = "exit"
                    break
                if not data:
                    continue
                if self._log:
                    self._log.write(data)
                self.nbytes += len(data)
                buf += data
                while True:
                    nl = buf.find(b"\n")
                    if nl < 0 and len(buf) > self.MAX_LINE:
                        nl = self.MAX_LINE
                    if nl < 0:
                        break
                    line = buf[:nl].decode("utf-8", "replace").rstrip("\r")
                    buf = buf[nl + 1:]
                    self.tail.append(line)
                    yield line
                    if self._stop_reason is not None:
                        break
                if self.cap and self.nbytes > self.cap and self._stop_reason is None:
                    self.end = "cap"
                    self._kill()
                    break
            if buf and self._stop_reason is None:
                line = buf.decode("utf-8", "replace").rstrip("\r")
                self.tail.append(line)
                yield line
        finally:
            self.close()

    def close(self):
        if self._stop_reason is not None:
            self.end = self._stop_reason
        if self.proc.poll() is None:
            if self.end is None:
                self.end = "stopped"
            self._kill()
        if self.end is None:
            self.end = "exit"
        self.status = self.proc.returncode if self.end == "exit" else None
        self.elapsed = time.monotonic() - self.started
        if self._log:
            self._log.close()
            self._log = None
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        elif self._fd is not None:
            try:
                os.close(self._fd)
            except OSError:
                pass
        self._fd = None
        _live.discard(self)

    def run(self):
        """Reads the whole console; returns the list of lines."""
        return list(self.lines())

    def describe_end(self):
        """A phrase for how the emulator ended."""
        if self.end == "timeout":
            return "stopped after its %g s time limit" % self.timeout
        if self.end == "cap":
            return "killed after it printed more than the %s output cap" % human_size(self.cap)
        if self.end == "grub":
            return "stopped: GRUB could not boot the kernel"
        if self.end != "exit":
            return "stopped (%s)" % self.end
        if self.status is not None and self.status < 0:
            return "killed by signal %d" % -self.status
        meaning = EXIT_MEANING.get(self.status)
        if meaning:
            return "exited with status %d (%s)" % (self.status, meaning)
        return "exited with status %s" % self.status


_live = set()


def kill_all():
    """Kills every emulator still running (on Ctrl-C or an error)."""
    for c in list(_live):
        try:
            c._kill()
        except Exception:
            pass


def bochs_plugin_available(name):
    """Whether Debian's Bochs has the display library 'name' (x, sdl2, term)."""
    return os.path.exists(os.path.join(BOCHS_PLUGINS, "libbx_%s_gui.so" % name)) or \
        os.path.exists(os.path.join(BOCHS_PLUGINS, "libbx_%s.so" % name))


def bochsrc(path, iso, serial, display="term", log="/dev/null", ips=10000000,
            serial_mode="file"):
    """Writes a Bochs configuration that boots 'iso' from the first ATA channel.

    COM1 writes to the file 'serial' (serial_mode "file") or talks to the
    terminal device 'serial' both ways (serial_mode "term").  Debian's Bochs
    has no "nogui" display; its "term" display, in a Bochs built with the
    debugger (Debian's is), draws on a pseudo-terminal of its own and prints
    'Bochs connected to screen "/dev/pts/N"'.  Headless runs give Bochs a
    pty as its terminal (Console with use_pty).  Time is simulated (clock:
    sync=none) at 'ips' instructions a second, so a run takes the same
    simulated time on any host.  A Bochs "panic" (which the kernel's write of
    "Shutdown" to port 0x8900 raises) ends the emulator.
    """
    text = """\
# Generated by tools/keelhost.py: Keel booting its ISO in Bochs.
megs: 128
romimage: file={bios}
vgaromimage: file={vgabios}
display_library: {display}
ata0-master: type=cdrom, path="{iso}", status=inserted
boot: cdrom
clock: sync=none, time0=local
cpu: ips={ips}, reset_on_triple_fault=1
com1: enabled=1, mode={serial_mode}, dev="{serial}"
magic_break: enabled=1
mouse: enabled=0
speaker: enabled=0
log: {log}
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
""".format(bios=BOCHS_BIOS, vgabios=BOCHS_VGABIOS, display=display, iso=os.path.abspath(iso),
           ips=ips, serial=os.path.abspath(serial), log=log, serial_mode=serial_mode)
    with open(path, "w") as f:
        f.write(text)


def bochs_rc_file(path):
    """The debugger script for Bochs builds with the debugger: continue, then quit."""
    with open(path, "w") as f:
        f.write("c\nq\n")


def bochs_argv(rc_path, script_path):
    return [BOCHS, "-q", "-f", rc_path, "-rc", script_path]


def read_serial_log(path):
    """The lines of a serial log file, without carriage returns."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return []
    return [line.rstrip("\r") for line in data.decode("utf-8", "replace").split("\n")]


def run_bochs(iso, workdir, timeout=120.0, want=HALTED_CLEANLY, log_name="bochs"):
    """Boots 'iso' in Bochs headless until the serial log shows 'want'.

    Returns (ok, serial_lines, console) where console is the finished
    Console of the Bochs process (its terminal output).  Files go under
    'workdir': <log_name>.bochsrc, .rc, -serial.log and .log.
    """
    os.makedirs(workdir, exist_ok=True)
    rc = os.path.join(workdir, log_name + ".bochsrc")
    script = os.path.join(workdir, log_name + ".rc")
    serial = os.path.join(workdir, log_name + "-serial.log")
    log = os.path.join(workdir, log_name + ".log")
    for p in (serial, log):
        if os.path.exists(p):
            os.unlink(p)
    bochsrc(rc, iso, serial, display="term", log=log)
    bochs_rc_file(script)
    env = dict(os.environ, TERM="xterm")

    def seen():
        # The serial log is a file Bochs writes; look at it as we go so a
        # kernel that halts cleanly but leaves Bochs running still passes,
        # and a GRUB that gives up does not cost the whole time limit.
        tail = read_serial_log(serial)[-12:]
        if want and any(want in line for line in tail):
            return "done"
        if any(GRUB_GAVE_UP in line for line in tail):
            return "grub"
        return None

    con = Console(bochs_argv(rc, script), timeout=timeout, cap=64 * 1024 * 1024, use_pty=True,
                  env=env, tail=20, poll=seen)
    con.run()
    lines = read_serial_log(serial)
    ok = want is None or any(want in line for line in lines)
    return ok, lines, con


class Foreground:
    """Runs an interactive child (GDB, an emulator) as the terminal's owner.

    Under make, a Ctrl-C would reach make as well as the child, and make
    would give up on the target; in a process group of our own that owns
    the terminal, only the child (and we, who ignore it) see it.  On the way
    out the terminal goes back to make's group with its settings as they
    were (emulators leave it in raw mode).  Use as a context manager around
    subprocess.call(..., preexec_fn=Foreground.child_setup).
    """

    def __enter__(self):
        self.fd = None
        self.old_group = None
        self.attrs = None
        self.old_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            fd = sys.stdin.fileno()
            if not os.isatty(fd):
                return self
            self.fd = fd
            self.attrs = termios.tcgetattr(fd)
            if os.tcgetpgrp(fd) == os.getpgrp() and os.getpgrp() != os.getpid():
                ttou = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
                try:
                    self.old_group = os.getpgrp()
                    os.setpgid(0, 0)
                    os.tcsetpgrp(fd, os.getpgrp())
                finally:
                    signal.signal(signal.SIGTTOU, ttou)
        except (OSError, ValueError, termios.error):
            pass
        return self

    def __exit__(self, *exc):
        ttou = signal.signal(signal.SIGTTOU, signal.SIG_IGN)
        try:
            if self.fd is not None and self.attrs is not None:
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self.attrs)
            if self.old_group is not None:
                os.tcsetpgrp(self.fd, self.old_group)
        except (OSError, termios.error):
            pass
        finally:
            signal.signal(signal.SIGTTOU, ttou)
            signal.signal(signal.SIGINT, self.old_int)
        return False

    @staticmethod
    def child_setup():
        signal.signal(signal.SIGINT, signal.SIG_DFL)


def scratch_disk(path, mib=16):
    """Makes 'path' a blank (sparse) disk image of 'mib' MiB unless it exists;
    returns QEMU's arguments that attach it as the primary master (hda)."""
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.truncate(mib * 1024 * 1024)
    return ["-drive", "file=%s,format=raw,if=ide,index=0" % path]


def note(msg):
    """Prints 'msg' as TAP comment lines ("# ...")."""
    for line in str(msg).splitlines():
        print(f"# {line}", flush=True)


def run_e2e(prog, suite, tests, args, expected=()):
    """Runs the end-to-end tests 'tests' ((name, func) pairs) as TAP and
    returns the exit status: 0 when all pass, 1 when one fails, 2 when the
    kernel or QEMU is missing.

    'args' holds the command line's kernel, timeout, only (run the tests whose
    name contains it) and keep (keep the work directory).  Each test runs as
    func(kernel, testdir, timeout) in a directory of its own and returns None
    when it passes, else why it failed.  An exception of a class in
    'expected' fails the test with its message; any other one fails it with
    its class and message (a broken boot is a failure, not a crash).  The TAP
    names are SUITE.NAME, e.g. drivers.e2e.tty_echo.
    """
    if not os.path.exists(args.kernel):
        print(f"{prog}: no kernel at {args.kernel} (make first)", file=sys.stderr)
        return 2
    if shutil.which(QEMU) is None:
        print(f"{prog}: {QEMU} not found", file=sys.stderr)
        return 2
    tests = [(n, f) for n, f in tests if args.only is None or args.only in n]
    print(f"1..{len(tests)}", flush=True)
    passed = failed = 0
    work = tempfile.mkdtemp(prefix="keel-%s-" % suite.replace(".", "-"))
    try:
        for i, (name, func) in enumerate(tests, 1):
            testdir = os.path.join(work, name)
            os.makedirs(testdir)
            began = time.time()
            try:
                why = func(args.kernel, testdir, args.timeout)
            except expected as e:
                why = str(e)
            except Exception as e:
                why = f"{type(e).__name__}: {e}"
            took = time.time() - began
            if why is None:
                passed += 1
                print(f"ok {i} - {suite}.{name} # {took:.1f} s", flush=True)
            else:
                failed += 1
                print(f"not ok {i} - {suite}.{name}", flush=True)
                note(why)
    finally:
        if args.keep:
            note(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"# {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


class ShellSession:
    """The user shell on the serial port of a QEMU boot (-kernel, no reset)
    of 'kernel' with a fresh copy of 'disk' as hda:

        with ShellSession(kernel, disk, timeout) as sh:
            if sh.wait_prompts(1):
                ok, out = sh.say("ls /")   # out: what it printed, without
                                           # the echoed line and the prompt
            halted = sh.halt()

    Every wait is bounded by 'timeout' seconds.  The text is the console's
    bytes with escape sequences and carriage returns taken out."""

    PROMPT = "$ "

    def __init__(self, kernel, disk, timeout, prefix="keel-session-"):
        self.kernel, self.disk, self.timeout, self.prefix = kernel, disk, timeout, prefix
        self.work = self.proc = None
        self.chunks = []

    def __enter__(self):
        self.work = tempfile.mkdtemp(prefix=self.prefix)
        image = os.path.join(self.work, "disk.img")
        shutil.copyfile(self.disk, image)
        argv = qemu_argv(kernel=self.kernel, cmdline="", extra=[
            "-no-reboot", "-drive", f"file={image},format=raw,if=ide,index=0"])
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        out = self.proc.stdout
        threading.Thread(target=lambda: [self.chunks.append(b) for b in
                                         iter(lambda: out.read1(4096), b"")],
                         daemon=True).start()
        return self

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.work, ignore_errors=True)
        return False

    def text(self):
        raw = b"".join(self.chunks).decode("utf-8", "replace")
        return strip_ansi(raw).replace("\r", "")

    def prompts(self):
        t = self.text()
        return t.count("\n" + self.PROMPT) + t.startswith(self.PROMPT)

    def wait_prompts(self, n):
        """Whether n prompts have been printed (waits for them)."""
        end = time.monotonic() + self.timeout
        while time.monotonic() < end and self.prompts() < n and self.proc.poll() is None:
            time.sleep(0.05)
        return self.prompts() >= n

    def say(self, cmd):
        """(ok, output): types cmd; ok when the next prompt came."""
        n = self.prompts()
        start = len(self.text())
        self.proc.stdin.write((cmd + "\n").encode())
        self.proc.stdin.flush()
        ok = self.wait_prompts(n + 1)
        got = self.text()[start:]
        got = got[:got.rfind("\n" + self.PROMPT) + 1] if ok else got
        if got.startswith(cmd + "\n"):  # the terminal's echo
            got = got[len(cmd) + 1:]
        return ok, got

    def halt(self):
        """Types halt; whether QEMU then exits as a clean halt does."""
        self.proc.stdin.write(b"halt\n")
        self.proc.stdin.flush()
        try:
            self.proc.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            pass
        return self.proc.returncode == EXIT_OK and HALTED_CLEANLY in self.text()
