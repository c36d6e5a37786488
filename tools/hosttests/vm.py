#!/usr/bin/env python3
"""The VM stage's user test programs, run on this Linux host and on Keel, compared.

    tools/hosttests/vm.py [--kernel build/keel.elf] [--test GLOB] [-v]
    tools/hosttests/vm.py --log console.txt [--log more.txt ...]   (no boot)
    tools/hosttests/vm.py --linux-only

The programs are user/test/<name>.c, built by mk/user.mk as static i386
binaries into <build>/user/root/usr/test/ and put on <build>/disk.img;
user/test/TESTS lists them, one "<name> [nodiff]" a line.  The same binary
runs on both systems:

  linux   each program runs here in a fresh temporary directory (stdin
          /dev/null, stdout and stderr one file, no core dumps, argv[0] its
          absolute path, the environment Keel's runner gives): its bytes and raw wait status are recorded.  For
          each program not marked nodiff, "vm.host.<name>" passes when it
          exits 0.  (nodiff programs read Keel-only counters or check what
          only Keel does: they are run on Keel alone.)
  sh      the shell and the utilities (<build>/user/root/bin) run here: each
          "vm.host.sh.<case>" runs a script with `sh FILE` in a fresh
          directory (PATH that bin alone) and checks its exact output and
          exit status (redirections, $?, && and ||, pipelines, cd, quoting,
          ls -l, hexdump, cp, mv, ln, rm, background jobs, exit)
  decode  "vm.decode.*": the decoder below reads back every program's Linux
          output encoded as Keel's runner encodes it, and refuses malformed
          lines
  keel    one kernel run of the tests vm.user.* (tools/ktest-run with a fresh
          copy of <build>/disk.img as hda, the root), or the serial logs given
          with --log.  The kernel's runner prints each program's output as
          TAP diagnostics: a line "# | TEXT" for each line that ended with a
          newline, "# |~ TEXT" for a last line without one, TEXT with "\\"
          written "\\\\" and each byte outside 0x20..0x7e written "\\xHH";
          then "# exit STATUS" (the raw wait status), then the test's result
          line "ok N - vm.user.<name>" or "not ok ...".
  session Keel booted without tests on a copy of <build>/disk.img: init's
          shell on the serial port runs a few commands (redirections, a
          pipeline, $?, cd, ls -l, exit and a new shell from init), each
          output checked exactly, then `halt` halts cleanly
          ("vm.keel.session.*"; not with --log or --test)
  diff    for each program not marked nodiff, "diff.vm.user.<name>" passes
          when Keel's bytes and status equal Linux's; a mismatch shows a short
          unified diff.  A program Keel did not report on fails.

Output is TAP, then "# N passed, M failed"; the exit status is 0 only when
every test passed.  Standard library only.
"""

import argparse
import difflib
import fnmatch
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import keelhost  # noqa: E402
TESTS_FILE = os.path.join(ROOT, "user", "test", "TESTS")
KTEST_RUN = os.path.join(ROOT, "tools", "ktest-run")

LINUX_TIMEOUT = 60.0
# The environment Keel's runner gives each program.
ENV = {"PATH": "/bin:/usr/test", "HOME": "/"}
OUTPUT_CAP = 1 << 20
DIFF_LINES = 30

RESULT_RE = re.compile(r"^(ok|not ok) (\d+) - (\S+)(?: # (.*?))?(?: \[auth=\d+:[0-9a-f]+\])?$")
RUNNING_RE = re.compile(r"^\[test\] \S+: running (\S+)$")
OUT_RE = re.compile(r"^# \|(~?) (.*)$")
EXIT_RE = re.compile(r"^# exit (-?\d+)$")


def read_tests(path=TESTS_FILE):
    """[(name, nodiff)] in the order of TESTS."""
    out = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if len(words) > 2 or (len(words) == 2 and words[1] != "nodiff"):
                raise SystemExit(f"{path}:{lineno}: expected 'NAME [nodiff]', got {line.strip()!r}")
            out.append((words[0], len(words) == 2))
    return out


class DecodeError(Exception):
    pass


def decode_text(text):
    """The bytes one '# | ' line stands for (without its newline)."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != "\\":
            if not " " <= c <= "~":
                raise DecodeError(f"a raw character {c!r} in {text!r}")
            out += c.encode("ascii")
            i += 1
        elif text[i + 1:i + 2] == "\\":
            out += b"\\"
            i += 2
        elif text[i + 1:i + 2] == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2:i + 4]):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        else:
            raise DecodeError(f"a bad escape at {text[i:i + 4]!r} in {text!r}")
    return bytes(out)


def encode_output(data):
    """The inverse of the decoder: vm-iface's encoding of a program's output (for tests)."""
    lines = []
    parts = data.split(b"\n")
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        if last and part == b"":
            break
        text = "".join("\\\\" if b == 0x5c else chr(b) if 0x20 <= b <= 0x7e else "\\x%02x" % b
                       for b in part)
        lines.append(("# |~ " if last else "# | ") + text)
    return lines


def parse_console(text):
    """{name: (output bytes, status or None, outcome, problems)} for each vm.user.* result.

    A test's output is the '# | ' lines between the line that starts it (the
    harness's '[test] ...: running NAME', or the previous result line) and
    its result line.  A "# |~" chunk followed by more lines is part of a line
    (the runner cuts very long lines): its bytes and the next ones are joined."""
    results = {}
    out, status, problems = bytearray(), None, []
    for raw in text.replace("\r", "").split("\n"):
        line = raw.rstrip()
        m = RUNNING_RE.match(line)
        if m:
            out, status, problems = bytearray(), None, []
            continue
        m = OUT_RE.match(raw.rstrip("\n"))
        if m:
            try:
                out += decode_text(m.group(2))
            except DecodeError as e:
                problems.append(str(e))
            if m.group(1) != "~":
                out += b"\n"
            continue
        m = EXIT_RE.match(line)
        if m:
            status = int(m.group(1))
            continue
        m = RESULT_RE.match(line)
        if m:
            name = m.group(3)
            if name.startswith("vm.user."):
                results[name[len("vm.user."):]] = (bytes(out), status, m.group(1), problems)
            out, status, problems = bytearray(), None, []
    return results


# The shell and the utilities on Linux: (name, script, its output, its exit status).
# /bin/sh FILE runs each in a fresh directory with PATH the built /bin alone.
SH_CASES = [
    ("redirect", "echo a > f; echo b >> f; cat < f\ncat f | wc\necho c > f; cat f\n",
     "a\nb\n      2       2       4\nc\n", 0),
    ("status", "false; echo $?\ntrue && echo yes; false || echo no; false && echo never\n"
     "sh -c 'exit 7'; echo $?\nnosuch; echo $?\n",
     "1\nyes\nno\n7\nsh: nosuch: not found\n127\n", 0),
    ("pipeline", "echo one two three | cat | cat | wc\necho x | false | true; echo $?\n",
     "      1       3      14\n0\n", 0),
    ("cd", "mkdir d; cd d; echo x > f; cd ..; ls; ls d; cd nowhere; echo $?\n",
     "d\nf\nsh: cd: nowhere: No such file or directory\n1\n", 0),
    ("quoting", "echo 'a  b' \"c $? d\" e\\ f # a comment\necho \"\" x\n",
     "a  b c 0 d e f\n x\n", 0),
    ("utilities", "echo hello > f; cp f g; mv g h; ln h i; ls -l\nhexdump -C f\n"
     "head -n 1 f; rm h i; ls; rmdir f; mkdir d; rmdir d; echo done\n",
     "-rw-r--r--  1          6 f\n-rw-r--r--  2          6 h\n-rw-r--r--  2          6 i\n"
     "00000000  68 65 6c 6c 6f 0a                                 |hello.|\n00000006\n"
     "hello\nf\nrmdir: f: Not a directory\ndone\n", 0),
    ("background", "sleep 0.3 & echo started\nexit 3\necho never\n", "started\n", 3),
]


def run_sh_case(bindir, script):
    """(output, status) of the built sh running 'script' as a file in a fresh directory."""
    work = tempfile.mkdtemp(prefix="keel-sh-")
    script_path = work + ".script"
    try:
        with open(script_path, "w") as f:
            f.write(script)
        def setup():
            os.umask(0o022)
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        p = subprocess.run([os.path.join(bindir, "sh"), script_path], cwd=work,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env={"PATH": bindir}, preexec_fn=setup,
                           timeout=LINUX_TIMEOUT)
        return p.stdout.decode("utf-8", "replace"), p.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if os.path.exists(script_path):
            os.remove(script_path)


# The user shell on Keel's serial port: (command, its output).  init starts
# the shell; "exit" ends it and init starts another, in /.
SESSION = [
    ("echo hello > /tmp/s; cat /tmp/s | wc", "      1       1       6\n"),
    ("cd /tmp; ls; false || echo $?", "s\n1\n"),
    ("sh -c 'exit 4'; echo $?; echo a b | cat | cat", "4\na b\n"),
    ("mkdir /tmp/d && cd /tmp/d && echo x >> f && ls -l && rm f && cd .. && rmdir d; ls",
     "-rw-r--r--  1          2 f\ns\n"),
    ("exit", ""),
    ("ls /usr/test | head -n 1; cat < /tmp/s", "bomb\nhello\n"),
]


def keel_session(kernel, disk, timeout):
    """[(name, ok, why, detail)]: init's shell on the serial port, then halt."""
    results = []
    with keelhost.ShellSession(kernel, disk, timeout, prefix="keel-vm-session-") as sh:
        ok = sh.wait_prompts(1)
        results.append(("session.prompt", ok, "no shell prompt on the serial port",
                        sh.text()[-1500:]))
        for i, (cmd, want) in enumerate(SESSION):
            if not ok:  # counted, not skipped
                results.append((f"session.{i + 1}", False, f"{cmd!r}: not run, no prompt", ""))
                continue
            ok, got = sh.say(cmd)
            same = ok and got == want
            results.append((f"session.{i + 1}", same, f"{cmd!r}: " +
                            ("no prompt after it" if not ok else "the output differs"),
                            f"wanted {want!r}\ngot    {got!r}"))
        halted = sh.halt()
        results.append(("session.halt", halted, f"halt: QEMU status {sh.proc.returncode}",
                        sh.text()[-800:]))
    return results


def decoder_checks(linux):
    """[(name, ok, why)]: the decoder against consoles made here from Linux's outputs."""
    samples = {n: v for n, v in linux.items() if v is not None}
    samples["escapes"] = (bytes(range(256)) + b"\\x41\\\\ end\n\nlast", 11)
    console = ["keel: booting", "1..%d" % len(samples)]
    for i, (name, (data, status)) in enumerate(sorted(samples.items()), 1):
        console += [f"[test] vm: running vm.user.{name}", "segfault: pid 9 (x) address 0x0 eip 0x1"]
        console += encode_output(data)
        console += [f"# exit {status}", "# a diagnostic that is not output",
                    f"{'ok' if status == 0 else 'not ok'} {i} - vm.user.{name}"]
    parsed = parse_console("\r\n".join(console) + "\n")
    wrong = [n for n, (data, status) in samples.items()
             if parsed.get(n, (None, None))[:2] != (data, status) or parsed[n][3]]
    out = [("decode.roundtrip", not wrong, "decoded differently: " + ", ".join(wrong[:5]))]
    bad = parse_console("\n".join(["# | raw\ttab", "# | bad \\q escape", "# | cut \\x4",
                                    "# |~ a long line ", "# | cut in two", "# exit 0",
                                    "ok 1 - vm.user.bad"]))
    got = bad.get("bad", (b"", 0, "", []))
    out.append(("decode.rejects", len(got[3]) == 3 and got[0].endswith(b"\na long line cut in two\n"),
                f"{len(got[3])} problems found in 3 malformed lines: {got[3]}; output {got[0]!r}"))
    return out


def status_text(st):
    if st is None:
        return "no status"
    if st & 0x7f == 0:
        return f"exited {(st >> 8) & 0xff}"
    return f"signalled {st & 0x7f}" + (" (core)" if st & 0x80 else "")


def run_on_linux(binary, timeout=LINUX_TIMEOUT):
    """(output bytes, raw wait status) of one program in a fresh directory."""
    work = tempfile.mkdtemp(prefix="keel-user-")
    try:
        with tempfile.TemporaryFile() as out:
            p = subprocess.Popen([os.path.abspath(binary)], cwd=work, stdin=subprocess.DEVNULL,
                                 stdout=out, stderr=subprocess.STDOUT, close_fds=True, env=ENV,
                                 preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CORE,
                                                                       (0, 0)))
            try:
                p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            out.seek(0)
            data = out.read(OUTPUT_CAP)
        rc = p.returncode
        return data, ((-rc) & 0x7f if rc < 0 else (rc & 0xff) << 8)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def keel_console(kernel, disk, timeout, cmdline, pattern="*"):
    """The consoles of a ktest-run of vm.user.<names>, joined; (text, run's own output)."""
    logs = tempfile.mkdtemp(prefix="keel-vm-logs-")
    try:
        argv = [KTEST_RUN, "--kernel", kernel, "--test", "vm.user." + pattern, "--disk", disk,
                "--timeout", str(timeout), "--log-dir", logs]
        if cmdline:
            argv += ["--cmdline", cmdline]
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        text = []
        for name in sorted(os.listdir(logs), key=boot_order):
            with open(os.path.join(logs, name), errors="replace") as f:
                text.append(f.read())
        return "\n".join(text), p.stdout
    finally:
        shutil.rmtree(logs, ignore_errors=True)


def boot_order(log_name):
    """Sorts 'GROUP.bootN.log' by group, then N as a number."""
    m = re.match(r"^(.*)\.boot(\d+)\.log$", log_name)
    return (m.group(1), int(m.group(2))) if m else (log_name, 0)


def short_diff(linux, keel):
    """A unified diff of the two outputs, at most DIFF_LINES lines, unprintable bytes escaped."""
    def lines(data):
        return [l.encode("unicode_escape").decode("ascii") + "\n"
                for l in data.decode("latin-1").split("\n")]
    out = list(difflib.unified_diff(lines(linux), lines(keel), "linux", "keel", n=2))
    if len(out) > DIFF_LINES:
        out = out[:DIFF_LINES] + [f"... ({len(out) - DIFF_LINES} more diff lines)\n"]
    return "".join(out)


def note(msg):
    for line in str(msg).rstrip("\n").splitlines():
        print(f"# {line}", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"), "keel.elf"))
    ap.add_argument("--build", help="the build directory with user/root/usr/test and disk.img "
                    "(default: --kernel's directory)")
    ap.add_argument("--log", action="append", default=[],
                    help="a saved serial console of a vm.user.* run: compare it instead of booting")
    ap.add_argument("--linux-only", action="store_true",
                    help="only run the programs here (the vm.host.* checks)")
    ap.add_argument("--test", default="*", help="only the programs whose name matches this glob")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per Keel boot")
    ap.add_argument("--cmdline", default="", help="extra kernel command-line words")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    build = args.build or os.path.dirname(os.path.abspath(args.kernel))
    bindir = os.path.join(build, "user", "root", "usr", "test")
    tests = [(n, nd) for n, nd in read_tests() if fnmatch.fnmatchcase(n, args.test)]
    if not tests:
        print(f"vm.py: no program in {TESTS_FILE} matches {args.test!r}", file=sys.stderr)
        return 2
    compared = [n for n, nd in tests if not nd]
    sh_cases = [c for c in SH_CASES if fnmatch.fnmatchcase("sh." + c[0], args.test)
                or args.test == "*"]
    session = not args.linux_only and not args.log and args.test == "*"
    plan = len(compared) * (1 if args.linux_only else 2) + 2 + len(sh_cases) \
        + (len(SESSION) + 2 if session else 0)
    print(f"1..{plan}", flush=True)
    results = []

    def check(name, ok, why="", detail=""):
        results.append(ok)
        print(f"{'ok' if ok else 'not ok'} {len(results)} - {name}"
              + ("" if ok or not why else f" # {why}"), flush=True)
        if detail and (args.verbose or not ok):
            note(detail)

    linux = {}
    for name in compared:
        binary = os.path.join(bindir, name)
        if not os.path.exists(binary):
            linux[name] = None
            check(f"vm.host.{name}", False, f"{binary} is missing (make builds it)")
            continue
        data, status = run_on_linux(binary)
        linux[name] = (data, status)
        check(f"vm.host.{name}", status == 0, status_text(status),
              data.decode("utf-8", "replace")[-1500:])

    for name, ok, why in decoder_checks(linux):
        check(f"vm.{name}", ok, why)

    bin_dir = os.path.abspath(os.path.join(build, "user", "root", "bin"))
    for name, script, want, want_status in sh_cases:
        try:
            got, status = run_sh_case(bin_dir, script)
        except (OSError, subprocess.TimeoutExpired) as e:
            got, status = str(e), None
        ok = got == want and status == want_status
        check(f"vm.host.sh.{name}", ok, f"exit status {status}, wanted {want_status}"
              if status != want_status else "the output differs",
              "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                           "wanted", "got", n=2)))

    if not args.linux_only:
        if args.log:
            text = ""
            for path in args.log:
                with open(path, errors="replace") as f:
                    text += f.read() + "\n"
            run_output = ""
        else:
            disk = os.path.join(build, "disk.img")
            if not os.path.exists(disk):
                text, run_output = "", f"{disk} is missing (make builds it)"
            else:
                text, run_output = keel_console(args.kernel, disk, args.timeout, args.cmdline,
                                                args.test)
        keel = parse_console(text)
        for name in compared:
            got = keel.get(name)
            if got is None:
                check(f"diff.vm.user.{name}", False, "Keel reported no result for vm.user." + name,
                      run_output[-1000:] if run_output else "")
                run_output = ""  # shown once
                continue
            k_out, k_status, outcome, problems = got
            if problems:
                check(f"diff.vm.user.{name}", False, "the output is not encoded as vm-iface says",
                      "\n".join(problems[:5]))
                continue
            if linux[name] is None:
                check(f"diff.vm.user.{name}", False, "not run on Linux")
                continue
            l_out, l_status = linux[name]
            why = []
            if k_status != l_status:
                why.append(f"status: Linux {status_text(l_status)}, Keel {status_text(k_status)}")
            if k_out != l_out:
                why.append("the output differs")
            check(f"diff.vm.user.{name}", not why, "; ".join(why),
                  short_diff(l_out, k_out) if k_out != l_out else "")

    if session:
        disk = os.path.join(build, "disk.img")
        for name, ok, why, detail in keel_session(args.kernel, disk, args.timeout):
            check(f"vm.keel.{name}", ok, why, detail)

    passed = sum(results)
    print(f"# {passed} passed, {len(results) - passed} failed", flush=True)
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
