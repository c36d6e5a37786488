#!/usr/bin/env python3
"""What `make run` does with piped input: the user shell on the serial port.

    tools/hosttests/run.py [--kernel build/keel.elf] [--timeout S] [-v]

Runs tools/run (what `make run` runs: the ISO <build>/keel.iso booted
through the BIOS and GRUB, no $DISPLAY, standard input a pipe, which
tools/run feeds to the serial port) on a copy of <build>/disk.img, with

    ls / | wc -l
    echo $?
    halt

as its input, and checks, as TAP ("run.*"):

  run.count    the shell printed the number of entries of the image's root
               directory (read from the image with s5dbg), right after a
               "$ " prompt
  run.status   then `echo $?` printed 0 (the pipeline succeeded)
  run.halt     `halt` stopped the machine: "keel: halted cleanly" on the
               console, "run: the kernel halted cleanly" from tools/run and
               its exit status 0 (what make sees)

Ends with "# N passed, M failed"; exit status 0 only when all passed.
The user shell needs the VM stage (STAGE below: tools/test-all runs this
file with that stage's host tests).  Standard library only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
TOOLS = os.path.dirname(HERE)
sys.path.insert(0, TOOLS)
import keelhost  # noqa: E402

STAGE = "vm"
SESSION = "ls / | wc -l\necho $?\nhalt\n"


def root_entries(build, image):
    """How many names `ls /` lists on 'image': its root without . and .."""
    out = subprocess.run([os.path.join(build, "tools", "s5dbg"), image, "ls", "/"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)
    names = [line.split()[-1] for line in out.stdout.decode().splitlines() if line.strip()]
    return len([n for n in names if n not in (".", "..")])


def session(build, timeout):
    """(tools/run's exit status, its output, the expected count)."""
    work = tempfile.mkdtemp(prefix="keel-run-")
    try:
        image = os.path.join(work, "disk.img")
        shutil.copyfile(os.path.join(build, "disk.img"), image)
        want = root_entries(build, image)
        env = dict(os.environ)
        env.pop("DISPLAY", None)  # no window: QEMU's serial port is the pipe
        proc = subprocess.Popen([sys.executable, os.path.join(TOOLS, "run"), "--build", build,
                                 "--disk", image], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(SESSION.encode(), timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            out, _ = proc.communicate()
            return None, out.decode("utf-8", "replace"), want
        text = keelhost.strip_ansi(out.decode("utf-8", "replace")).replace("\r", "")
        return proc.returncode, text, want
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"),
                                                     "keel.elf"),
                    help="the kernel; its directory is the build (keel.iso, disk.img, tools)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds for the whole boot")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the console")
    args = ap.parse_args()
    build = os.path.dirname(os.path.abspath(args.kernel))
    for need in ("keel.iso", "disk.img", os.path.join("tools", "s5dbg")):
        if not os.path.exists(os.path.join(build, need)):
            print("run.py: no %s in %s (make first)" % (need, build), file=sys.stderr)
            return 2
    status, text, want = session(build, args.timeout)
    if args.verbose:
        keelhost.note(text)
    # The shell's outputs follow its prompts: "$ 8", "$ 0", "$ " (halt).
    outputs = re.findall(r"^\$ (.*)$", text, re.M)
    results = [
        ("count", len(outputs) >= 1 and outputs[0] == str(want),
         "wanted '$ %d' (ls / | wc -l) first after a prompt; got %r" % (want, outputs[:1])),
        ("status", len(outputs) >= 2 and outputs[1] == "0",
         "wanted '$ 0' (echo $?) next; got %r" % (outputs[1:2],)),
        ("halt", status == 0 and keelhost.HALTED_CLEANLY in text and
         "run: the kernel halted cleanly" in text,
         "tools/run %s" % ("ran past %g s" % args.timeout if status is None
                           else "exited with status %d" % status)),
    ]
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print("%s %d - run.%s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            keelhost.note(why)
    if failed:
        keelhost.note("the console's end:\n" + text[-1200:])
    print("# %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
