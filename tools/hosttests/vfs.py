#!/usr/bin/env python3
"""End-to-end tests of the VFS stage through the kernel shell, driven from the host.

    tools/hosttests/vfs.py [--kernel build/keel.elf] [--timeout 60] [--only NAME] [-v]

Each test boots the kernel in QEMU without test= (so init starts a kernel
shell on every terminal), types commands at the serial port's shell one at a
time (each after the prompt of the one before), and checks what each prints.
The file commands (kshell/cmds_fs.c) call the VFS's do_* functions, so these
tests check the stage's code as a person at the prompt sees it:

  session       mkdir, echo > file, cat, ls -l, mv, cat < file, echo >>
                /dev/null, rm, rmdir, then halt: every command's output, the
                tree afterwards, and a clean halt (no vnode left referenced)
  redirection   > creates and empties, >> appends, < feeds cat, both at once,
                a redirected `ps` and `parallel`, hexdump's bytes; errors of
                a redirection name the file and the command does not run
  errors        each error form "CMD: PATH: ENAME": a missing directory on
                the way (ENOENT), rmdir / (EBUSY), cat of a missing file, cd
                into a file (ENOTDIR), EEXIST, EISDIR, ENOTEMPTY, EINVAL,
                EPERM, ENAMETOOLONG; the kernel still halts cleanly after them
  ls_format     ls, ls -a, ls -l (type, permissions, links, size or device
                numbers, name), ls of a file, of several paths, and stat
  cwd           cd and pwd, relative paths for every kind of command, '..',
                and cd with no argument going back to /
  two_shells    the shell on the first VGA terminal (typed through the QEMU
                monitor) and the serial shell each keep their own current
                directory
  gdb           with the shell stopped inside a redirected `cat`, GDB's
                kvnodes lists the vnodes with their counts and paths, and
                kfiles the shell's descriptors with their modes and positions
  halt_leak     a reference that is never given back (GDB adds one to the
                shell's current directory /kept): halt names the vnode
                ("keel: vnode still referenced: ramfs ino N dir count 1
                /kept") instead of halting cleanly, and QEMU exits with 39

Output is TAP ("ok N - vfs.e2e.<name>"), then "# N passed, M failed"; the
exit status is 0 only when every test passed.  Standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, HERE)
import keelhost  # noqa: E402
import drivers  # noqa: E402  (Boot, keys_for: the QEMU session helpers)

QEMU = keelhost.QEMU
EXIT_OK = keelhost.EXIT_OK
HALTED = keelhost.HALTED_CLEANLY
PROMPT = "ttyS0> "
LEAK = "vnode still referenced"


note = keelhost.note


class Failed(Exception):
    """A check did not hold; the message says which and what was seen."""


class Shell:
    """The serial port's kernel shell in one boot: run() types a command and
    returns the lines it printed."""

    def __init__(self, kernel, work, timeout, monitor=False):
        self.timeout = timeout
        self.boot = drivers.Boot(kernel, work, monitor=monitor)
        if not self.boot.wait_for(PROMPT, timeout):
            self.boot.kill()
            raise Failed(f"the serial shell never prompted\n{self.boot.text()[-1500:]}")
        self.log = []

    def run(self, command):
        """Types 'command' and waits for the next prompt; returns its output lines."""
        lines = self.boot.run_command(command, PROMPT, self.timeout)
        if lines is None:
            raise Failed(f"no prompt after '{command}'\n{self.boot.text()[-1500:]}")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        self.log.append((command, lines))
        return lines

    def expect(self, command, want):
        """Runs 'command'; its output must be exactly the lines 'want'."""
        got = self.run(command)
        if got != list(want):
            raise Failed(f"'{command}' printed {got!r}, expected {list(want)!r}")
        return got

    def halt(self):
        """Types halt; the kernel must halt cleanly with no vnode left referenced."""
        self.boot.send("halt\n")
        status = self.boot.wait_exit(self.timeout)
        out = self.boot.text()
        if LEAK in out:
            leaks = [line for line in out.splitlines() if LEAK in line]
            raise Failed("halt found vnodes still referenced:\n" + "\n".join(leaks))
        if status != EXIT_OK or HALTED not in out:
            raise Failed(f"halt: QEMU exit status {status}, expected {EXIT_OK} and "
                         f"'{HALTED}'\n{out[-1500:]}")

    def close(self):
        self.boot.kill()


def session(kernel, work, timeout, monitor=False):
    return Shell(kernel, work, timeout, monitor=monitor)


LS_LINE = re.compile(r"^([-dcb])([-r][-w][-x]){3} +(\d+) +(\d+|\d+, +\d+) (\S+)$")


def ls_long(lines):
    """{name: (type letter, permissions, links, size)} from `ls -l` lines; fails on others."""
    out = {}
    for line in lines:
        m = LS_LINE.match(line)
        if m is None:
            raise Failed(f"not an `ls -l` line: {line!r}")
        out[m.group(5)] = (line[0], line[1:10], int(m.group(3)), m.group(4))
    return out


def hexdump_c(data):
    """What `hexdump -C` prints for 'data' (without squeezing)."""
    lines = []
    for off in range(0, len(data), 16):
        chunk = data[off:off + 16]
        hexes = ""
        for j in range(16):
            hexes += f"{chunk[j]:02x} " if j < len(chunk) else "   "
            if j == 7:
                hexes += " "
        text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        lines.append(f"{off:08x}  {hexes} |{text}|")
    lines.append(f"{len(data):08x}")
    return lines


# The tests.  Each raises Failed (or returns a string) when it fails.

def test_session(kernel, work, timeout):
    sh = session(kernel, work, timeout)
    try:
        sh.expect("mkdir /a", [])
        sh.expect("echo hello > /a/f", [])
        sh.expect("cat /a/f", ["hello"])
        entries = ls_long(sh.run("ls -l /a"))
        if entries != {"f": ("-", "rw-r--r--", 1, "6")}:
            raise Failed(f"ls -l /a: {entries}, expected one regular file f of 6 bytes")
        sh.expect("mv /a/f /a/g", [])
        sh.expect("ls /a", ["g"])
        sh.expect("cat < /a/g", ["hello"])
        sh.expect("echo x >> /dev/null", [])
        sh.expect("cat /dev/null", [])
        sh.expect("rm /a/g", [])
        sh.expect("ls /a", [])
        sh.expect("rmdir /a", [])
        sh.expect("ls /", ["dev"])
        sh.halt()
    finally:
        sh.close()


def test_redirection(kernel, work, timeout):
    sh = session(kernel, work, timeout)
    try:
        sh.expect("echo one > /r", [])
        sh.expect("echo two >> /r", [])
        sh.expect("cat /r", ["one", "two"])
        sh.expect("echo three >/r", [])  # the name in the same word; > empties the file
        sh.expect("cat /r", ["three"])
        sh.expect("cat < /r > /r2", [])
        sh.expect("cat /r2", ["three"])
        sh.expect("cat </r2 >>/r", [])
        sh.expect("cat /r", ["three", "three"])
        sh.expect("hexdump /r2", hexdump_c(b"three\n"))
        sh.expect("echo '>' \">>\" '<'", ["> >> <"])  # quoted signs are words
        # A command that prints through a printer (ps), and parallel's children.
        sh.expect("ps > /p", [])
        if not any("kshell ttyS0" in line for line in sh.run("cat /p")):
            raise Failed("`ps > /p`: /p does not list the process 'kshell ttyS0'")
        sh.expect("parallel echo p-one -- echo p-two > /par", [])
        par = sh.run("cat /par")
        if sorted(par) != ["p-one", "p-two"]:
            raise Failed(f"`parallel ... > /par`: /par holds {par!r}, expected p-one and p-two")
        # Errors: the file is named, the command does not run, nothing is created.
        sh.expect("echo lost > /nodir/f", ["kshell: /nodir/f: ENOENT"])
        sh.expect("cat < /missing", ["kshell: /missing: ENOENT"])
        sh.expect("echo lost > /", ["kshell: /: EISDIR"])
        sh.expect("echo lost >", ["kshell: no file name after '>'"])
        sh.expect("cat /r > /r", ["cat: /r: input file is output file"])
        sh.expect("cat /r", [])  # > emptied it before cat refused
        names = sh.run("ls /")
        if sorted(names) != ["dev", "p", "par", "r", "r2"]:
            raise Failed(f"ls / printed {names}: the failed redirections created files")
        sh.expect("rm /r /r2 /p /par", [])
        sh.expect("ls /", ["dev"])
        sh.halt()
    finally:
        sh.close()


def test_errors(kernel, work, timeout):
    sh = session(kernel, work, timeout)
    long_name = "n" * 29
    try:
        sh.expect("mkdir /a/b", ["mkdir: /a/b: ENOENT"])
        sh.expect("rmdir /", ["rmdir: /: EBUSY"])
        sh.expect("cat /nonexistent", ["cat: /nonexistent: ENOENT"])
        sh.expect("touch /f", [])
        sh.expect("touch /f /dev", [])  # existing names (a directory too) stay as they are
        sh.expect("touch /nodir/f", ["touch: /nodir/f: ENOENT"])
        sh.expect("cd /f", ["cd: /f: ENOTDIR"])
        sh.expect("cd /nonexistent", ["cd: /nonexistent: ENOENT"])
        sh.expect("mkdir /d", [])
        sh.expect("mkdir /d", ["mkdir: /d: EEXIST"])
        sh.expect("mkdir /", ["mkdir: /: EEXIST"])
        sh.expect("rm /d", ["rm: /d: EISDIR"])
        sh.expect("rm /nonexistent", ["rm: /nonexistent: ENOENT"])
        sh.expect("rmdir /f", ["rmdir: /f: ENOTDIR"])
        sh.expect("mkdir /d/e", [])
        sh.expect("rmdir /d", ["rmdir: /d: ENOTEMPTY"])
        sh.expect("rmdir /d/e/.", ["rmdir: /d/e/.: EINVAL"])
        sh.expect("rmdir /d/e/..", ["rmdir: /d/e/..: ENOTEMPTY"])
        sh.expect("cat /d", ["cat: /d: EISDIR"])
        sh.expect("cat /f/x", ["cat: /f/x: ENOTDIR"])
        sh.expect("ls /f/", ["ls: /f/: ENOTDIR"])
        sh.expect("ls /nonexistent", ["ls: /nonexistent: ENOENT"])
        sh.expect("ln /d /x", ["ln: /d -> /x: EPERM"])
        sh.expect("ln /f /d", ["ln: /f -> /d: EEXIST"])
        sh.expect("mv /d /d/e/z", ["mv: /d -> /d/e/z: EINVAL"])
        sh.expect("mv /f /d", ["mv: /f -> /d: EISDIR"])
        sh.expect("mv /nonexistent /y", ["mv: /nonexistent -> /y: ENOENT"])
        sh.expect(f"mkdir /{long_name}", [f"mkdir: /{long_name}: ENAMETOOLONG"])
        sh.expect("stat /nonexistent", ["stat: /nonexistent: ENOENT"])
        sh.expect("hexdump /nonexistent", ["hexdump: /nonexistent: ENOENT"])
        # Several arguments: the good ones are done, each bad one reported.
        sh.expect("mkdir /m1 /d /m2", ["mkdir: /d: EEXIST"])
        sh.expect("rmdir /m1 /m2 /d/e /d", [])
        sh.expect("rm /f", [])
        sh.expect("ls /", ["dev"])
        sh.halt()
    finally:
        sh.close()


def test_ls_format(kernel, work, timeout):
    sh = session(kernel, work, timeout)
    try:
        for command in ("mkdir /l", "echo hello > /l/f", "mkdir /l/sub", "ln /l/f /l/g",
                        "touch /l/empty"):
            sh.expect(command, [])
        entries = ls_long(sh.run("ls -l /l"))
        want = {"f": ("-", "rw-r--r--", 2, "6"), "g": ("-", "rw-r--r--", 2, "6"),
                "empty": ("-", "rw-r--r--", 1, "0")}
        for name, fields in want.items():
            if entries.get(name) != fields:
                raise Failed(f"ls -l /l: {name} is {entries.get(name)}, expected {fields}")
        sub = entries.get("sub")
        if sub is None or sub[:3] != ("d", "rwxr-xr-x", 2):
            raise Failed(f"ls -l /l: sub is {sub}, expected a directory with 2 links")
        if set(entries) != {"f", "g", "empty", "sub"}:
            raise Failed(f"ls -l /l lists {sorted(entries)}")
        names = sh.run("ls /l")
        if sorted(names) != ["empty", "f", "g", "sub"]:
            raise Failed(f"ls /l printed {names}")
        names = sh.run("ls -a /l")
        if sorted(names) != [".", "..", "empty", "f", "g", "sub"]:
            raise Failed(f"ls -a /l printed {names}")
        dot = ls_long(sh.run("ls -la /l"))
        if dot.get(".", ("",))[:3] != ("d", "rwxr-xr-x", 3):
            raise Failed(f"ls -la /l: '.' is {dot.get('.')}, expected a directory with 3 links")
        dev = ls_long(sh.run("ls -l /dev"))
        if dev.get("null") != ("c", "rw-r--r--", 1, "1, 0") or \
                dev.get("zero") != ("c", "rw-r--r--", 1, "1, 1"):
            raise Failed(f"ls -l /dev: null {dev.get('null')}, zero {dev.get('zero')}, "
                         f"expected character devices 1, 0 and 1, 1")
        sh.expect("ls /l/f", ["/l/f"])
        sh.expect("ls -l /l/empty", ["-rw-r--r--  1        0 /l/empty"])
        both = sh.run("ls /l/sub /l/sub")
        if both != ["/l/sub:", "/l/sub:"]:
            raise Failed(f"ls /l/sub /l/sub printed {both}, expected two headers and no entries")
        st = sh.run("stat /l/f")
        m = re.match(r"^/l/f: reg -rw-r--r-- inode (\d+) size 6 links 2 blocks (\d+)$",
                     st[0] if len(st) == 1 else "")
        if m is None:
            raise Failed(f"stat /l/f printed {st}")
        st_g = sh.run("stat /l/g")
        if not st_g or f"inode {m.group(1)} " not in st_g[0]:
            raise Failed(f"stat: /l/g {st_g} does not have the inode of its link /l/f ({st})")
        st = sh.run("stat /dev/zero")
        if len(st) != 1 or not re.match(r"^/dev/zero: chr crw-r--r-- inode \d+ size 0 links 1 "
                                        r"blocks 0 device 1:1$", st[0]):
            raise Failed(f"stat /dev/zero printed {st}")
        for command in ("rm /l/f /l/g /l/empty", "rmdir /l/sub /l"):
            sh.expect(command, [])
        sh.halt()
    finally:
        sh.close()


def test_cwd(kernel, work, timeout):
    sh = session(kernel, work, timeout)
    try:
        sh.expect("pwd", ["/"])
        sh.expect("mkdir /w", [])
        sh.expect("cd /w", [])
        sh.expect("pwd", ["/w"])
        sh.expect("mkdir sub", [])
        sh.expect("cd sub", [])
        sh.expect("pwd", ["/w/sub"])
        sh.expect("echo rel > file", [])
        sh.expect("cat /w/sub/file", ["rel"])
        sh.expect("cd ..", [])
        sh.expect("pwd", ["/w"])
        sh.expect("ls", ["sub"])
        sh.expect("cat sub/file", ["rel"])
        sh.expect("cat < ./sub/file", ["rel"])
        sh.expect("ln sub/file sub/../link", [])
        sh.expect("mv link sub/moved", [])
        sh.expect("cat /w/sub/moved", ["rel"])
        sh.expect("rm sub/moved sub/file", [])
        sh.expect("cd sub/", [])
        sh.expect("pwd", ["/w/sub"])
        sh.expect("cd ../..", [])
        sh.expect("pwd", ["/"])
        sh.expect("cd w", [])
        sh.expect("cd", [])
        sh.expect("pwd", ["/"])
        sh.expect("cd /..", [])
        sh.expect("pwd", ["/"])
        sh.expect("rmdir w/sub w", [])
        sh.halt()
    finally:
        sh.close()


VT_KEYS = {">": "shift-dot"}


def vt_type(boot, text):
    boot.sendkeys([VT_KEYS.get(c) or drivers.keys_for(c)[0] for c in text])


def test_two_shells(kernel, work, timeout):
    sh = session(kernel, work, timeout, monitor=True)
    try:
        sh.expect("mkdir /s0 /s1", [])
        sh.expect("cd /s1", [])
        # The first VGA terminal's shell (tty0) is on the screen: type at it.
        vt_type(sh.boot, "cd /s0\n")
        vt_type(sh.boot, "pwd > where\n")
        got = []
        deadline = time.time() + timeout
        while got != ["/s0"] and time.time() < deadline:
            got = sh.run("cat /s0/where")
            if got != ["/s0"]:
                time.sleep(0.3)
        if got != ["/s0"]:
            raise Failed(f"the shell on tty0 did not write its directory /s0 into /s0/where "
                         f"(cat printed {got})")
        sh.expect("pwd", ["/s1"])
        sh.expect("ls", [])
        vt_type(sh.boot, "pwd >> /s1/there\n")
        got = []
        deadline = time.time() + timeout
        while got != ["/s0"] and time.time() < deadline:
            got = sh.run("cat there")
            if got != ["/s0"]:
                time.sleep(0.3)
        if got != ["/s0"]:
            raise Failed(f"after the serial shell's cd, tty0's pwd printed {got}, expected /s0")
        sh.expect("rm /s0/where /s1/there", [])
        sh.expect("cd /", [])
        sh.expect("rmdir /s1", [])
        # tty0's shell still has /s0 as its directory: removing it is allowed,
        # and the halt must still put that shell's reference.
        sh.expect("rmdir /s0", [])
        sh.halt()
    finally:
        sh.close()


GDB_SCRIPT = """\
set pagination off
set confirm off
source {tools}/gdb/keel.py
source {tools}/gdb/procs.py
source {tools}/gdb/vfs.py
target remote 127.0.0.1:{port}
break do_close
continue
echo KEEL-KVNODES\\n
kvnodes
echo KEEL-KFILES\\n
kfiles
echo KEEL-KFILES-PID\\n
kfiles {{pid}}
echo KEEL-KFILES-NONE\\n
kfiles 999
echo KEEL-END\\n
delete
detach
quit
"""


def start_gdb(kernel, work, script_text):
    """Runs GDB in batch mode on 'script_text'; returns (process, list of output lines
    that a reader thread fills)."""
    script = os.path.join(work, "gdb.cmds")
    with open(script, "w") as f:
        f.write(script_text)
    gdb = subprocess.Popen([keelhost.GDB, "-nx", "-batch", "-x", script, kernel],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, cwd=ROOT)
    lines = []

    def read_gdb():
        for raw in gdb.stdout:
            lines.append(raw.decode("utf-8", "replace"))

    threading.Thread(target=read_gdb, daemon=True).start()
    return gdb, lines


def shell_pid(sh):
    """The pid of the serial port's shell, from `ps`."""
    ps = sh.run("ps")
    for line in ps:
        m = re.match(r"^\s*(\d+)\s.*kshell ttyS0", line)
        if m:
            return int(m.group(1))
    raise Failed(f"no pid for 'kshell ttyS0' in ps: {ps}")


def gdb_session(kernel, timeout):
    """A Shell on a QEMU whose GDB stub listens (the CPU runs; GDB attaches later),
    and the stub's port."""
    port = keelhost.free_port()
    boot = GdbBoot(keelhost.qemu_argv(kernel=kernel, extra=["-no-reboot"], gdb_port=port))
    sh = Shell.__new__(Shell)
    sh.timeout, sh.boot, sh.log = timeout, boot, []
    if not boot.wait_for(PROMPT, timeout):
        boot.kill()
        raise Failed(f"the serial shell never prompted\n{boot.text()[-1500:]}")
    return sh, port


def section(out, start, end):
    return out.split(start, 1)[-1].split(end, 1)[0] if start in out else ""


def test_gdb(kernel, work, timeout):
    if shutil.which(keelhost.GDB) is None:
        return f"{keelhost.GDB} not found"
    sh, port = gdb_session(kernel, timeout)
    boot = sh.boot
    gdb = None
    try:
        sh.expect("mkdir /g", [])
        sh.expect("echo hello > /g/in", [])
        pids = [shell_pid(sh)]
        gdb, gdb_out = start_gdb(kernel, work, GDB_SCRIPT.format(
            tools=os.path.join(ROOT, "tools"), port=port).format(pid=pids[0]))
        # GDB stops the CPU and sets its breakpoint before it lets the CPU go:
        # typing after that is safe (QEMU holds the input while stopped).
        deadline = time.time() + timeout
        while not any(line.startswith("Breakpoint 1 at") for line in gdb_out):
            if time.time() > deadline or gdb.poll() is not None:
                time.sleep(0.5)
                raise Failed("GDB did not attach and continue\n" + "".join(gdb_out)[-2000:])
            time.sleep(0.05)
        # cat reads /g/in to its end and closes it: the stop is in that do_close,
        # with /g/in (read, position 6) and /g/out (write, position 6) open.
        boot.send("cat /g/in > /g/out\n")
        try:
            gdb.wait(timeout)
        except subprocess.TimeoutExpired:
            gdb.kill()
        time.sleep(0.2)  # the reader's last lines
        out = "".join(gdb_out)
        # After GDB detached, the shell goes on.
        deadline = time.time() + timeout
        while boot.text().count(PROMPT) < 4 and time.time() < deadline:
            time.sleep(0.05)
        sh.expect("cat /g/out", ["hello"])
        sh.expect("rm /g/in /g/out", [])
        sh.expect("rmdir /g", [])
        sh.halt()
    finally:
        if gdb is not None and gdb.poll() is None:
            gdb.kill()
        boot.kill()
    problems = []
    kvnodes = section(out, "KEEL-KVNODES", "KEEL-KFILES")
    rows = {}
    for line in kvnodes.splitlines():
        f = line.split()
        if len(f) == 7 and f[0].startswith("0x"):
            rows[f[6]] = f
    # The root is held by the mount, init and the shell (their directories).
    for path, kind, count in (("/", "dir", 3), ("/g/in", "reg", 1), ("/g/out", "reg", 1)):
        row = rows.get(path)
        if row is None or row[1] != "ramfs" or row[3] != kind:
            problems.append(f"kvnodes: no ramfs {kind} vnode {path}")
        elif count is not None and int(row[4]) != count:
            problems.append(f"kvnodes: {path} count {row[4]}, expected {count}")
    if "/g/in" in rows and int(rows["/g/in"][5]) != 6:
        problems.append(f"kvnodes: /g/in length {rows['/g/in'][5]}, expected 6")
    if not re.search(r"^\d+ vnodes resident, \d+ references$", kvnodes, re.M):
        problems.append("kvnodes: no summary line")
    for name, text in (("kfiles", section(out, "KEEL-KFILES\n", "KEEL-KFILES-PID")),
                       ("kfiles PID", section(out, "KEEL-KFILES-PID", "KEEL-KFILES-NONE"))):
        if f"pid {pids[0]} kshell ttyS0" not in text:
            problems.append(f"{name}: no entry for pid {pids[0]} (kshell ttyS0)")
        if not re.search(r"^\s+cwd\s+ramfs ino \d+ dir count \d+ len \d+ /$", text, re.M):
            problems.append(f"{name}: no current directory / for the shell")
        if not re.search(r"^\s+\d+\s+0x[0-9a-f]+ -w-\s+6\s+1 ramfs ino \d+ reg count 1 len 6 "
                         r"/g/out$", text, re.M):
            problems.append(f"{name}: no descriptor open for writing on /g/out at position 6")
        if not re.search(r"^\s+\d+\s+0x[0-9a-f]+ r--\s+6\s+1 ramfs ino \d+ reg count 1 len 6 "
                         r"/g/in$", text, re.M):
            problems.append(f"{name}: no descriptor open for reading on /g/in at position 6")
    if "pid 1 " not in section(out, "KEEL-KFILES\n", "KEEL-KFILES-PID"):
        problems.append("kfiles with no PID does not list init (pid 1)")
    if "pid 1 " in section(out, "KEEL-KFILES-PID", "KEEL-KFILES-NONE"):
        problems.append(f"kfiles {pids[0]} lists init too")
    if "pid 999 has no VFS state" not in section(out, "KEEL-KFILES-NONE", "KEEL-END"):
        problems.append("kfiles 999 does not say that pid 999 has no VFS state")
    if problems:
        return "; ".join(problems) + "\n" + out[-3000:]
    return None


# QEMU's exit status when halt found vnodes still referenced (SHUTDOWN_LEAKS
# in kernel/include/main/shutdown.h).
EXIT_LEAKS = 39

LEAK_SCRIPT = """\
set pagination off
set confirm off
target remote 127.0.0.1:{port}
set var 'vfs_proc.c'::vfs_procs[{pid}].vp_cwd->vn_refcount = \
'vfs_proc.c'::vfs_procs[{pid}].vp_cwd->vn_refcount + 1
echo KEEL-LEAKED\\n
detach
quit
"""


def test_halt_leak(kernel, work, timeout):
    """A reference nobody gives back (added with GDB to the shell's current
    directory) must make halt name the vnode instead of halting cleanly."""
    if shutil.which(keelhost.GDB) is None:
        return f"{keelhost.GDB} not found"
    sh, port = gdb_session(kernel, timeout)
    gdb = None
    try:
        sh.expect("mkdir /kept", [])
        sh.expect("cd /kept", [])
        pid = shell_pid(sh)
        gdb, gdb_out = start_gdb(kernel, work, LEAK_SCRIPT.format(port=port, pid=pid))
        try:
            gdb.wait(timeout)
        except subprocess.TimeoutExpired:
            gdb.kill()
        time.sleep(0.2)
        if not any("KEEL-LEAKED" in line for line in gdb_out):
            raise Failed("GDB could not add a reference:\n" + "".join(gdb_out)[-2000:])
        sh.expect("pwd", ["/kept"])
        sh.boot.send("halt\n")
        status = sh.boot.wait_exit(timeout)
        out = sh.boot.text()
    finally:
        if gdb is not None and gdb.poll() is None:
            gdb.kill()
        sh.close()
    if not re.search(r"^keel: vnode still referenced: ramfs ino \d+ dir count 1 /kept$", out,
                     re.M):
        return f"halt did not name the vnode of /kept with count 1\n{out[-1500:]}"
    if HALTED in out or "keel: halted with vnodes still referenced" not in out:
        return f"halt did not say that vnodes are still referenced\n{out[-1500:]}"
    if status != EXIT_LEAKS:
        return f"QEMU exit status {status}, expected {EXIT_LEAKS}"
    return None


class GdbBoot(drivers.Boot):
    """A Boot whose QEMU command line is given (here: with the GDB stub)."""

    def __init__(self, argv):
        self.workdir = None
        self.monitor_path = None
        self._start(argv)


TESTS = [
    ("session", test_session),
    ("redirection", test_redirection),
    ("errors", test_errors),
    ("ls_format", test_ls_format),
    ("cwd", test_cwd),
    ("two_shells", test_two_shells),
    ("gdb", test_gdb),
    ("halt_leak", test_halt_leak),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "keel.elf"))
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per step of a boot")
    ap.add_argument("--only", help="run only the tests whose names contain this")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="show the serial output")
    args = ap.parse_args()
    drivers.VERBOSE = args.verbose
    return keelhost.run_e2e("vfs.py", "vfs.e2e", TESTS, args, expected=(Failed,))


if __name__ == "__main__":
    sys.exit(main())
