#!/usr/bin/env python3
"""Terminals with job control: Debian's BusyBox shell typed into on Keel's terminals.

    tools/hosttests/terminals.py [--kernel build/keel.elf] [--disk D] [--timeout S] [-v]

make test runs it (tools/test-all, with the VM stage's host tests).  Keel
boots without tests on a fresh copy of <build>/disk.img; init starts the
project's /bin/sh on ttyS0 and tty0, each the leader of its own session
with its terminal as the controlling terminal.

  serial  on ttyS0 (the serial port on pipes, keelhost.ShellSession):
          `busybox sh` (interactive: line editing in raw mode, job control),
          a line edited with DEL, `stty size` (TIOCGWINSZ: 24 80), `tty`,
          a line typed after `stty -echo` shown once (by head, not echoed),
          `sleep 100` interrupted by a typed ^C (the prompt must come back
          within 5 seconds and `echo $?` say 130: SIGINT went to the
          foreground process group and the shell took the terminal back),
          `cat` interrupted the same way, `cat` stopped by ^Z (SIGTSTP:
          BusyBox says "Stopped") and continued by `fg` (it copies a typed
          line again until ^C), `exit`, then `halt`
          ("tty.serial.*")
  vt      on tty0 (the VGA screen, keys typed through the QEMU monitor's
          sendkey, the text read back from the VGA buffer at 0xb8000 with
          pmemsave): `busybox sh`, a line edited with Backspace, one edited
          with the Left arrow, the Up arrow bringing it back, `sleep 100`
          and Ctrl+C, then `echo ok $?` must show "ok 130" under a new
          prompt ("tty.vt.*")

BusyBox missing (<build>/busybox/status) fails every case with the
reason.  Output is TAP, then "# N passed, M failed"; the exit status is 0
only when every test passed.  Standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import keelhost  # noqa: E402

STAGE = "vm"

BB_PROMPT = "/ # "   # BusyBox's shell as root in /
SIGINT_BACK = 5.0    # seconds a ^C may take to bring the prompt back

VERBOSE = False


def note(msg):
    for line in str(msg).rstrip("\n").splitlines():
        print(f"# {line}", flush=True)


def busybox_status(build):
    """None when BusyBox is on the disk, else why not."""
    try:
        with open(os.path.join(build, "busybox", "status")) as f:
            status = f.read().strip()
    except OSError:
        return "no busybox/status in the build directory (make fetches BusyBox)"
    return None if status.startswith("ok") else status


# ---- the serial terminal ----

class Serial:
    """Keystrokes on ttyS0 of a ShellSession; output waited for by prompt count."""

    def __init__(self, sh, timeout):
        self.sh, self.timeout = sh, timeout

    def send(self, data):
        self.sh.proc.stdin.write(data)
        self.sh.proc.stdin.flush()

    def count(self, prompt):
        return self.sh.text().count(prompt)

    def wait_count(self, prompt, n, timeout=None):
        end = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < end and self.count(prompt) < n and self.sh.proc.poll() is None:
            time.sleep(0.02)
        return self.count(prompt) >= n

    def say(self, data, prompt=BB_PROMPT, timeout=None):
        """(ok, text after 'data' up to the next prompt): types data, waits for a prompt."""
        n = self.count(prompt)
        start = len(self.sh.text())
        self.send(data)
        ok = self.wait_count(prompt, n + 1, timeout)
        got = self.sh.text()[start:]
        return ok, got[:got.rfind(prompt)] if ok else got


def serial_cases(kernel, disk, timeout):
    """[(name, ok, why, detail)] of the serial terminal."""
    out = []
    with keelhost.ShellSession(kernel, disk, timeout, prefix="keel-tty-serial-") as sh:
        t = Serial(sh, timeout)
        ok = sh.wait_prompts(1)
        out.append(("serial.prompt", ok, "no shell prompt on the serial port", sh.text()[-1500:]))
        if ok:
            ok, got = t.say(b"busybox sh\n")
        out.append(("serial.busybox_sh", ok, "no BusyBox prompt after `busybox sh`", sh.text()[-1500:]))

        def case(name, data, check, why, wait=None):
            nonlocal ok
            if not ok:
                out.append((f"serial.{name}", False, "not run: no BusyBox prompt", ""))
                return None
            good, got = t.say(data, timeout=wait)
            passed = good and check(got)
            out.append((f"serial.{name}", passed, why if good else why + " (no prompt after it)",
                        f"got {got[-800:]!r}"))
            ok = good
            return got

        # "abX" DEL "c": the line BusyBox runs is "echo abc".
        case("line_editing", b"echo abX\x7fc\n", lambda g: "\nabc\n" in g,
             "DEL did not erase the X: the line was not \"echo abc\"")
        case("window_size", b"stty size\n", lambda g: "\n24 80\n" in g,
             "stty size did not say 24 80 (TIOCGWINSZ)")
        case("tty_name", b"tty\n", lambda g: "\n/dev/ttyS0\n" in g,
             "tty did not name /dev/ttyS0")
        # Echo off: the typed line shows once (head's output), not twice.
        if ok:
            n = t.count(BB_PROMPT)
            start = len(sh.text())
            t.send(b"stty -echo; head -n 1; stty echo\n")
            time.sleep(1.0)
            t.send(b"hidden\n")
            good = t.wait_count(BB_PROMPT, n + 1)
            got = sh.text()[start:]
            out.append(("serial.echo_off", good and got.count("hidden") == 1,
                        "with stty -echo the typed line did not show exactly once",
                        f"got {got[-800:]!r}"))
            ok = good
        else:
            out.append(("serial.echo_off", False, "not run: no BusyBox prompt", ""))
        for name, cmd in (("sleep", b"sleep 100\n"), ("cat", b"cat\n")):
            if not ok:
                out.append((f"serial.{name}_ctrl_c", False, "not run: no BusyBox prompt", ""))
                continue
            n = t.count(BB_PROMPT)
            t.send(cmd)
            time.sleep(1.0)
            if t.count(BB_PROMPT) != n:
                out.append((f"serial.{name}_ctrl_c", False, f"{cmd!r} ended before ^C",
                            sh.text()[-800:]))
                ok = False
                continue
            sent = time.monotonic()
            t.send(b"\x03")
            back = t.wait_count(BB_PROMPT, n + 1, SIGINT_BACK)
            took = time.monotonic() - sent
            out.append((f"serial.{name}_ctrl_c", back,
                        f"no prompt within {SIGINT_BACK} s of ^C", sh.text()[-800:]))
            if back:
                note(f"{cmd.decode().strip()}: the prompt came back {took:.2f} s after ^C")
            ok = back
            case(f"{name}_status", b"echo ok $?\n", lambda g: "\nok 130\n" in g,
                 "$? after ^C is not 130 (128 + SIGINT)")
        # ^Z stops cat (SIGTSTP to the foreground group), fg continues it.
        if ok:
            n = t.count(BB_PROMPT)
            t.send(b"cat\n")
            time.sleep(1.0)
            t.send(b"\x1a")
            stopped = t.wait_count(BB_PROMPT, n + 1, SIGINT_BACK) and "Stopped" in sh.text()
            out.append(("serial.ctrl_z", stopped, "no \"Stopped\" and prompt after ^Z",
                        sh.text()[-800:]))
            ok = stopped
        else:
            out.append(("serial.ctrl_z", False, "not run: no BusyBox prompt", ""))
        if ok:
            n = t.count(BB_PROMPT)
            start = len(sh.text())
            t.send(b"fg\n")
            time.sleep(1.0)
            t.send(b"again\n")
            time.sleep(1.0)
            got = sh.text()[start:]
            running = t.count(BB_PROMPT) == n and got.count("again") == 2
            t.send(b"\x03")
            back = t.wait_count(BB_PROMPT, n + 1, SIGINT_BACK)
            out.append(("serial.fg", running and back,
                        "after fg, cat did not copy a typed line (echo and output) and end on ^C",
                        sh.text()[-800:]))
            ok = back
        else:
            out.append(("serial.fg", False, "not run: no BusyBox prompt", ""))
        # A stopped sleep goes on sleeping after fg (its call restarts), then ends.
        if ok:
            n = t.count(BB_PROMPT)
            t.send(b"sleep 3\n")
            time.sleep(0.5)
            t.send(b"\x1a")
            stopped = t.wait_count(BB_PROMPT, n + 1, SIGINT_BACK)
            t.send(b"fg\n")
            time.sleep(1.0)
            early = t.count(BB_PROMPT) > n + 1
            back = t.wait_count(BB_PROMPT, n + 2, SIGINT_BACK + 10)
            out.append(("serial.fg_sleep", stopped and not early and back,
                        "sleep 3, ^Z, fg: " + ("no prompt after ^Z" if not stopped else
                                               "the sleep ended at once after fg" if early else
                                               "the sleep did not end"), sh.text()[-800:]))
            ok = stopped and back
        else:
            out.append(("serial.fg_sleep", False, "not run: no BusyBox prompt", ""))
        if ok:
            good, _ = t.say(b"exit\n", prompt="\n$ ")
            out.append(("serial.exit", good, "no /bin/sh prompt after BusyBox's exit",
                        sh.text()[-800:]))
        else:
            out.append(("serial.exit", False, "not run", ""))
        halted = sh.halt()
        out.append(("serial.halt", halted, f"halt: QEMU status {sh.proc.returncode}",
                    sh.text()[-800:]))
    return out


# ---- the VGA terminal ----

KEYS = {" ": "spc", "\n": "ret", "-": "minus", ".": "dot", "/": "slash", "$": "shift-4",
        "?": "shift-slash", "\b": "backspace"}


class VgaBoot:
    """QEMU with the VGA screen (not shown), the serial port on a pipe and a monitor socket."""

    def __init__(self, kernel, disk, work):
        self.work = work
        self.sock_path = os.path.join(work, "monitor.sock")
        image = os.path.join(work, "disk.img")
        shutil.copyfile(disk, image)
        argv = keelhost.qemu_argv(kernel=os.path.abspath(kernel), cmdline="", extra=[
            "-no-reboot", "-drive", f"file={image},format=raw,if=ide,index=0"])
        i = argv.index("-monitor")
        argv[i + 1] = f"unix:{self.sock_path},server,nowait"
        # QEMU runs in 'work': pmemsave gets a relative file name (a "/" after
        # the size would be read as a division).
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, cwd=work)
        self.chunks = []
        threading.Thread(target=lambda: [self.chunks.append(b) for b in
                                         iter(lambda: self.proc.stdout.read1(4096), b"")],
                         daemon=True).start()
        self.mon = None

    def serial_text(self):
        return b"".join(self.chunks).decode("latin-1").replace("\r", "")

    def close(self):
        if self.mon is not None:
            self.mon.close()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def monitor(self, command):
        if self.mon is None:
            self.mon = keelhost.Monitor(self.sock_path)
        return self.mon.command(command)

    def type(self, text):
        for c in text:
            self.monitor(f"sendkey {KEYS.get(c, c)}")
            time.sleep(0.02)

    def screen(self):
        """The 25 rows of the VGA text buffer (characters only), trailing blanks dropped."""
        path = os.path.join(self.work, "vga.bin")
        if os.path.exists(path):
            os.unlink(path)
        self.monitor("pmemsave 0xb8000 4000 vga.bin")
        end = time.monotonic() + 5
        while time.monotonic() < end and (not os.path.exists(path) or
                                         os.path.getsize(path) < 4000):
            time.sleep(0.02)
        with open(path, "rb") as f:
            data = f.read()
        chars = "".join(chr(b) if 0x20 <= b < 0x7f else " " for b in data[0::2])
        return [chars[r * 80:(r + 1) * 80].rstrip() for r in range(25)]

    def wait_screen(self, ok, timeout):
        """Reads the screen until ok(rows) holds; (held, rows)."""
        end = time.monotonic() + timeout
        while True:
            rows = self.screen()
            if ok(rows) or time.monotonic() > end:
                return ok(rows), rows
            time.sleep(0.1)


def last_prompt_row(rows):
    """The index of the last row that is a bare BusyBox prompt, or -1."""
    for i in range(len(rows) - 1, -1, -1):
        if rows[i] == BB_PROMPT.rstrip():
            return i
    return -1


def vt_cases(kernel, disk, timeout):
    """[(name, ok, why, detail)] of terminal 0 (VGA and keyboard)."""
    out = []
    work = tempfile.mkdtemp(prefix="keel-tty-vt-")
    boot = VgaBoot(kernel, disk, work)
    try:
        end = time.monotonic() + timeout
        while time.monotonic() < end and "\n$ " not in "\n" + boot.serial_text():
            time.sleep(0.05)
        ok, rows = boot.wait_screen(lambda r: any(x.endswith("$") for x in r), timeout)
        out.append(("vt.prompt", ok, "no /bin/sh prompt on terminal 0", "\n".join(rows)))

        def step(name, keys, check, why, wait=timeout):
            nonlocal ok, rows
            if not ok:
                out.append((f"vt.{name}", False, "not run: an earlier step failed", ""))
                return
            boot.type(keys)
            ok, rows = boot.wait_screen(check, wait)
            out.append((f"vt.{name}", ok, why, "\n".join(rows)))

        step("busybox_sh", "busybox sh\n", lambda r: last_prompt_row(r) >= 0,
             "no BusyBox prompt on terminal 0")
        # "echo abx", Backspace, "c": BusyBox runs "echo abc".
        step("line_editing", "echo abx\bc\n",
             lambda r: BB_PROMPT + "echo abc" in r and "abc" in r
             and last_prompt_row(r) > r.index("abc"),
             "Backspace did not edit the line: no \"/ # echo abc\" line (the screen as edited), "
             "then \"abc\", then a new prompt")
        # Left arrow: "echo ac", Left, "b" runs "echo abc"; Up, Enter runs it again.
        step("cursor_keys", ["e", "c", "h", "o", "spc", "a", "c", "left", "b", "ret"],
             lambda r: r.count("abc") == 2 and last_prompt_row(r) > max(
                 i for i, x in enumerate(r) if x == "abc"),
             "Left arrow did not move the cursor: no second \"abc\" line")
        step("history", ["up", "ret"],
             lambda r: r.count("abc") == 3 and last_prompt_row(r) > max(
                 i for i, x in enumerate(r) if x == "abc"),
             "Up arrow did not bring the last command back")
        if ok:
            boot.type("sleep 100\n")
            time.sleep(1.0)
            before = boot.screen()
            shown = [r for r in before if r]
            ok = bool(shown) and shown[-1] == BB_PROMPT + "sleep 100"
            out.append(("vt.sleep_runs", ok, "sleep 100 did not start (or ended at once): "
                        "the last line is not its command line", "\n".join(before)))
        else:
            out.append(("vt.sleep_runs", False, "not run: an earlier step failed", ""))

        def prompt_after_sleep(r):
            s = [i for i, x in enumerate(r) if x.endswith("sleep 100")]
            return bool(s) and last_prompt_row(r) > s[-1]

        step("ctrl_c", ["ctrl-c"], prompt_after_sleep,
             f"no prompt within {SIGINT_BACK} s of Ctrl+C", wait=SIGINT_BACK)
        step("status", "echo ok $?\n",
             lambda r: "ok 130" in r and last_prompt_row(r) > r.index("ok 130"),
             "`echo ok $?` after Ctrl+C did not show \"ok 130\"")
    finally:
        boot.close()
        shutil.rmtree(work, ignore_errors=True)
    return out


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"), "keel.elf"))
    ap.add_argument("--disk", help="default: disk.img next to the kernel")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds for each wait")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    build = os.path.dirname(os.path.abspath(args.kernel))
    disk = args.disk or os.path.join(build, "disk.img")

    names = ["serial.prompt", "serial.busybox_sh", "serial.line_editing", "serial.window_size",
             "serial.tty_name", "serial.echo_off", "serial.sleep_ctrl_c", "serial.sleep_status",
             "serial.cat_ctrl_c", "serial.cat_status", "serial.ctrl_z", "serial.fg",
             "serial.fg_sleep", "serial.exit", "serial.halt",
             "vt.prompt", "vt.busybox_sh", "vt.line_editing", "vt.cursor_keys", "vt.history",
             "vt.sleep_runs", "vt.ctrl_c",
             "vt.status"]
    print(f"1..{len(names)}", flush=True)
    why_not = busybox_status(build) if os.path.exists(disk) else f"{disk} is missing"
    if why_not is not None:
        results = [(n, False, why_not, "") for n in names]
    else:
        results = serial_cases(args.kernel, disk, args.timeout)
        results += vt_cases(args.kernel, disk, args.timeout)
    passed = 0
    for i, (name, ok, why, detail) in enumerate(results, 1):
        passed += ok
        print(f"{'ok' if ok else 'not ok'} {i} - tty.{name}" + ("" if ok else f" # {why}"),
              flush=True)
        if detail and (not ok or VERBOSE):
            note(detail)
    print(f"# {passed} passed, {len(results) - passed} failed", flush=True)
    return 0 if passed == len(results) == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
