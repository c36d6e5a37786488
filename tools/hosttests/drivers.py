#!/usr/bin/env python3
"""End-to-end tests of the DRIVERS stage, driven from the host.

    tools/hosttests/drivers.py [--kernel build/keel.elf] [--timeout 60] [-v]

Each test boots the kernel in QEMU without test= (so init starts a kernel
shell on every terminal) and checks something only the real hardware path
can produce, from outside the kernel:

  disk_read      the host fills a disk image with random bytes; the kernel's
                 `blksum` over the serial shell must report the checksum the
                 host computes, and `disks` must show DMA transfers completed
                 by interrupts (a PIO driver shows none)
  disk_write     the kernel's `blkfill` writes a pattern with a seed the host
                 chose; after the machine halts the host finds the pattern in
                 the image file, and the blocks around it untouched
  disk_slave_secondary
                 three disks: hda, hdb (the primary channel's slave) and hdc
                 (the secondary channel's master, IRQ 15).  `blksum` of hdb
                 and hdc must match the host's checksums of their own images,
                 `blkfill` on hdb and hdc must land in those images only, and
                 hda must stay untouched
  vga_keyboard   keys typed into the QEMU monitor (sendkey) reach the VGA
                 terminals: Alt+F2 shows terminal 1, whose screen (screendump)
                 then shows the typed command echoed and its output; Alt+F1
                 brings terminal 0's own picture back; `halt` typed there halts
                 the machine cleanly (seen on the serial port)
  serial_shell   a person at the serial terminal: echo, repeat, parallel,
                 an unknown command, halt
  serial_pipe    "echo hello" and "halt" piped in before the kernel is up:
                 hello, then "keel: halted cleanly"
  serial_burst   sixty commands sent at once, more than the line discipline
                 holds: the serial driver holds input back and none is lost

Output is TAP ("ok N - drivers.e2e.<name>"), then "# N passed, M failed";
the exit status is 0 only when every test passed.  Standard library only.
"""

import argparse
import os
import queue
import random
import re
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import keelhost  # noqa: E402

QEMU = keelhost.QEMU
BLOCK = 4096
IMAGE_MIB = 16
EXIT_OK = keelhost.EXIT_OK
HALTED = keelhost.HALTED_CLEANLY
SERIAL_PROMPT = "ttyS0> "

VERBOSE = False


note = keelhost.note


class Boot:
    """One QEMU run: the serial port on pipes, optionally a disk and a monitor socket."""

    def __init__(self, kernel, workdir, disk=None, monitor=False, cmdline=""):
        """'disk' is an image for hda, or a list of images for hda, hdb, ... (None: none)."""
        self.workdir = workdir
        self.monitor_path = os.path.join(workdir, "monitor.sock") if monitor else None
        extra = ["-no-reboot"]
        disks = [] if disk is None else [disk] if isinstance(disk, str) else list(disk)
        for index, image in enumerate(disks):
            extra += ["-drive", f"file={image},format=raw,if=ide,index={index},media=disk"]
        if self.monitor_path is not None:
            extra += ["-monitor", f"unix:{self.monitor_path},server,nowait"]
        self._start(keelhost.qemu_argv(kernel=kernel, cmdline=cmdline, extra=extra))

    def _start(self, argv):
        """Starts QEMU as 'argv' and a thread that gathers its serial output."""
        self.argv = argv
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.output = ""
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.mon = None

    def _read(self):
        while True:
            data = self.proc.stdout.read1(4096) if hasattr(self.proc.stdout, "read1") else \
                self.proc.stdout.read(1)
            if not data:
                return
            text = data.decode("latin-1").replace("\r", "")
            with self.lock:
                self.output += text
            if VERBOSE:
                sys.stdout.write(text)
                sys.stdout.flush()

    def text(self):
        with self.lock:
            return self.output

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait_for(self, what, timeout):
        """Waits until the serial output contains 'what' (a string); False on time-out or exit."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if what in self.text():
                return True
            if self.proc.poll() is not None:
                self.reader.join(1)
                return what in self.text()
            time.sleep(0.02)
        return False

    def run_command(self, command, prompt, timeout):
        """Types 'command' at the shell whose prompt is 'prompt' and waits for
        the next prompt.  Returns the lines printed in between, without the
        echoed command (the last line is "" when the output ends in a newline),
        or None when no prompt came in 'timeout' seconds or QEMU exited."""
        before = self.text()
        prompts = before.count(prompt)
        self.send(command + "\n")
        deadline = time.time() + timeout
        while self.text().count(prompt) == prompts:
            if time.time() > deadline or self.proc.poll() is not None:
                return None
            time.sleep(0.02)
        chunk = self.text()[len(before):]
        lines = chunk[:chunk.rindex(prompt)].split("\n")
        # The line discipline echoes the typed command first.
        if lines and lines[0] == command:
            lines = lines[1:]
        return lines

    def wait_exit(self, timeout):
        """The exit status, or None after killing a QEMU that did not exit in time."""
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        self.reader.join(2)
        return status

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.mon is not None:
            self.mon.close()
            self.mon = None

    # The monitor.

    def monitor(self, command):
        if self.mon is None:
            self.mon = keelhost.Monitor(self.monitor_path)
        return self.mon.command(command)

    def sendkeys(self, keys):
        for key in keys:
            self.monitor(f"sendkey {key}")
            time.sleep(0.03)

    def screendump(self, name):
        path = os.path.join(self.workdir, name)
        if os.path.exists(path):
            os.unlink(path)
        self.monitor(f"screendump {path}")
        deadline = time.time() + 5
        size = -1
        while time.time() < deadline:
            if os.path.exists(path) and os.path.getsize(path) == size and size > 0:
                break
            size = os.path.getsize(path) if os.path.exists(path) else -1
            time.sleep(0.05)
        return read_ppm(path)


# Screen dumps.

def read_ppm(path):
    """(width, height, rgb bytes) of a binary PPM (P6) file."""
    with open(path, "rb") as f:
        data = f.read()
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    if fields[0] != b"P6":
        raise ValueError(f"{path}: not a binary PPM")
    return int(fields[1]), int(fields[2]), data[pos:]


class TextScreen:
    """A screendump of an 80x25 text screen cut into its character cells."""

    def __init__(self, ppm, cols=80, rows=25):
        self.width, self.height, self.pixels = ppm
        self.cols, self.rows = cols, rows
        self.cw, self.ch = self.width // cols, self.height // rows

    def cell(self, row, col):
        """The pixels of one cell, as bytes (equal glyphs in equal colours give equal bytes)."""
        out = bytearray()
        for y in range(row * self.ch, (row + 1) * self.ch):
            start = (y * self.width + col * self.cw) * 3
            out += self.pixels[start:start + self.cw * 3]
        return bytes(out)

    def blank(self, row, col):
        c = self.cell(row, col)
        return c == bytes([c[0], c[1], c[2]]) * (len(c) // 3)

    def row_cells(self, row, col, n):
        return [self.cell(row, col + i) for i in range(n)]

    def differing_cells(self, other):
        n = 0
        for r in range(self.rows):
            for c in range(self.cols):
                if self.cell(r, c) != other.cell(r, c):
                    n += 1
        return n


# The pattern `blkfill` writes (kshell/cmds_dev.c) and the checksum `blksum` prints.

def pattern_word(seed, block, i):
    x = (seed ^ (block * 0x9E3779B1) ^ (i * 0x85EBCA77)) & 0xFFFFFFFF
    x ^= x >> 16
    x = (x * 0x7FEB352D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x846CA68B) & 0xFFFFFFFF
    x ^= x >> 16
    return x


def pattern_block(seed, block):
    return b"".join(pattern_word(seed, block, i).to_bytes(4, "little") for i in range(BLOCK // 4))


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def shell_lines(output):
    """The serial output's lines with any leading shell prompts removed."""
    lines = []
    for line in output.split("\n"):
        while line.startswith(SERIAL_PROMPT):
            line = line[len(SERIAL_PROMPT):]
        lines.append(line)
    return lines


def run_session(kernel, work, text, timeout, disk=None):
    """Boots, sends 'text' to the serial port and waits for QEMU to exit: (status, output)."""
    boot = Boot(kernel, work, disk=disk)
    try:
        boot.send(text)
        return boot.wait_exit(timeout), boot.text()
    finally:
        boot.kill()


def not_halted(status, out):
    """None if the kernel halted cleanly, else why not (with the end of the output)."""
    if status != EXIT_OK or HALTED not in out:
        return f"QEMU exit status {status}, expected {EXIT_OK} and '{HALTED}'\n{out[-1500:]}"
    return None


# The tests.  Each returns None when it passes, or a string saying why not.

def test_disk_read(kernel, work, timeout):
    image = os.path.join(work, "read.img")
    data = bytearray(os.urandom(IMAGE_MIB << 20))
    with open(image, "wb") as f:
        f.write(data)
    start, count = random.randrange(1, 3000), 64
    expect = fnv1a(data[start * BLOCK:(start + count) * BLOCK])
    status, out = run_session(kernel, work, f"blksum hda {start} {count}\ndisks\nhalt\n",
                              timeout, disk=image)
    problem = not_halted(status, out)
    if problem:
        return problem
    m = re.search(rf"blksum hda {start} {count}: fnv1a 0x([0-9a-f]{{8}})", out)
    if m is None:
        return f"no blksum result in the output\n{out[-1500:]}"
    if int(m.group(1), 16) != expect:
        return f"kernel read checksum 0x{m.group(1)}, the image has 0x{expect:08x}"
    m = re.search(r"hda: .* prd table 0x([0-9a-f]+): transfers (\d+) errors (\d+) "
                  r"interrupts (\d+)", out)
    if m is None:
        return f"no DMA counters from `disks`\n{out[-1500:]}"
    prdt = int(m.group(1), 16)
    transfers, errors, interrupts = (int(g) for g in m.groups()[1:])
    if prdt == 0 or transfers < count // 16 or interrupts < transfers or errors != 0:
        return (f"DMA not used as expected: PRD table at 0x{prdt:x}, {transfers} transfers, "
                f"{interrupts} interrupts, {errors} errors for {count} blocks")
    return None


def test_disk_write(kernel, work, timeout):
    image = os.path.join(work, "write.img")
    with open(image, "wb") as f:
        f.truncate(IMAGE_MIB << 20)
    seed = random.randrange(1, 1 << 32)
    start, count = random.randrange(1, 3000), 48
    status, out = run_session(kernel, work, f"blkfill hda {start} {count} {seed}\nhalt\n",
                              timeout, disk=image)
    problem = not_halted(status, out)
    if problem:
        return problem
    if f"blkfill hda {start} {count}: done" not in out:
        return f"blkfill did not report success\n{out[-1500:]}"
    with open(image, "rb") as f:
        data = f.read()
    for b in range(start, start + count):
        if data[b * BLOCK:(b + 1) * BLOCK] != pattern_block(seed, b):
            return f"block {b} of the image does not hold the pattern (seed {seed})"
    zero = bytes(BLOCK)
    for b in (start - 1, start + count):
        if data[b * BLOCK:(b + 1) * BLOCK] != zero:
            return f"block {b}, outside the range written, changed"
    return None


def test_disk_slave_secondary(kernel, work, timeout):
    names = ["hda", "hdb", "hdc"]
    images = [os.path.join(work, f"{n}.img") for n in names]
    data = {}
    for name, image in zip(names, images):
        data[name] = bytes(IMAGE_MIB << 20) if name == "hda" else os.urandom(IMAGE_MIB << 20)
        with open(image, "wb") as f:
            f.write(data[name])
    start, count = random.randrange(1, 3000), 20
    wstart, wcount = random.randrange(3100, 3900), 17
    seeds = {"hdb": random.randrange(1, 1 << 32), "hdc": random.randrange(1, 1 << 32)}
    script = "".join(f"blksum {n} {start} {count}\n" for n in ("hdb", "hdc"))
    script += "".join(f"blkfill {n} {wstart} {wcount} {seeds[n]}\n" for n in ("hdb", "hdc"))
    status, out = run_session(kernel, work, script + "disks\nhalt\n", timeout, disk=images)
    problem = not_halted(status, out)
    if problem:
        return problem
    for name in ("hdb", "hdc"):
        m = re.search(rf"blksum {name} {start} {count}: fnv1a 0x([0-9a-f]{{8}})", out)
        if m is None:
            return f"no blksum result for {name} (is it registered?)\n{out[-1500:]}"
        expect = fnv1a(data[name][start * BLOCK:(start + count) * BLOCK])
        if int(m.group(1), 16) != expect:
            return f"{name}: kernel read checksum 0x{m.group(1)}, the image has 0x{expect:08x}"
        if f"blkfill {name} {wstart} {wcount}: done" not in out:
            return f"blkfill on {name} did not report success\n{out[-1500:]}"
    for name, image in zip(names, images):
        with open(image, "rb") as f:
            now = f.read()
        for b in range(wstart - 1, wstart + wcount + 1):
            block = now[b * BLOCK:(b + 1) * BLOCK]
            inside = wstart <= b < wstart + wcount
            if name in seeds and inside:
                if block != pattern_block(seeds[name], b):
                    return f"block {b} of {name} does not hold its pattern (seed {seeds[name]})"
            elif block != data[name][b * BLOCK:(b + 1) * BLOCK]:
                return f"block {b} of {name} changed, but nothing was written there"
    return None


KEYS = {" ": "spc", "\n": "ret", "-": "minus", ".": "dot", "/": "slash"}


def keys_for(text):
    return [KEYS.get(c, c) for c in text]


def poll_screen(boot, name, ok, timeout):
    """Takes screendumps until ok(screen) holds or time runs out; returns the last screen."""
    deadline = time.time() + timeout
    while True:
        screen = TextScreen(boot.screendump(name))
        if ok(screen) or time.time() > deadline:
            return screen
        time.sleep(0.1)


def test_vga_keyboard(kernel, work, timeout):
    boot = Boot(kernel, work, monitor=True)
    try:
        if not boot.wait_for(SERIAL_PROMPT, timeout):
            return f"the serial shell never prompted\n{boot.text()[-1500:]}"
        # Terminal 0 is quiet once its shell prompts (it started before ttyS0's).
        vt0 = poll_screen(boot, "vt0.ppm", lambda s: False, 0.3)
        vt0 = poll_screen(boot, "vt0.ppm", lambda s: s.differing_cells(vt0) <= 1, 2)
        boot.sendkeys(["alt-f2"])
        vt1 = poll_screen(boot, "vt1.ppm", lambda s: s.differing_cells(vt0) >= 20, 5)
        if vt1.differing_cells(vt0) < 20:
            return "Alt+F2 did not change the screen"
        # Terminal 1 shows its shell's banner (row 0) and the prompt "tty1> " (row 1).
        word = "vt2check"
        prompt = "tty1> "
        at = len(prompt) + len("echo ")
        boot.sendkeys(keys_for(f"echo {word}\n"))

        def answered(screen):
            return screen.row_cells(1, at, len(word)) == screen.row_cells(2, 0, len(word))

        typed = poll_screen(boot, "vt1-typed.ppm",
                            lambda s: answered(s) and not s.blank(2, 0), 5)
        if any(typed.blank(1, at + i) for i in range(len(word))):
            return "the typed command was not echoed on terminal 1 (second row of the screen)"
        if not answered(typed):
            return "terminal 1 does not show the command's output under the typed command"
        # The 'c' of "echo" must look like the 'c' of the output: the glyphs are real text.
        if typed.cell(1, len(prompt) + 1) != typed.cell(2, 3):
            return "the echoed text and the output do not use the same glyphs"
        boot.sendkeys(["alt-f1"])
        back = poll_screen(boot, "vt0-again.ppm", lambda s: s.differing_cells(vt0) <= 1, 5)
        if back.differing_cells(vt0) > 1:  # the blinking cursor may differ
            return (f"Alt+F1 did not bring terminal 0's screen back "
                    f"({back.differing_cells(vt0)} cells differ)")
        boot.sendkeys(keys_for("halt\n"))
        status = boot.wait_exit(timeout)
        out = boot.text()
    finally:
        boot.kill()
    if status != EXIT_OK or HALTED not in out:
        return f"`halt` typed on terminal 0: exit status {status}\n{out[-1500:]}"
    return None


def test_serial_shell(kernel, work, timeout):
    """A person at the serial terminal: each command typed after the prompt."""
    boot = Boot(kernel, work)
    try:
        if not boot.wait_for(SERIAL_PROMPT, timeout):
            return f"the serial shell never prompted\n{boot.text()[-1500:]}"
        for command in ("echo hello", "repeat 3 echo hi there",
                        "parallel echo p-one -- echo p-two", "no-such-command"):
            prompts = boot.text().count(SERIAL_PROMPT)
            boot.send(command + "\n")
            deadline = time.time() + timeout
            while boot.text().count(SERIAL_PROMPT) == prompts and time.time() < deadline:
                time.sleep(0.02)
        boot.send("halt\n")
        status = boot.wait_exit(timeout)
        out = boot.text()
    finally:
        boot.kill()
    lines = shell_lines(out)
    problems = []
    if "hello" not in lines:
        problems.append("no line 'hello'")
    if lines.count("hi there") != 3:
        problems.append(f"'hi there' {lines.count('hi there')} times, expected 3")
    if "p-one" not in lines or "p-two" not in lines:
        problems.append("parallel output missing")
    if "kshell: no command 'no-such-command' (try 'help')" not in lines:
        problems.append("no complaint about an unknown command")
    if status != EXIT_OK or HALTED not in out:
        problems.append(f"exit status {status}, expected {EXIT_OK} and '{HALTED}'")
    return "; ".join(problems) + f"\n{out[-1500:]}" if problems else None


def test_serial_pipe(kernel, work, timeout):
    """The whole session sent at once, before the kernel has even booted."""
    status, out = run_session(kernel, work, "echo hello\nhalt\n", timeout)
    # The echo of the typed line reads "echo hello"; the output follows a prompt.
    if not re.search(r"(^|> )hello$", out, re.M):
        return f"no output line 'hello'\n{out[-1500:]}"
    return not_halted(status, out)


def test_serial_burst(kernel, work, timeout):
    """More input at once than the line discipline holds: the driver must hold it back."""
    n = 60
    # echo "burst"007 prints burst007, a word its own echo never contains.
    commands = "".join(f'echo "burst"{i:03d}\n' for i in range(n)) + "halt\n"
    status, out = run_session(kernel, work, commands, timeout)
    counts = [out.count(f"burst{i:03d}") for i in range(n)]
    missing = [i for i in range(n) if counts[i] == 0]
    if missing:
        return f"{len(missing)} of {n} commands lost (first: {missing[0]})\n{out[-1500:]}"
    doubled = [i for i in range(n) if counts[i] > 1]
    if doubled:
        return f"command {doubled[0]} ran {counts[doubled[0]]} times"
    if status != EXIT_OK:
        return f"exit status {status}, expected {EXIT_OK}"
    return None


TESTS = [
    ("disk_read", test_disk_read),
    ("disk_write", test_disk_write),
    ("disk_slave_secondary", test_disk_slave_secondary),
    ("vga_keyboard", test_vga_keyboard),
    ("serial_shell", test_serial_shell),
    ("serial_pipe", test_serial_pipe),
    ("serial_burst", test_serial_burst),
]


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "keel.elf"))
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per boot")
    ap.add_argument("--only", help="run only the tests whose names contain this")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the serial output")
    args = ap.parse_args()
    VERBOSE = args.verbose
    return keelhost.run_e2e("drivers.py", "drivers.e2e", TESTS, args)


if __name__ == "__main__":
    sys.exit(main())
