#!/usr/bin/env python3
"""The S5FS stage's tests driven from the host: the root on disk, across boots.

    tools/hosttests/s5fs.py [--kernel build/keel.elf] [--fuzz N] [--seed S] [--only NAME] [-v]

Each test makes an S5FS image with build/tools/mkfs.s5fs, boots the kernel
with it as hda, and afterwards reads the image with the host tools
(fsck.s5fs must find it clean, s5dbg must see what the kernel wrote):

  persist        boot 1: mkdir, echo > file, sync, halt; fsck is clean and
                 s5dbg cats the file; boot 2 on the same image: cat shows
                 it, rm removes it, halt; fsck is clean and s5dbg's listing
                 no longer has it (the Pintos persistence tests, checked
                 from outside the kernel too)
  halt_writes    a file written without sync reaches the disk by halt alone
  suite_fsck     every s5fs.* kernel test in one boot on one image, then
                 fsck: clean after all that writing, allocating and freeing
  fallback       a blank disk, and an image with a bad superblock: the kernel
                 says in one line why it mounts ramfs instead; root=ramfs
                 ignores a good image
  gdb            stopped inside an S5FS test, GDB's kpframes shows the
                 cache's counters and the disk's and the file's pages
  corruptions    every corruption fsck.s5fs knows (tools/s5fs/s5image.py),
                 planted in a populated image: booted with the tree walk
                 (s5fs.walk.tree), the kernel neither panics nor hangs nor
                 leaks, and reports what it met
  fuzz           N images of the populated tree with random bytes in the
                 superblock, inodes, indirect blocks and directory blocks
                 (--fuzz N, default 50; `make fuzz-s5fs N=1000`): 0 panics,
                 0 hangs, every failure reported; prints images per second

Output is TAP ("ok N - s5fs.host.<name>"), then "# N passed, M failed".
Standard library only.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tools", "s5fs"))
sys.path.insert(0, HERE)
import keelhost  # noqa: E402
import drivers  # noqa: E402  (Boot: one QEMU session on pipes)
from s5image import BS, NDIRECT, CORRUPTIONS, Img  # noqa: E402

PROMPT = "ttyS0> "
DISK_TREE = os.path.join(ROOT, "tools", "s5fs", "disk")
DISK_MANIFEST = os.path.join(ROOT, "tools", "s5fs", "disk.manifest")


class Failed(Exception):
    """A check did not hold; the message says which and what was seen."""


class Tools:
    def __init__(self, build):
        self.dir = os.path.join(build, "tools")

    def run(self, tool, *args):
        p = subprocess.run([os.path.join(self.dir, tool)] + list(args), capture_output=True,
                           text=True, errors="replace")
        return p.returncode, p.stdout, p.stderr

    def mkfs(self, image, *args):
        st, out, err = self.run("mkfs.s5fs", "-q", *args, image)
        if st != 0:
            raise Failed("mkfs.s5fs failed: %s" % err)

    def fsck_clean(self, image):
        st, out, err = self.run("fsck.s5fs", image)
        if st != 0:
            raise Failed("fsck.s5fs %s: status %d\n%s%s" % (image, st, out, err))

    def dbg(self, image, *args):
        st, out, err = self.run("s5dbg", image, *args)
        if st != 0:
            raise Failed("s5dbg %s: status %d: %s" % (" ".join(args), st, err))
        return out


class Shell:
    """The serial kernel shell of one boot with 'disk' as hda."""

    def __init__(self, kernel, work, disk, timeout, cmdline=""):
        self.timeout = timeout
        self.boot = drivers.Boot(kernel, work, disk=disk, cmdline=cmdline)
        if not self.boot.wait_for(PROMPT, timeout):
            self.boot.kill()
            raise Failed("the serial shell never prompted\n%s" % self.boot.text()[-1500:])

    def run(self, command):
        lines = self.boot.run_command(command, PROMPT, self.timeout)
        if lines is None:
            raise Failed("no prompt after '%s'\n%s" % (command, self.boot.text()[-1500:]))
        return [line for line in lines if line != ""]

    def halt(self):
        self.boot.send("halt\n")
        status = self.boot.wait_exit(self.timeout)
        if status != keelhost.EXIT_OK or keelhost.HALTED_CLEANLY not in self.boot.text():
            raise Failed("halt: status %s\n%s" % (status, self.boot.text()[-1500:]))

    def text(self):
        return self.boot.text()


def fresh_image(tools, work, name="disk.img"):
    image = os.path.join(work, name)
    tools.mkfs(image, "-s", "16M", "-d", DISK_TREE, "-m", DISK_MANIFEST)
    return image


def check(cond, msg):
    if not cond:
        raise Failed(msg)


def t_persist(opts, tools, work):
    image = fresh_image(tools, work)
    sh = Shell(opts.kernel, work, image, opts.timeout)
    check(any(line == "root: S5FS on hda" for line in sh.text().splitlines()),
          "the kernel did not mount the image as the root:\n" + sh.text()[-800:])
    sh.run("mkdir /home/ann")
    sh.run("echo written by keel before a halt > /home/ann/note")
    got = sh.run("cat /home/ann/note")
    check(got == ["written by keel before a halt"], "cat printed %r" % got)
    got = sh.run("sync")
    check(len(got) == 1 and got[0].startswith("sync: "), "sync printed %r" % got)
    sh.halt()
    tools.fsck_clean(image)
    out = tools.dbg(image, "cat", "/home/ann/note")
    check(out == "written by keel before a halt\n", "s5dbg cat printed %r" % out)
    # The second boot sees it, and removes it.
    sh = Shell(opts.kernel, work, image, opts.timeout)
    got = sh.run("cat /home/ann/note")
    check(got == ["written by keel before a halt"], "after a reboot cat printed %r" % got)
    got = sh.run("ls /home")
    check(got == ["ann"], "ls /home printed %r" % got)
    sh.run("rm /home/ann/note")
    sh.run("rmdir /home/ann")
    sh.halt()
    tools.fsck_clean(image)
    listing = tools.dbg(image, "ls", "-R")
    check("note" not in listing and "ann" not in listing,
          "s5dbg still lists the removed files:\n" + listing)
    return "persisted across a halt and a boot; fsck clean twice"


def t_halt_writes(opts, tools, work):
    image = fresh_image(tools, work)
    sh = Shell(opts.kernel, work, image, opts.timeout)
    sh.run("echo no sync needed > /tmp/halted")
    sh.halt()
    tools.fsck_clean(image)
    out = tools.dbg(image, "cat", "/tmp/halted")
    check(out == "no sync needed\n", "s5dbg cat printed %r" % out)
    return "halt wrote the cache back"


def boot_tests(opts, image, glob, cmdline="", timeout=None):
    """Boots test=GLOB with 'image' as hda; (status or None on a hang, output)."""
    argv = keelhost.qemu_argv(kernel=opts.kernel, cmdline=("test=%s %s" % (glob, cmdline)).strip(),
                              extra=["-drive", "file=%s,format=raw,if=ide,index=0" % image])
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout or opts.timeout)
        return p.returncode, p.stdout.decode("latin-1")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("latin-1") if e.stdout else ""
        return None, out


def t_suite_fsck(opts, tools, work):
    image = fresh_image(tools, work)
    status, out = boot_tests(opts, image, "s5fs.*", timeout=max(opts.timeout, 240))
    results = re.findall(r"^(ok|not ok) \d+ - (\S+)", out, re.M)
    failed = [name for res, name in results if res != "ok"]
    check(status == keelhost.EXIT_OK and results and not failed,
          "the s5fs tests on one image: status %s, failed %s" % (status, failed))
    tools.fsck_clean(image)
    return "%d tests on one image, then fsck clean" % len(results)


def t_fallback(opts, tools, work):
    blank = os.path.join(work, "blank.img")
    with open(blank, "wb") as f:
        f.truncate(16 << 20)
    sh = Shell(opts.kernel, work, blank, opts.timeout)
    roots = [line for line in sh.text().splitlines() if line.startswith("root:")]
    check(len(roots) == 1 and "not an S5FS image" in roots[0],
          "a blank disk: the root lines were %r" % roots)
    check(sh.run("ls /dev") != [], "no /dev on the ramfs root")
    sh.halt()
    bad = fresh_image(tools, work, "badver.img")
    img = Img(bad)
    img.sb("version", 9)
    img.save(bad)
    sh = Shell(opts.kernel, work, bad, opts.timeout)
    roots = [line for line in sh.text().splitlines() if line.startswith("root:")]
    check(len(roots) == 1 and "version 9" in roots[0], "a bad version: %r" % roots)
    sh.halt()
    good = fresh_image(tools, work, "good.img")
    sh = Shell(opts.kernel, work, good, opts.timeout, cmdline="root=ramfs")
    got = sh.run("ls /")
    check("README" not in got, "root=ramfs still shows the image: %r" % got)
    sh.halt()
    return roots[0]


def make_populated(tools, work, rng):
    """An image with indirect blocks, a directory of several blocks, nested directories."""
    top = os.path.join(work, "tree")
    shutil.rmtree(top, ignore_errors=True)
    shutil.copytree(DISK_TREE, top)
    os.makedirs(os.path.join(top, "d", "e"))
    with open(os.path.join(top, "d", "e", "deep"), "wb") as f:
        f.write(rng.randbytes(5000))
    with open(os.path.join(top, "indirect"), "wb") as f:
        f.write(rng.randbytes(NDIRECT * BS + 40 * BS + 17))
    os.makedirs(os.path.join(top, "many"))
    for i in range(150):
        with open(os.path.join(top, "many", "f%03d" % i), "wb") as f:
            f.write(b"file %d\n" % i)
    image = os.path.join(work, "populated.img")
    tools.mkfs(image, "-s", "16M", "-d", top, "-m", DISK_MANIFEST)
    tools.fsck_clean(image)
    return image


def metadata_blocks(img):
    """{kind: [block]}: the superblock, the inode table, indirect and directory blocks."""
    kinds = {"super": [0], "inodes": list(range(1, img.data_start())), "indirect": [],
             "dir": []}
    for ino in range(1, img.sb("ninodes")):
        ip = img.inode(ino)
        if ip["type"] == 2:
            kinds["dir"] += [b for b in ip["direct"] if b]
        if ip["indirect"]:
            kinds["indirect"].append(ip["indirect"])
    return kinds


def mutate(base, kinds, rng):
    img = Img(base)
    for _ in range(rng.randint(1, 8)):
        kind = rng.choice([k for k in kinds if kinds[k]])
        block = rng.choice(kinds[kind])
        if kind == "super":
            off = rng.randrange(0, 128)
        elif kind == "inodes":
            off = block * BS + rng.randrange(BS)
        else:
            off = block * BS + rng.randrange(BS)
        img.b[off] = rng.choice([0, 1, 0xff, 0x80, rng.randrange(256)])
    return img


def boot_walk(opts, image):
    """One damaged image: 'ok', 'panic', 'hang', 'leak' or 'fail', and the output.
    'image' is a path, or (path, Img) to write first and remove after."""
    if isinstance(image, tuple):
        path, img = image
        img.save(path)
        try:
            return boot_walk(opts, path)
        finally:
            os.unlink(path)
    status, out = boot_tests(opts, image, "s5fs.walk.tree", "s5fs_fuzz=1", timeout=60)
    if status is None:
        return "hang", out
    if "panic" in out or status == keelhost.EXIT_PANIC:
        return "panic", out
    if "# leak" in out:
        return "leak", out
    if status != keelhost.EXIT_OK:
        return "fail", out
    return "ok", out


def reported(out):
    """Whether the kernel said what was wrong: a report, a refused mount, or no error at all.

    An ENOSPC (-28) is no error to report: an image whose superblock says
    it has no free block or inode left is full, not damaged."""
    walk = re.search(r"walk: \d+ directories, \d+ files, (\d+) errors", out)
    errors = int(walk.group(1)) if walk else -1
    full = len(re.findall(r"walk: [^\n]*: -28\s*$", out, re.M))
    return errors == full or "s5fs: " in out or "root: ramfs, not S5FS" in out


def run_images(opts, images):
    """Boots each image with the walk, two at a time; {outcome: [(name, output)]}."""
    outcomes = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        futs = {pool.submit(boot_walk, opts, path): name for name, path in images}
        for fut in concurrent.futures.as_completed(futs):
            res, out = fut.result()
            if res == "ok" and not reported(out):
                res = "unreported"
            outcomes.setdefault(res, []).append((futs[fut], out))
    return outcomes


def summarize(outcomes):
    bad = {k: v for k, v in outcomes.items() if k != "ok"}
    if bad:
        k, v = sorted(bad.items())[0]
        name, out = v[0]
        lines = [line for line in out.splitlines() if "panic" in line or "s5fs" in line or
                 "not ok" in line or line.startswith("#")][-12:]
        raise Failed("%s: %s (%d of them), e.g. %s:\n%s" % (
            k, ", ".join(n for n, _ in v[:5]), len(v), name, "\n".join(lines)))


def t_corruptions(opts, tools, work):
    rng = random.Random(opts.seed)
    base = make_populated(tools, work, rng)
    images = []
    for name, plant in CORRUPTIONS:
        img = Img(base)
        try:
            plant(img)
        except (IndexError, KeyError, ValueError):
            continue
        path = os.path.join(work, "c_%s.img" % name)
        img.save(path)
        images.append((name, path))
    outcomes = run_images(opts, images)
    summarize(outcomes)
    return "%d planted corruptions: no panic, no hang, no leak" % len(images)


def t_fuzz(opts, tools, work):
    rng = random.Random(opts.seed)
    base = make_populated(tools, work, rng)
    kinds = metadata_blocks(Img(base))
    started = time.monotonic()
    outcomes = {}
    batch = 16  # images in memory at a time (16 MiB each)
    for first in range(0, opts.fuzz, batch):
        images = []
        for i in range(first, min(first + batch, opts.fuzz)):
            path = os.path.join(work, "fuzz%04d.img" % i)
            images.append(("seed %d image %d" % (opts.seed, i),
                           (path, mutate(base, kinds, rng))))
        for k, v in run_images(opts, images).items():
            outcomes.setdefault(k, []).extend(v)
    elapsed = time.monotonic() - started
    counts = {k: len(v) for k, v in outcomes.items()}
    print("# fuzz: %d images in %.1f s (%.1f images/s): %d panics, %d hangs, %d leaks, "
          "%d unreported, %d ok" % (opts.fuzz, elapsed, opts.fuzz / max(elapsed, 1e-9),
                                   counts.get("panic", 0), counts.get("hang", 0),
                                   counts.get("leak", 0), counts.get("unreported", 0),
                                   counts.get("ok", 0)), flush=True)
    summarize(outcomes)
    return "%d images, %.1f a second" % (opts.fuzz, opts.fuzz / max(elapsed, 1e-9))


def t_gdb(opts, tools, work):
    image = fresh_image(tools, work)
    port = keelhost.free_port()
    argv = keelhost.qemu_argv(kernel=opts.kernel, cmdline="test=s5fs.cache.hits",
                              serial="file:" + os.path.join(work, "serial.log"), gdb_port=port,
                              stopped=True,
                              extra=["-drive", "file=%s,format=raw,if=ide,index=0" % image])
    qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        check(keelhost.wait_for_port(port, 10, qemu), "QEMU's GDB stub did not listen")
        gdb = [keelhost.GDB, "-q", "-batch", "-nx", "-x", os.path.join("tools", "gdb", "gdbinit")]
        # Stop inside the test, after it wrote its file: the cache holds S5FS pages.
        for c in ["break s5fs_cache_hits_stop", "continue", "kpframes -v", "kill"]:
            gdb += ["-ex", c]
        gdb.append(os.path.abspath(opts.kernel))
        out = subprocess.run(gdb, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, timeout=60, cwd=ROOT,
                             env=dict(os.environ, KEEL_GDB_PORT=str(port))).stdout.decode(
                                 "utf-8", "replace")
    finally:
        qemu.kill()
        qemu.wait()
    want = ["pframes: ", "hits", "blockdev", "s5fs ino", "dirty"]
    check(all(w in out for w in want) and "Python Exception" not in out,
          "kpframes printed:\n" + out[-1500:])
    return "kpframes lists the counters, the disk's and a file's pages"


TESTS = [("persist", t_persist), ("halt_writes", t_halt_writes), ("suite_fsck", t_suite_fsck),
         ("fallback", t_fallback), ("gdb", t_gdb), ("corruptions", t_corruptions),
         ("fuzz", t_fuzz)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kernel", default=os.path.join(os.environ.get("BUILD", "build"),
                                                     "keel.elf"))
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--fuzz", type=int, default=50, help="fuzzed images (default 50)")
    ap.add_argument("--seed", type=int, default=None, help="the fuzzing seed (printed)")
    ap.add_argument("--jobs", type=int, default=2, help="boots at a time (default 2)")
    ap.add_argument("--only", help="run only the tests whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true")
    opts = ap.parse_args()
    drivers.VERBOSE = opts.verbose
    if opts.seed is None:
        opts.seed = random.randrange(1 << 30)
    print("# seed %d (--seed %d replays)" % (opts.seed, opts.seed), flush=True)
    tools = Tools(os.path.dirname(os.path.abspath(opts.kernel)))
    tests = [(n, f) for n, f in TESTS if not opts.only or opts.only in n]
    print("1..%d" % len(tests), flush=True)
    passed = 0
    for i, (name, fn) in enumerate(tests, 1):
        work = tempfile.mkdtemp(prefix="keel-s5fs-")
        started = time.monotonic()
        try:
            detail = fn(opts, tools, work)
            print("ok %d - s5fs.host.%s # %.1f s: %s" % (i, name, time.monotonic() - started,
                                                        detail), flush=True)
            passed += 1
        except Failed as e:
            print("not ok %d - s5fs.host.%s" % (i, name), flush=True)
            for line in str(e).splitlines():
                print("# " + line, flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("# %d passed, %d failed" % (passed, len(tests) - passed), flush=True)
    return 0 if passed == len(tests) else 1


if __name__ == "__main__":
    sys.exit(main())
