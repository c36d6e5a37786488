"""Running tests: one fresh QEMU boot per test (or per test group).

Every boot gets a fresh nonce, a wall-clock limit, an output cap, a fresh
disk image when the stage needs one, and -no-reboot, so a reset (a triple
fault, or the harness going on after a panic) ends QEMU instead of starting
the kernel again.  A boot that ends before the test it runs has reported
fails that test with the reason the grader saw; a group boot then goes on
with the next test in a new boot (start=N).

Each boot also has a start deadline (the rubric's start_timeout, a few
seconds): every boot has the harness's "test" debug channel on (dbg=test on
the command line), so the harness prints "[test] run_one: running <name>"
as a test starts, and a boot that has not printed it by then is stopped.  A DeadBoots shared by all the
boots of one submission counts the boots in a row that ended before their
test started; after 'limit' of them the tests not yet run are reported as
not run, with that reason, instead of each costing a boot.

QEMU is driven through tools/keelhost.py, the code every host tool shares,
and runs in the sandbox (sandbox.py): it sees the kernel file, the boot's
disk image and /usr, and its serial console is its standard output.
"""

import os
import re
import sys
import threading
import time

from . import auth, sandbox

HERE = os.path.dirname(os.path.abspath(__file__))


def _keelhost(root):
    sys.path.insert(0, os.path.join(root, "tools"))
    import keelhost  # noqa: E402
    return keelhost


DIAG_LINES = 60


class Outcome:
    """What the grader concluded about one test."""

    def __init__(self, name):
        self.name = name
        self.passed = False
        self.reason = None     # why it failed (or the directive of a pass)
        self.diag = []         # the test's own output
        self.tail = []         # the last console lines of its boot
        self.forged = []       # lines that claimed results and did not verify
        self.log = None        # the console log file
        self.seconds = 0.0

    def to_dict(self):
        return {"name": self.name, "passed": self.passed, "reason": self.reason,
                "diag": self.diag, "tail": self.tail, "forged": self.forged,
                "log": self.log, "seconds": round(self.seconds, 3)}


# What the harness prints when a test starts, with dbg=test (kernel/test/ktest.c).
STARTED = re.compile(r"^\[test\] \S+: running (\S+)$")


def with_start_line(cmdline):
    """'cmdline' with the "test" debug channel on (added to its dbg= list, if any)."""
    words = cmdline.split()
    for i, w in enumerate(words):
        if w.startswith("dbg="):
            words[i] = w + ",test"
            return " ".join(words)
    return " ".join(words + ["dbg=test"])


def sandboxed_console(kh, argv, files=(), disk=None, **kw):
    """A keelhost.Console running 'argv' in the sandbox, with 'files' (the
    kernel) read-only and 'disk' (an image) writable.  QEMU also gets a
    limit on CPU time (twice the boot's wall-clock limit, for its threads)
    and on the size of a file it writes (its disk image's size)."""
    binds = [(f, f, False) for f in files]
    if disk:
        binds.append((disk, disk, True))
    limit = ["prlimit", "--cpu=%d" % (2 * int(kw.get("timeout") or 60) + 10),
             "--fsize=%d" % max(1 << 20, os.path.getsize(disk) if disk else 0), "--"]
    cmd, env, _ = sandbox.popen_argv(limit + list(argv), binds)
    return kh.Console(cmd, env=env, **kw)


class DeadBoots:
    """Boots in a row, across one submission's boots, that ended before
    their test started; after 'limit' of them no more boots are made."""

    def __init__(self, limit=3):
        self.limit = limit
        self.in_a_row = 0
        self.boots = 0
        self.seconds = 0.0
        self.reason = None
        self.lock = threading.Lock()

    def record(self, started, seconds, why):
        with self.lock:
            self.boots += 1
            self.seconds += seconds
            if started:
                self.in_a_row = 0
                return
            self.in_a_row += 1
            if self.limit and self.in_a_row >= self.limit and self.reason is None:
                self.reason = ("not run: %d boots in a row ended before their test started "
                               "(the last: %s)" % (self.in_a_row, why))

    def stopped(self):
        with self.lock:
            return self.reason


def list_tests(root, kernel, timeout=30):
    """Every test a kernel registers, from a list=1 boot."""
    kh = _keelhost(root)
    kernel = os.path.abspath(kernel)
    argv = kh.qemu_argv(kernel=kernel, cmdline="list=1", extra=["-no-reboot"])
    con = sandboxed_console(kh, argv, files=[kernel], timeout=timeout, cap=4 * 1024 * 1024)
    names = [m.group(1) for m in (kh.LIST_RE.match(l) for l in con.lines()) if m]
    if not names:
        raise RuntimeError("the kernel listed no tests (%s)" % con.describe_end())
    return names


def _no_result_reason(con, cap_text, timeout, start_timeout=None):
    if con.end == "nostart":
        return ("no result: the test had not started %g s after the boot began "
                "(the kernel stopped, hung or looped before it)" % start_timeout)
    if con.end == "timeout":
        return ("no result: the boot was still running after its %g s limit "
                "(a hang with interrupts off, or a deadlock)" % timeout)
    if con.end == "cap":
        return "no result: the console passed the %s output cap (printing without end?)" % cap_text
    if con.end == "exit":
        st = con.status
        if st == 0:
            return "no result: the machine reset before the test reported (a triple fault?)"
        if st in (33, 35):
            return ("no result: the kernel left QEMU (exit status %d) without a signed result "
                    "for this test (code outside the harness wrote the exit port?)" % st)
        if st == 37:
            return "no result: the kernel panicked outside the test harness"
        if st is not None and st < 0:
            return "no result: QEMU was killed by signal %d" % -st
        return "no result: QEMU exited with status %s" % st
    return "no result: the boot ended (%s)" % con.end


def run_unit(root, kernel, key, tests, glob, logdir, label, timeout, cap, cmdline="",
             disk=None, qemu_extra=(), start_timeout=None, dead=None):
    """Runs 'tests' (names in kernel order, all matched by 'glob') in as few
    boots as the kernel allows; returns {name: Outcome}.  A boot whose test
    has not started after 'start_timeout' seconds is stopped; 'dead' (a
    DeadBoots) counts such boots and stops making new ones."""
    kh = _keelhost(root)
    kernel = os.path.abspath(kernel)
    outcomes = {t: Outcome(t) for t in tests}
    start = 1
    boot = 0
    os.makedirs(logdir, exist_ok=True)
    while start <= len(tests):
        why = dead.stopped() if dead is not None else None
        if why:
            for t in tests[start - 1:]:
                if outcomes[t].reason is None:
                    outcomes[t].reason = why
            break
        boot += 1
        nonce = auth.new_nonce()
        words = [f"test={glob}", f"ktest_nonce={nonce}"]
        if start > 1:
            words.append(f"start={start}")
        words.append(with_start_line(cmdline or ""))
        extra = ["-no-reboot"] + list(qemu_extra)
        img = None
        if disk is not None:
            img = os.path.abspath(os.path.join(logdir, f"{label}.disk"))
            disk.make(img)
            extra += ["-drive", f"file={img},format=raw,if=ide,index=0,media=disk"]
        log = os.path.join(logdir, f"{label}.log" if boot == 1 else f"{label}.boot{boot}.log")
        argv = kh.qemu_argv(kernel=kernel, cmdline=" ".join(words), extra=extra)
        checker = auth.BootChecker(key, nonce, tests[start - 1:], start)
        started = []
        boot_began = time.monotonic()

        def poll():
            if start_timeout and not started and time.monotonic() - boot_began > start_timeout:
                return "nostart"
            return None

        con = sandboxed_console(kh, argv, files=[kernel], disk=img, timeout=timeout, cap=cap,
                                log_path=log, tail=30, poll=poll)
        began = time.monotonic()
        diag = []
        running = start - 1  # index into tests of the test running now
        in_tests = False
        resume = None
        lines = []
        try:
            for line in con.lines():
                if not started and STARTED.match(line):
                    started.append(line)
                lines.append(line)
        finally:
            if img and os.path.exists(img):
                os.unlink(img)
        if dead is not None:
            dead.record(bool(started), con.elapsed,
                        _no_result_reason(con, kh.human_size(cap), timeout, start_timeout))
        for line in lines:
            if not in_tests and kh.PLAN_RE.match(line):
                in_tests = True
                continue
            v = checker.check(line)
            if v.kind == "result":
                o = outcomes[v.name]
                o.passed = v.ok and not o.forged
                if o.forged:
                    o.reason = o.forged[0]
                elif not v.ok:
                    o.reason = v.directive or "failed"
                else:
                    o.reason = v.directive
                o.diag = diag[-DIAG_LINES:]
                o.log = log
                o.seconds = time.monotonic() - began
                began = time.monotonic()
                diag = []
                running += 1
                resume = None
                continue
            if v.kind == "forged":
                if running < len(tests):
                    outcomes[tests[running]].forged.append(v.why)
                continue
            m = RESUME.match(line)
            if m:
                resume = int(m.group(1))
            if in_tests:
                diag.append(line)
        if checker.seq == 0 and not in_tests and con.end == "exit" and con.status not in (0, 33, 35, 37):
            pass  # QEMU itself failed: the reason below carries the tail
        if running < len(tests) and resume == running + 1 and running > start - 1 \
                and boot <= 2 * len(tests):
            start = running + 1  # the harness reset the machine between two tests
            continue
        if running < len(tests):
            o = outcomes[tests[running]]
            o.passed = False
            reason = _no_result_reason(con, kh.human_size(cap), timeout, start_timeout)
            o.reason = o.forged[0] + "; " + reason if o.forged else reason
            o.diag = diag[-DIAG_LINES:]
            o.tail = list(con.tail)
            o.log = log
            o.seconds = time.monotonic() - began
            start = running + 2
        else:
            break
    return outcomes


class Disk:
    """A fresh disk image per boot: zeros of a size, or a copy of an image."""

    def __init__(self, size=None, image=None):
        self.size = size
        self.image = image

    def make(self, path):
        if self.image:
            with open(self.image, "rb") as src, open(path, "wb") as dst:
                while True:
                    b = src.read(1 << 20)
                    if not b:
                        break
                    dst.write(b)
        else:
            with open(path, "wb") as fh:
                fh.truncate(self.size)


# What the harness prints before it resets the machine to go on (kernel/test/ktest.c).
RESUME = re.compile(r"^# resetting the machine to go on with test (\d+)$")


def run_plain(root, kernel, glob, timeout=60, cap=2 * 1024 * 1024, stop=None, log=None,
              disk=None, names=None, cmdline=""):
    """Runs the tests matching 'glob' without keys (for the course's own
    checks): boots again with start=N after each boot that ends early.

    Returns (results, lines): results maps each name to (ok, reason), and
    lines is the whole console of every boot.  'stop' (a function of the
    results and lines so far) may end the run early by returning True.
    'names' (the kernel's test list) tells which tests to expect.
    """
    kh = _keelhost(root)
    expected = sorted([n for n in (names or []) if kh.glob_match(glob, n)], key=kh.test_order_key)
    results = {}
    lines = []
    start = 1
    boot = 0
    while True:
        boot += 1
        words = [f"test={glob}"] + ([f"start={start}"] if start > 1 else []) + cmdline.split()
        extra = ["-no-reboot"]
        img = None
        if disk is not None:
            img = (log or "/tmp/keel-plain") + f".boot{boot}.disk"
            disk.make(img)
            extra += ["-drive", f"file={img},format=raw,if=ide,index=0,media=disk"]
        argv = kh.qemu_argv(kernel=kernel, cmdline=" ".join(words), extra=extra)
        con = kh.Console(argv, timeout=timeout, cap=cap,
                         log_path=(f"{log}.boot{boot}.log" if log else None))
        last = start - 1
        resume = None
        stopped = False
        for line in con.lines():
            lines.append(line)
            m = kh.RESULT_RE.match(line)
            if m:
                results[m.group(3)] = (m.group(1) == "ok", m.group(4))
                last = int(m.group(2))
                resume = None
                continue
            m = RESUME.match(line)
            if m:
                resume = int(m.group(1))
            if stop is not None and stop(results, lines):
                con.stop("done")
                stopped = True
                break
        if img:
            os.unlink(img)
        if stopped:
            return results, lines
        if expected and last < len(expected):
            if resume == last + 1 and boot <= 2 * len(expected):
                start = resume  # the harness reset the machine between two tests
                continue
            name = expected[last]
            if name not in results:
                results[name] = (False, "no result: " + con.describe_end())
            start = last + 2
            if start > len(expected):
                return results, lines
            continue
        return results, lines
