#!/usr/bin/env python3
"""Tests of the S5FS host tools: mkfs.s5fs, fsck.s5fs and s5dbg.

    tools/hosttests/s5tools.py [--build build] [--kernel build/keel.elf] [-v]
                               [--fuzz N] [--bench]

The tools are taken from BUILD/tools/ (made with `make s5tools` first when
missing; BUILD defaults to the directory of --kernel).  Checks:

  help            each tool's --help exits 0 and describes it
  header          kernel/include/fs/s5fs_format.h compiles for the kernel (-m32
                  -ffreestanding) and for the host (-std=c11 -pedantic), with its
                  static asserts on the layouts' sizes
  empty_clean     a new empty image is clean (fsck exit status 0), its root has
                  "." and ".." and link count 2
  roundtrip       a host tree (sparse files, a file through the indirect block,
                  the largest file, an empty file, 300 entries in one directory,
                  a 59-byte name, device nodes) goes in with mkfs and comes back
                  byte for byte with s5dbg extract; the image is clean
  holes           a file's blocks of zeros take no block in the image
  link_counts     a file 1, a directory 2 plus one per subdirectory, the root too
  hard_links      three hard links of one host file (two directories) are three
                  entries for one image inode with link count 3, its data stored
                  once; the image is clean
  dbg_commands    s5dbg cat, ls, stat, super and block show what is there
  efbig           one byte past the largest file: mkfs refuses (EFBIG), writes nothing
  enametoolong    a 60-byte name: mkfs refuses (ENAMETOOLONG)
  enospc          more data than the image holds: mkfs refuses (ENOSPC)
  bad_usage       bad sizes and arguments: exit status 2 with a message
  fsck.<kind>     one kind of corruption planted in a clean image: fsck exits 4
                  and prints the line that names it (one check per kind)
  fsck_garbage    fsck on images with random bytes changed (seeded): it always
                  exits 0 or 4, never crashes nor runs past its time limit
  dbg_garbage     s5dbg ls -R and extract on the same images exit 0 or 1

--bench also measures mkfs and fsck on a populated 64 MiB image.  Output is
TAP ("ok N - s5tools.<name>"), then "# N passed, M failed".  Standard library
only.
"""

import argparse
import filecmp
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

sys.path.insert(0, os.path.join(ROOT, "tools", "s5fs"))
from s5image import *  # noqa: E402,F401,F403  the format, Img, CORRUPTIONS, mutate

VERBOSE = False


class Tools:
    def __init__(self, build):
        self.dir = os.path.join(build, "tools")

    def run(self, tool, *args, timeout=60):
        try:
            p = subprocess.run([os.path.join(self.dir, tool)] + [str(a) for a in args],
                               capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, "", "timed out after %d s" % timeout
        return (p.returncode, p.stdout.decode("utf-8", "replace"),
                p.stderr.decode("utf-8", "replace"))

    def mkfs(self, *args):
        return self.run("mkfs.s5fs", "-q", *args)

    def fsck(self, image, timeout=60):
        return self.run("fsck.s5fs", image, timeout=timeout)

    def dbg(self, image, *args, timeout=60):
        return self.run("s5dbg", image, *args, timeout=timeout)


def write_file(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def sparse_file(path, size, pieces):
    """A host file of 'size' bytes, zeros except (offset, bytes) pieces."""
    with open(path, "wb") as f:
        f.truncate(size)
        for off, data in pieces:
            f.seek(off)
            f.write(data)


def make_tree(top, rng):
    """The round trip's host tree and manifest; returns the manifest's path."""
    write_file(os.path.join(top, "README"), b"an S5FS image made by the tests\n")
    write_file(os.path.join(top, "empty"), b"")
    write_file(os.path.join(top, "d", "e", "deep"), rng.randbytes(5000))
    write_file(os.path.join(top, "indirect"), rng.randbytes(NDIRECT * BS + 3 * BS + 17))
    write_file(os.path.join(top, "largest"), rng.randbytes(MAX_FILE))
    write_file(os.path.join(top, "n" * NAME_MAX), b"a name of the longest length\n")
    sparse_file(os.path.join(top, "sparse"), 3 * 1024 * 1024 + 5,
                [(10, b"start"), (40 * BS + 100, b"middle"), (700 * BS, rng.randbytes(BS))])
    sparse_file(os.path.join(top, "holes_only"), 200 * BS, [])
    for i in range(300):
        write_file(os.path.join(top, "many", "f%03d" % i), b"file %d\n" % i)
    os.makedirs(os.path.join(top, "emptydir"))
    manifest = os.path.join(os.path.dirname(top), "manifest")
    with open(manifest, "w") as f:
        f.write("# devices\n/dev/null c 1 0\n/dev/zero c 1 1\n/dev/ttyS0 c 2 64\n"
                "/dev/hda b 3 0\n/tmp d\n")
    return manifest


def check_roundtrip(tools, work, rng):
    top = os.path.join(work, "tree")
    manifest = make_tree(top, rng)
    image = os.path.join(work, "rt.img")
    st, out, err = tools.mkfs("-s", "16M", "-d", top, "-m", manifest, image)
    if st != 0:
        return False, "mkfs failed: %s" % err
    st, out, err = tools.fsck(image)
    if st != 0:
        return False, "fsck of the new image: status %s\n%s" % (st, out)
    back = os.path.join(work, "back")
    man_back = os.path.join(work, "manifest.back")
    st, out, err = tools.dbg(image, "extract", back, man_back)
    if st != 0:
        return False, "extract failed: %s" % err
    os.makedirs(os.path.join(top, "dev"), exist_ok=True)
    os.makedirs(os.path.join(top, "tmp"), exist_ok=True)
    diffs = []

    def compare(dc, rel):
        diffs.extend(os.path.join(rel, n) for n in dc.left_only + dc.right_only + dc.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(dc.left, dc.right, dc.common_files, shallow=False)
        diffs.extend(os.path.join(rel, n) for n in mismatch + errors)
        for name, sub in dc.subdirs.items():
            compare(sub, os.path.join(rel, name))

    compare(filecmp.dircmp(top, back), "/")
    if diffs:
        return False, "the extracted tree differs: %s" % ", ".join(sorted(diffs)[:10])
    want = sorted(l for l in open(manifest).read().splitlines() if " c " in l or " b " in l)
    got = sorted(open(man_back).read().splitlines())
    if want != got:
        return False, "device nodes differ: %s != %s" % (got, want)
    img = Img(image)
    many = img.inode(img.lookup("/many"))
    if many["size"] != 302 * DIRENT or many["size"] <= 4 * BS:
        return False, "/many has size %d, expected 302 entries over 5 blocks" % many["size"]
    if img.inode(img.lookup("/indirect"))["indirect"] == 0:
        return False, "/indirect has no indirect block"
    return True, ""


def data_blocks(img, ino):
    blocks = [b for b in img.inode(ino)["direct"] if b]
    ind = img.inode(ino)["indirect"]
    if ind:
        blocks += [img.u32(ind * BS + 4 * i) for i in range(NINDIRECT) if img.u32(ind * BS + 4 * i)]
    return blocks


def check_holes(tools, work):
    img = Img(os.path.join(work, "rt.img"))
    sparse = data_blocks(img, img.lookup("/sparse"))
    only = img.inode(img.lookup("/holes_only"))
    if len(sparse) != 3:
        return False, "/sparse has %d data blocks, expected 3" % len(sparse)
    if data_blocks(img, img.lookup("/holes_only")) or only["indirect"] or only["size"] != 200 * BS:
        return False, "/holes_only takes blocks or lost its size: %s" % only
    st, out, _ = tools.dbg(os.path.join(work, "rt.img"), "stat", "/sparse")
    if "blocks 3 of data" not in out:
        return False, "s5dbg stat /sparse says:\n" + out
    return True, ""


def check_link_counts(tools, work):
    img = Img(os.path.join(work, "rt.img"))
    root = img.inode(1)
    subdirs = sum(1 for e in img.entries(1)[2:] if img.inode(e[1])["type"] == T_DIR)
    want = [("/", root["nlink"], 2 + subdirs), ("/README", img.inode(img.lookup("/README"))["nlink"], 1),
            ("/d", img.inode(img.lookup("/d"))["nlink"], 3),
            ("/d/e", img.inode(img.lookup("/d/e"))["nlink"], 2),
            ("/dev/null", img.inode(img.lookup("/dev/null"))["nlink"], 1)]
    bad = ["%s: %d, expected %d" % w for w in want if w[1] != w[2]]
    return not bad, "; ".join(bad)


def check_hard_links(tools, work):
    top = os.path.join(work, "hl")
    write_file(os.path.join(top, "bin", "prog"), b"\1" * (3 * BS))
    os.makedirs(os.path.join(top, "usr", "bin"))
    os.link(os.path.join(top, "bin", "prog"), os.path.join(top, "usr", "bin", "a"))
    os.link(os.path.join(top, "bin", "prog"), os.path.join(top, "usr", "bin", "["))
    write_file(os.path.join(top, "other"), b"\2" * BS)
    image = os.path.join(work, "hl.img")
    st, _, err = tools.mkfs("-s", "1M", "-d", top, image)
    if st != 0:
        return False, "mkfs failed: %s" % err
    st, out, _ = tools.fsck(image)
    if st != 0:
        return False, "fsck of the image: status %s\n%s" % (st, out)
    img = Img(image)
    inos = [img.lookup(p) for p in ("/bin/prog", "/usr/bin/a", "/usr/bin/[")]
    if len(set(inos)) != 1:
        return False, "three names, inodes %s: expected one inode" % inos
    nlink = img.inode(inos[0])["nlink"]
    # Blocks in use: the root, /bin, /usr, /usr/bin, prog's 3 and other's 1.
    used = img.sb("nblocks") - img.data_start() - img.sb("nfree_blocks")
    if nlink != 3 or used != 8:
        return False, "link count %d (expected 3), %d data blocks in use (expected 8)" % (nlink, used)
    return True, ""


def check_dbg(tools, work):
    image = os.path.join(work, "rt.img")
    for path in ("/README", "/d/e/deep", "/sparse", "/largest"):
        p = subprocess.run([os.path.join(tools.dir, "s5dbg"), image, "cat", path],
                           capture_output=True)
        with open(os.path.join(work, "tree") + path, "rb") as f:
            if p.returncode != 0 or p.stdout != f.read():
                return False, "s5dbg cat %s: status %d, not the file's bytes" % (path, p.returncode)
    st, out, _ = tools.dbg(image, "ls", "/dev")
    if st != 0 or "null" not in out or " chr " not in out or " blk " not in out:
        return False, "ls /dev:\n" + out
    st, out, _ = tools.dbg(image, "ls", "-R")
    if st != 0 or "/d/e:" not in out or "deep" not in out:
        return False, "ls -R:\n" + out
    st, out, _ = tools.dbg(image, "stat", "/dev/ttyS0")
    if st != 0 or "devid 576 (2,64)" not in out:
        return False, "stat /dev/ttyS0:\n" + out
    st, out, _ = tools.dbg(image, "block", "0")
    if st != 0 or not out.startswith("00000000  4b 53 35 46") or "|KS5F" not in out:
        return False, "block 0:\n" + out[:200]
    st, out, _ = tools.dbg(image, "super")
    if st != 0 or "magic 0x4635534b" not in out or "nblocks 4096" not in out:
        return False, "super:\n" + out
    st, out, err = tools.dbg(image, "cat", "/no/such")
    if st != 1 or "no such file or directory" not in err:
        return False, "cat /no/such: status %s, %s" % (st, err)
    return True, ""


def check_refusal(tools, work, name, size, content, want):
    top = os.path.join(work, "refuse-" + name)
    write_file(os.path.join(top, content[0]), content[1])
    image = os.path.join(work, name + ".img")
    st, out, err = tools.mkfs("-s", size, "-d", top, image)
    if st != 1 or want not in err:
        return False, "status %s, stderr %r (expected 1 and %r)" % (st, err, want)
    if os.path.exists(image):
        return False, "an image was written anyway"
    return True, ""


def check_header(work):
    src = os.path.join(work, "header.c")
    with open(src, "w") as f:
        f.write('#include "fs/s5fs_format.h"\n'
                'unsigned s5_test(const s5_super_t *sb) { return s5_data_start(sb); }\n')
    inc = os.path.join(ROOT, "kernel", "include")
    for flags in (["-m32", "-std=gnu11", "-ffreestanding", "-I", inc],
                  ["-std=c11", "-pedantic", "-iquote", inc]):
        p = subprocess.run(["gcc", "-Wall", "-Wextra", "-Werror", "-c", src, "-o",
                            os.path.join(work, "header.o")] + flags, capture_output=True)
        if p.returncode != 0:
            return False, "%s:\n%s" % (" ".join(flags), p.stderr.decode()[-1500:])
    return True, ""


def check_bad_usage(tools, work):
    image = os.path.join(work, "usage.img")
    for args in (["-s", "12Q", image], ["-s", "8K", image], [image], ["-s", "1M"],
                 ["-s", "1M", "-i", "x", image]):
        st, out, err = tools.mkfs(*args)
        if st != 2 or not err:
            return False, "mkfs %s: status %s, %r" % (" ".join(args), st, err)
    st, out, err = tools.fsck(os.path.join(work, "no-such.img"))
    if st != 8:
        return False, "fsck of a missing image: status %s" % st
    return True, ""


def make_base(tools, work, rng):
    """The clean 8 MiB image every corruption is planted in."""
    top = os.path.join(work, "base")
    write_file(os.path.join(top, "README"), b"base image\n")
    write_file(os.path.join(top, "big"), rng.randbytes(NDIRECT * BS + 5 * BS))
    write_file(os.path.join(top, "d", "f"), rng.randbytes(2 * BS))
    os.makedirs(os.path.join(top, "d", "e"))
    write_file(os.path.join(top, "u", "lonely"), b"x\n")
    for i in range(100):
        write_file(os.path.join(top, "many", "m%03d" % i), b"")
    manifest = os.path.join(work, "base.manifest")
    with open(manifest, "w") as f:
        f.write("/dev/null c 1 0\n")
    image = os.path.join(work, "base.img")
    st, _, err = tools.mkfs("-s", "8M", "-i", "256", "-d", top, "-m", manifest, image)
    if st != 0:
        raise RuntimeError("mkfs of the base image failed: " + err)
    return image


def check_corruption(tools, work, base, plant):
    img = Img(base)
    want = plant(img)
    path = os.path.join(work, "corrupt.img")
    img.save(path)
    st, out, err = tools.fsck(path)
    lines = out.splitlines()
    if st != 4 or want not in lines:
        return False, "status %s (expected 4); expected the line\n  %s\nin:\n%s%s" % (
            st, want, out[-1500:], err)
    return True, ""


def check_garbage(tools, work, base, rounds, seed):
    rng = random.Random(seed)
    fsck_bad, dbg_bad = [], []
    found = 0
    path = os.path.join(work, "garbage.img")
    for i in range(rounds):
        mutate(base, rng).save(path)
        st, out, err = tools.fsck(path, timeout=20)
        found += st == 4
        if st not in (0, 4):
            fsck_bad.append("round %d: status %s %s" % (i, st, err[-200:]))
            shutil.copy(path, os.path.join(work, "garbage-fsck-%d.img" % i))
        for args in (["ls", "-R"], ["extract", os.path.join(work, "gx"), os.path.join(work, "gx.man")]):
            st, out, err = tools.dbg(path, *args, timeout=20)
            if st not in (0, 1):
                dbg_bad.append("round %d: s5dbg %s: status %s %s" % (i, args[0], st, err[-200:]))
            shutil.rmtree(os.path.join(work, "gx"), ignore_errors=True)
    # Most mutations hit something fsck checks: if it found almost nothing, it is not looking.
    if found < rounds // 2:
        fsck_bad.append("only %d of %d mutated images had problems" % (found, rounds))
    summary = "%d of %d mutated images had problems" % (found, rounds)
    return ((not fsck_bad, "\n".join([summary] + fsck_bad[:5])),
            (not dbg_bad, "\n".join(dbg_bad[:5])))


def bench(tools, work, rng):
    top = os.path.join(work, "bench")
    for i in range(12):
        write_file(os.path.join(top, "big", "b%02d" % i), rng.randbytes(MAX_FILE))
    for d in range(20):
        for i in range(100):
            write_file(os.path.join(top, "d%02d" % d, "f%03d" % i), rng.randbytes(rng.randrange(1, 9000)))
    image = os.path.join(work, "bench.img")
    t = time.monotonic()
    st, _, err = tools.mkfs("-s", "64M", "-d", top, image)
    t_mkfs = time.monotonic() - t
    t = time.monotonic()
    st2, out, _ = tools.fsck(image)
    t_fsck = time.monotonic() - t
    print("# bench: mkfs of a 64 MiB image (2012 files, %.0f MiB of data): %.3f s (status %s)"
          % (12 * MAX_FILE / 2**20 + 20 * 100 * 4500 / 2**20, t_mkfs, st))
    print("# bench: fsck of it: %.3f s (status %s) %s" % (t_fsck, st2, out.strip()))


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description="Tests of the S5FS host tools.")
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "keel.elf"))
    ap.add_argument("--build", help="the build directory (default: the kernel's)")
    ap.add_argument("--fuzz", type=int, default=150, help="randomly mutated images to check")
    ap.add_argument("--seed", type=int, default=5150)
    ap.add_argument("--bench", action="store_true", help="also time mkfs and fsck on 64 MiB")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    VERBOSE = args.verbose
    build = args.build or os.path.dirname(os.path.abspath(args.kernel))
    tools = Tools(build)
    if not all(os.path.exists(os.path.join(tools.dir, t)) for t in ("mkfs.s5fs", "fsck.s5fs", "s5dbg")):
        subprocess.run(["make", "-s", "-C", ROOT, "BUILD=" + os.path.abspath(build), "s5tools"],
                       check=False)
    results = []

    def report(name, outcome):
        ok, detail = outcome
        results.append(ok)
        print("%s %d - s5tools.%s" % ("ok" if ok else "not ok", len(results), name), flush=True)
        if detail and (VERBOSE or not ok):
            for line in detail.splitlines():
                print("#   " + line)

    def attempt(fn, *a):
        try:
            return fn(*a)
        except Exception as e:  # a failure of the test's own code counts as a failure
            return False, "%s: %s" % (type(e).__name__, e)

    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="keel-s5tools-")
    try:
        for tool, word in (("mkfs.s5fs", "usage: mkfs.s5fs"), ("fsck.s5fs", "usage: fsck.s5fs"),
                           ("s5dbg", "usage: s5dbg")):
            st, out, _ = tools.run(tool, "--help")
            report("help." + tool, (st == 0 and out.startswith(word), "status %s: %s" % (st, out[:200])))
        report("header", attempt(check_header, work))
        empty = os.path.join(work, "empty.img")

        def empty_clean():
            st, _, err = tools.mkfs("-s", "1M", empty)
            st2, out, _ = tools.fsck(empty)
            img = Img(empty)
            names = [e[2] for e in img.entries(1)]
            ok = st == 0 and st2 == 0 and names == [".", ".."] and img.inode(1)["nlink"] == 2
            return ok, "mkfs %s %s; fsck %s %s; root %s" % (st, err, st2, out, names)

        report("empty_clean", attempt(empty_clean))
        report("roundtrip", attempt(check_roundtrip, tools, work, rng))
        report("holes", attempt(check_holes, tools, work))
        report("link_counts", attempt(check_link_counts, tools, work))
        report("hard_links", attempt(check_hard_links, tools, work))
        report("dbg_commands", attempt(check_dbg, tools, work))
        report("efbig", attempt(check_refusal, tools, work, "efbig", "16M",
                                ("toobig", b"\1" * (MAX_FILE + 1)), "(EFBIG)"))
        report("enametoolong", attempt(check_refusal, tools, work, "name", "1M",
                                       ("x" * (NAME_MAX + 1), b"x"), "(ENAMETOOLONG)"))
        report("enospc", attempt(check_refusal, tools, work, "enospc", "256K",
                                 ("f", b"\1" * (400 * 1024)), "(ENOSPC)"))
        report("bad_usage", attempt(check_bad_usage, tools, work))
        base = make_base(tools, work, rng)
        st, out, _ = tools.fsck(base)
        report("base_clean", (st == 0, out))
        for name, plant in CORRUPTIONS:
            report("fsck." + name, attempt(check_corruption, tools, work, base, plant))
        fsck_res, dbg_res = check_garbage(tools, work, base, args.fuzz, args.seed)
        report("fsck_garbage", fsck_res)
        report("dbg_garbage", dbg_res)
        if args.bench:
            bench(tools, work, rng)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(results)
    print("# %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
