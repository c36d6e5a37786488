#!/usr/bin/env python3
"""Host-side tests of the support code under every stage: a graded build.

    tools/hosttests/base.py [--kernel build/keel.elf] [--timeout 60] [-v]

A kernel the grader builds has a signing key compiled into the test
harness (KTEST_AUTH_KEY, mk/course.mk), and then leaves the harness out of
its symbol table.  The ordinary build that `make test` uses has no key, so
these tests make one: they copy the objects of --kernel's build directory,
rebuild the harness with a fresh random key and link, as the grader's
pristine build does.  Then:

  omit_list        the keyed build's ksyms-omit.txt names the harness's and
                   SHA-256's functions and the tables' linker symbols; an
                   ordinary build's list is empty
  table_hides      no name on that list is in the keyed kernel's symbol
                   table (tools/gensyms's output), and ordinary functions are
  signed_symbols   booted with test=base.wp.symbols and a nonce, the keyed
                   kernel reports "ok" (the test sees the harness hidden)
                   with a MAC that verifies under the key
  signed_fault     base.wp.harness_state (a write into the harness's state
                   pages must fault) passes, signed, in the keyed kernel:
                   the harness still writes its own state after the fault

Output is TAP ("ok N - base.host.<name>"), then "# N passed, M failed"; the
exit status is 0 only when every test passed.  Standard library only.
"""

import argparse
import hashlib
import hmac
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import keelhost  # noqa: E402

VERBOSE = False
RESULT_RE = re.compile(r"^(ok|not ok) (\d+) - (\S+)(?: # (.*?))? \[auth=(\d+):([0-9a-f]{64})\]$")


def note(msg):
    for line in str(msg).splitlines():
        print(f"# {line}", flush=True)


def keyed_build(build, work, key):
    """Links a kernel with 'key' from a copy of 'build''s objects; (ok, log)."""
    shutil.copytree(os.path.join(build, "obj"), os.path.join(work, "obj"), symlinks=True)
    # Only the harness is compiled with the key: rebuild it, keep the rest.
    os.remove(os.path.join(work, "obj", "kernel", "test", "ktest.c.o"))
    cmd = ["make", "-C", ROOT, "--no-print-directory", f"BUILD={work}", f"KTEST_AUTH_KEY={key}",
           "KEEL_DEPS=0", os.path.join(work, "keel.elf")]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode == 0, p.stdout


def table_names(ksyms_s):
    """The function names in a symbol table made by tools/gensyms."""
    with open(ksyms_s) as f:
        return set(re.findall(r'^\s*\.asciz "([^"]*)"$', f.read(), re.M))


def read_lines(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def boot(kernel, cmdline, timeout):
    argv = keelhost.qemu_argv(kernel=kernel, cmdline=cmdline, extra=["-no-reboot"])
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out = p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout or b""
    return keelhost.strip_ansi(out.decode("utf-8", "replace")).replace("\r", "")


def mac(key, nonce, seq, number, outcome, name, directive):
    msg = "\n".join(["keel-ktest-1", nonce, str(seq), str(number), outcome, name, directive or ""])
    return hmac.new(bytes.fromhex(key), msg.encode(), hashlib.sha256).hexdigest()


def signed_result(console, key, nonce, name):
    """(outcome, directive) of the signed result line for 'name', or (None, why)."""
    for line in console.splitlines():
        m = RESULT_RE.match(line.strip())
        if m is None or m.group(3) != name:
            continue
        outcome, number, _, directive, seq, tag = m.groups()
        if int(seq) != 0 or int(number) != 1:
            return None, f"unexpected sequence or number: {line}"
        if not hmac.compare_digest(tag, mac(key, nonce, 0, 1, outcome, name, directive)):
            return None, f"the MAC does not verify: {line}"
        return outcome, directive
    return None, "no signed result line for " + name


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"), "keel.elf"))
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per boot")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    build = os.path.dirname(os.path.abspath(args.kernel))
    results = []

    def check(name, ok, why="", detail=""):
        results.append(ok)
        print(f"{'ok' if ok else 'not ok'} {len(results)} - base.host.{name}"
              + ("" if ok or not why else f" # {why}"), flush=True)
        if detail and (VERBOSE or not ok):
            note(detail)
        return ok

    print("1..4", flush=True)
    key = secrets.token_hex(32)
    nonce = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="keel-keyed-", dir=build) as work:
        ok, log = keyed_build(build, work, key)
        if not ok:
            for name in ["omit_list", "table_hides", "signed_symbols", "signed_fault"]:
                check(name, False, "the keyed build failed", log[-2000:])
            print(f"# 0 passed, {len(results)} failed")
            return 1

        omit = read_lines(os.path.join(work, "ksyms-omit.txt")) or []
        plain = read_lines(os.path.join(build, "ksyms-omit.txt"))
        want = ["ktest_check", "ktest_begin", "kbench_run", "hmac_sha256_init", "sha256_update",
                "ktests_start", "ksyms_names", "ktest_state_start"]
        missing = [n for n in want if n not in omit]
        check("omit_list", not missing and plain in (None, []),
              f"missing: {', '.join(missing)}" if missing else
              "the ordinary build's list is not empty", f"{len(omit)} names")

        names = table_names(os.path.join(work, "ksyms.S"))
        leaked = sorted(set(omit) & names)
        check("table_hides", not leaked and "kmain" in names and "wp_test_victim" in names,
              f"in the table: {', '.join(leaked[:5])}" if leaked else "kmain is not in the table",
              f"{len(names)} functions in the table")

        kernel = os.path.join(work, "keel.elf")
        console = boot(kernel, f"test=base.wp.symbols ktest_nonce={nonce}", args.timeout)
        outcome, directive = signed_result(console, key, nonce, "base.wp.symbols")
        check("signed_symbols", outcome == "ok" and "has a signing key" in console,
              directive or "not ok", console[-1500:])

        console = boot(kernel, f"test=base.wp.harness_state ktest_nonce={nonce}", args.timeout)
        outcome, directive = signed_result(console, key, nonce, "base.wp.harness_state")
        check("signed_fault",
              outcome == "ok" and "write to read-only kernel memory" in (directive or ""),
              directive or "not ok", console[-1500:])

    passed = sum(results)
    print(f"# {passed} passed, {len(results) - passed} failed", flush=True)
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
