#!/usr/bin/env python3
"""What `make run` does with piped input: the user shell on the serial port.

    tools/hosttests/run.py [--kernel build/keel.elf] [--timeout S] [-v]

Runs tools/run (what `make run` runs: an ISO booted through the BIOS and
GRUB, no $DISPLAY, standard input a pipe, which tools/run feeds to the
serial port) on a copy of <build>/disk.img, with an ISO that tools/mkiso
makes from <build>/keel.elf in a scratch directory (as make makes
<build>/keel.iso, whose command line may be another), and

    ls / | wc -l
    echo $?
    busybox sh -c "seq 5 | sort -r | head -2"
    halt

as its input, and checks, as TAP ("run.*"):

  run.count    the shell printed the number of entries of the image's root
               directory (read from the image with s5dbg), right after a
               "$ " prompt
  run.status   then `echo $?` printed 0 (the pipeline succeeded)
  run.busybox  then BusyBox's pipeline printed 5 and 4 (the issue's example:
               Debian's BusyBox from the project's shell)
  run.halt     `halt` stopped the machine: "keel: halted cleanly" on the
               console, "run: the kernel halted cleanly" from tools/run and
               its exit status 0 (what make sees)

Then `make run USERSHELL=busybox`: make adds the word usershell=busybox to
the ISO's command line (run.usershell_make checks, with make -n, that it
does); the same tools/run boots an ISO that tools/mkiso made with that
command line, with

    echo "[$0] $PATH"
    help | head -1
    seq 3 | sort -r | head -1; /usr/bin/seq 2 | tail -1
    halt

as its input:

  run.usershell        the prompt is BusyBox's ("/ # "), $0 is sh and PATH is
                       /bin:/usr/bin; `help` is ash's ("Built-in commands:"),
                       which the project's shell has not
  run.usershell_links  the applets run by their names (seq, sort, head) and
                       through their link /usr/bin/seq: 3, then 2
  run.usershell_halt   `halt` (/etc/busybox-shrc makes it /bin/halt) stops the
                       machine cleanly

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
ROOT = os.path.dirname(TOOLS)
sys.path.insert(0, TOOLS)
import keelhost  # noqa: E402

STAGE = "vm"
SESSION = 'ls / | wc -l\necho $?\nbusybox sh -c "seq 5 | sort -r | head -2"\nhalt\n'
BB_SESSION = ('echo "[$0] $PATH"\nhelp | head -1\n'
              'seq 3 | sort -r | head -1; /usr/bin/seq 2 | tail -1\nhalt\n')


def root_entries(build, image):
    """How many names `ls /` lists on 'image': its root without . and .."""
    out = subprocess.run([os.path.join(build, "tools", "s5dbg"), image, "ls", "/"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True)
    names = [line.split()[-1] for line in out.stdout.decode().splitlines() if line.strip()]
    return len([n for n in names if n not in (".", "..")])


def session(build, timeout, text_in, cmdline):
    """(tools/run's exit status, its output, the expected count).

    The ISO booted is one tools/mkiso makes from <build>/keel.elf with
    'cmdline', in a scratch directory: the build's own ISO may have been
    made with another CMDLINE or USERSHELL, and is left alone.
    """
    work = tempfile.mkdtemp(prefix="keel-run-")
    try:
        image = os.path.join(work, "disk.img")
        shutil.copyfile(os.path.join(build, "disk.img"), image)
        want = root_entries(build, image)
        env = dict(os.environ)
        env.pop("DISPLAY", None)  # no window: QEMU's serial port is the pipe
        subprocess.run([os.path.join(TOOLS, "mkiso"), os.path.join(build, "keel.elf"),
                        os.path.join(work, "keel.iso"), cmdline], check=True)
        proc = subprocess.Popen([sys.executable, os.path.join(TOOLS, "run"), "--build", work,
                                 "--disk", image], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(text_in.encode(), timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            out, _ = proc.communicate()
            return None, out.decode("utf-8", "replace"), want
        text = keelhost.strip_ansi(out.decode("utf-8", "replace")).replace("\r", "")
        return proc.returncode, text, want
    finally:
        shutil.rmtree(work, ignore_errors=True)


def halted(status, text):
    """Whether tools/run saw the kernel halt cleanly and exited 0."""
    return (status == 0 and keelhost.HALTED_CLEANLY in text and
            "run: the kernel halted cleanly" in text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"),
                                                     "keel.elf"),
                    help="the kernel; its directory is the build (keel.iso, disk.img, tools)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds for the whole boot")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the console")
    args = ap.parse_args()
    build = os.path.dirname(os.path.abspath(args.kernel))
    for need in ("keel.elf", "disk.img", os.path.join("tools", "s5dbg")):
        if not os.path.exists(os.path.join(build, need)):
            print("run.py: no %s in %s (make first)" % (need, build), file=sys.stderr)
            return 2
    status, text, want = session(build, args.timeout, SESSION, "")
    if args.verbose:
        keelhost.note(text)
    # The shell's outputs follow its prompts: "$ 8", "$ 0", "$ 5", "$ " (halt).
    outputs = re.findall(r"^\$ (.*)$", text, re.M)
    results = [
        ("count", len(outputs) >= 1 and outputs[0] == str(want),
         "wanted '$ %d' (ls / | wc -l) first after a prompt; got %r" % (want, outputs[:1])),
        ("status", len(outputs) >= 2 and outputs[1] == "0",
         "wanted '$ 0' (echo $?) next; got %r" % (outputs[1:2],)),
        ("busybox", re.search(r"^\$ 5\n4\n\$ ", text, re.M) is not None,
         "wanted '$ 5' and '4' (busybox sh -c \"seq 5 | sort -r | head -2\") next; got %r"
         % (outputs[2:3],)),
        ("halt", halted(status, text),
         "tools/run %s" % ("ran past %g s" % args.timeout if status is None
                           else "exited with status %d" % status)),
    ]
    failed_text = [text] if not all(r[1] for r in results) else []

    make = subprocess.run(["make", "-n", "--no-print-directory", "-C", ROOT, "BUILD=" + build,
                           "USERSHELL=busybox", os.path.join(build, "keel.iso")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    make_out = make.stdout.decode("utf-8", "replace")
    results.append(("usershell_make", "mkiso" in make_out and "'usershell=busybox'" in make_out,
                    "make -n USERSHELL=busybox keel.iso: no mkiso with 'usershell=busybox':\n"
                    + make_out[-600:]))
    status, text, _ = session(build, args.timeout, BB_SESSION, "usershell=busybox")
    if args.verbose:
        keelhost.note(text)
    # BusyBox's prompt for root in / is "/ # "; its line editing echoes
    # each line after the prompt, when it reads it.
    prompts = re.findall(r"^/ # ", text, re.M)
    results += [
        ("usershell", len(prompts) >= 4 and
         re.search(r"^\[sh\] /bin:/usr/bin\n(/ # .*\n)?Built-in commands:$", text, re.M)
         is not None, "wanted BusyBox's prompt '/ # ' before each line, '[sh] /bin:/usr/bin' "
         "and 'Built-in commands:'"),
        ("usershell_links", re.search(r"^3\n2\n", text, re.M) is not None,
         "wanted '3' and '2' from the applets"),
        ("usershell_halt", halted(status, text),
         "tools/run %s" % ("ran past %g s" % args.timeout if status is None
                           else "exited with status %d" % status)),
    ]
    if not all(r[1] for r in results[-3:]):
        failed_text.append(text)
    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print("%s %d - run.%s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            keelhost.note(why)
    for t in failed_text:
        keelhost.note("the console's end:\n" + t[-1200:])
    print("# %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
