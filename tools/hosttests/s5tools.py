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
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The format, as kernel/include/fs/s5fs_format.h defines it.
BS = 4096
NDIRECT = 26
NINDIRECT = 1024
MAX_FILE = (NDIRECT + NINDIRECT) * BS
DIRENT = 64
NAME_MAX = 59
FREE_GROUP = 1000
SB = dict(magic=0, version=4, nblocks=8, ninodes=12, free_inode=16, nfree_inodes=20,
          nfree_blocks=24, count=88, next=92, blocks=96)
INODE_FMT = "<HHIIIII26I"
INODE_FIELDS = ["type", "nlink", "number", "size", "next_free", "devid", "indirect"]
T_FREE, T_FILE, T_DIR, T_CHR, T_BLK = range(5)

VERBOSE = False


class Img:
    """An S5FS image in memory, to read and to corrupt."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.b = bytearray(f.read())

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.b)

    def u32(self, off, value=None):
        if value is not None:
            struct.pack_into("<I", self.b, off, value)
        return struct.unpack_from("<I", self.b, off)[0]

    def sb(self, field, value=None):
        return self.u32(SB[field], value)

    def data_start(self):
        return 1 + (self.sb("ninodes") + 31) // 32

    def ioff(self, ino):
        return BS * (1 + ino // 32) + (ino % 32) * 128

    def inode(self, ino):
        v = struct.unpack_from(INODE_FMT, self.b, self.ioff(ino))
        d = dict(zip(INODE_FIELDS, v[:7]))
        d["direct"] = list(v[7:])
        return d

    def set_inode(self, ino, **fields):
        d = self.inode(ino)
        d.update(fields)
        struct.pack_into(INODE_FMT, self.b, self.ioff(ino),
                         *[d[f] for f in INODE_FIELDS], *d["direct"])

    def set_direct(self, ino, k, block):
        d = self.inode(ino)["direct"]
        d[k] = block
        self.set_inode(ino, direct=d)

    def bmap(self, ino, k):
        ip = self.inode(ino)
        if k < NDIRECT:
            return ip["direct"][k]
        return self.u32(ip["indirect"] * BS + 4 * (k - NDIRECT)) if ip["indirect"] else 0

    def entries(self, dino):
        """[(index, inode, name, byte offset in the image)] of a directory."""
        out = []
        for i in range(self.inode(dino)["size"] // DIRENT):
            off = self.bmap(dino, i * DIRENT // BS) * BS + i * DIRENT % BS
            ino = self.u32(off)
            name = bytes(self.b[off + 4:off + 64]).split(b"\0")[0].decode()
            out.append((i, ino, name, off))
        return out

    def lookup(self, path):
        ino = 1
        for name in [p for p in path.split("/") if p]:
            ino = [e[1] for e in self.entries(ino) if e[2] == name][0]
        return ino

    def entry(self, path):
        """The (index, inode, name, offset) that names 'path' in its parent."""
        parent, name = os.path.split(path)
        return [e for e in self.entries(self.lookup(parent)) if e[2] == name][0]

    def free_entries(self):
        """The superblock group's free block numbers."""
        return [self.u32(SB["blocks"] + 4 * i) for i in range(self.sb("count"))]


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


# Each kind of corruption fsck finds: (name, plant(img) -> the expected line).
def c_magic(img):
    img.sb("magic", 0x12345678)
    return "superblock: bad magic 0x12345678 (not an S5FS image)"


def c_version(img):
    img.sb("version", 7)
    return "superblock: version 7, expected 1"


def c_nblocks(img):
    img.sb("nblocks", 5000)
    return "superblock: block count 5000, but the image holds 2048 blocks"


def c_ninodes(img):
    img.sb("ninodes", 100)
    return "superblock: inode count 100 is not a multiple of 32 that fits in 2048 blocks"


def c_nblocks_small(img):
    img.sb("nblocks", 2)
    return "superblock: block count 2, too small for a file system"


def c_nfree_blocks(img):
    n = img.sb("nfree_blocks")
    img.sb("nfree_blocks", n + 3)
    return "superblock: free block count %d, but %d blocks are on the free list" % (n + 3, n)


def c_nfree_inodes(img):
    n = img.sb("nfree_inodes")
    img.sb("nfree_inodes", n - 1)
    return "superblock: free inode count %d, but %d inodes are on the free list" % (n - 1, n)


def c_group_count(img):
    img.sb("count", 1500)
    return "superblock: free group holds 1500 entries, more than 1000"


def c_block_group_count(img):
    nxt = img.sb("next")
    img.u32(nxt * BS, 1001)
    return "block %d: free group holds 1001 entries, more than 1000" % nxt


def c_group_outside(img):
    img.sb("next", 2)
    return "block 2: on the free list (a group) but outside the data area"


def c_free_outside(img):
    img.u32(SB["blocks"], 1)
    return "block 1: on the free list but outside the data area"


def c_free_twice(img):
    b = img.free_entries()[5]
    img.u32(SB["blocks"] + 4 * 6, b)
    return "block %d: on the free list twice" % b


def c_free_cycle(img):
    nxt = img.sb("next")
    img.u32(nxt * BS + 4, nxt)  # the group's s5f_next: itself
    return "block %d: on the free list twice" % nxt


def c_used_and_free(img):
    b = img.free_entries()[0]
    img.set_direct(img.lookup("/README"), 0, b)
    return "block %d: used by inode %d and on the free list" % (b, img.lookup("/README"))


def c_used_twice(img):
    a, b = img.lookup("/README"), img.lookup("/d/f")
    blk = img.inode(a)["direct"][0]
    img.set_direct(b, 0, blk)
    return "block %d: used by inode %d and inode %d" % (blk, min(a, b), max(a, b))


def c_used_twice_same(img):
    ino = img.lookup("/d/f")
    img.set_direct(ino, 1, img.inode(ino)["direct"][0])
    return "block %d: used twice by inode %d" % (img.inode(ino)["direct"][0], ino)


def c_lost(img):
    entries = img.free_entries()
    img.sb("count", len(entries) - 1)
    img.sb("nfree_blocks", img.sb("nfree_blocks") - 1)
    return "block %d: neither used nor free" % entries[-1]


def c_inode_list_outside(img):
    head = img.sb("free_inode")
    img.set_inode(head, next_free=99999)
    return "inode 99999: on the free inode list but outside the inode table"


def c_inode_list_cycle(img):
    head = img.sb("free_inode")
    img.set_inode(head + 1, next_free=head)
    return "inode %d: on the free inode list twice" % head


def c_inode_list_in_use(img):
    ino = img.lookup("/README")
    img.set_inode(ino, next_free=img.sb("free_inode"))
    img.sb("free_inode", ino)
    img.sb("nfree_inodes", img.sb("nfree_inodes") + 1)
    return "inode %d: on the free inode list but in use (file)" % ino


def c_inode_not_listed(img):
    head = img.sb("free_inode")
    img.sb("free_inode", img.inode(head)["next_free"])
    img.sb("nfree_inodes", img.sb("nfree_inodes") - 1)
    return "inode %d: free but not on the free inode list" % head


def c_bad_type(img):
    ino = img.lookup("/README")
    img.set_inode(ino, type=9)
    return "inode %d: bad type 9" % ino


def c_number(img):
    ino = img.lookup("/README")
    img.set_inode(ino, number=ino + 40)
    return "inode %d: records number %d" % (ino, ino + 40)


def c_pointer_outside(img):
    ino = img.lookup("/README")
    img.set_direct(ino, 0, 3)
    return "inode %d: block 0 is block 3, outside the data area" % ino


def c_indirect_outside(img):
    ino = img.lookup("/big")
    img.set_inode(ino, indirect=1)
    return "inode %d: indirect block 0 is block 1, outside the data area" % ino


def c_size_too_big(img):
    ino = img.lookup("/big")
    img.set_inode(ino, size=MAX_FILE + 1)
    return "inode %d: size %d larger than the largest file (%d bytes)" % (ino, MAX_FILE + 1, MAX_FILE)


def c_block_past_size(img):
    ino = img.lookup("/d/f")
    b = img.inode(ino)["direct"][1]
    img.set_inode(ino, size=BS)
    return "inode %d: block 1 (block %d) lies past its size %d" % (ino, b, BS)


def c_indirect_past_size(img):
    ino = img.lookup("/big")
    ind = img.inode(ino)["indirect"]
    img.set_inode(ino, size=NDIRECT * BS)
    return "inode %d: indirect block %d lies past its size %d" % (ino, ind, NDIRECT * BS)


def c_dir_size(img):
    ino = img.lookup("/d")
    img.set_inode(ino, size=img.inode(ino)["size"] + 10)
    return "inode %d: directory size %d is not a multiple of 64" % (ino, img.inode(ino)["size"])


def c_dir_hole(img):
    ino = img.lookup("/many")
    img.set_direct(ino, 1, 0)
    return "inode %d: directory has a hole at block 1" % ino


def c_device_blocks(img):
    ino = img.lookup("/dev/null")
    img.set_inode(ino, size=10)
    return "inode %d: device inode with a size or blocks" % ino


def c_link_count(img):
    ino = img.lookup("/d/f")
    img.set_inode(ino, nlink=3)
    return "inode %d: link count 3, but 1 directory entries refer to it" % ino


def c_dir_link_count(img):
    ino = img.lookup("/d")
    img.set_inode(ino, nlink=2)
    return "inode %d: link count 2, but 3 directory entries refer to it" % ino


def c_unreachable(img):
    ino = img.lookup("/u/lonely")
    u = img.lookup("/u")
    img.set_inode(u, size=img.inode(u)["size"] - DIRENT)
    return "inode %d: in use but not reachable from the root" % ino


def c_no_dotdot(img):
    e = img.lookup("/d/e")
    img.set_inode(e, size=DIRENT)
    return "inode %d: directory has no '..' entry" % e


def c_no_dot(img):
    e = img.lookup("/d/e")
    img.set_inode(e, size=0)
    return "inode %d: directory has no '.' entry" % e


def c_dot(img):
    d = img.lookup("/d")
    img.u32(img.entries(d)[0][3], 1)
    return "inode %d: entry \".\" refers to inode 1, not itself" % d


def c_dot_name(img):
    d = img.lookup("/d")
    off = img.entries(d)[0][3]
    img.b[off + 4:off + 6] = b"x\0"
    return "inode %d: entry 0 is named \"x\" (entries 0 and 1 are \".\" and \"..\", and only they)" % d


def c_dotdot(img):
    e, d = img.lookup("/d/e"), img.lookup("/d")
    img.u32(img.entries(e)[1][3], 1)
    return "inode %d: entry \"..\" refers to inode 1, not its parent %d" % (e, d)


def c_entry_outside(img):
    _, _, name, off = img.entry("/README")
    img.u32(off, 77777)
    return "inode 1: entry \"README\" refers to inode 77777, outside the inode table"


def c_entry_free(img):
    _, _, name, off = img.entry("/README")
    free = img.sb("free_inode")
    img.u32(off, free)
    return "inode 1: entry \"README\" refers to free inode %d" % free


def c_bad_name(img):
    i, _, _, off = img.entry("/d/f")
    img.b[off + 4:off + 8] = b"a/b\0"
    return "inode %d: entry %d has a bad name" % (img.lookup("/d"), i)


def c_duplicate(img):
    i, _, _, off = img.entry("/d/f")
    img.b[off + 4:off + 6] = b"e\0"
    return "inode %d: entry \"e\" appears twice" % img.lookup("/d")


def c_dir_two_parents(img):
    _, _, _, off = img.entry("/README")
    e = img.lookup("/d/e")
    img.u32(off, e)
    # Directories are read in inode order: the root's entry comes first.
    return "inode %d: directory is named in inode 1 and in inode %d" % (e, img.lookup("/d"))


def c_root_type(img):
    img.set_inode(1, type=T_FILE)
    return "inode 1: the root is not a directory"


CORRUPTIONS = [(f.__name__[2:], f) for f in [
    c_magic, c_version, c_nblocks, c_nblocks_small, c_ninodes, c_nfree_blocks, c_nfree_inodes,
    c_group_count, c_block_group_count, c_group_outside, c_free_outside, c_free_twice,
    c_free_cycle, c_used_and_free, c_used_twice, c_used_twice_same, c_lost,
    c_inode_list_outside, c_inode_list_cycle, c_inode_list_in_use, c_inode_not_listed,
    c_bad_type, c_number, c_pointer_outside, c_indirect_outside, c_size_too_big,
    c_block_past_size, c_indirect_past_size, c_dir_size, c_dir_hole, c_device_blocks,
    c_link_count, c_dir_link_count, c_unreachable, c_no_dotdot, c_no_dot, c_dot, c_dot_name,
    c_dotdot, c_entry_outside,
    c_entry_free, c_bad_name, c_duplicate, c_dir_two_parents, c_root_type]]


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


def mutate(base, rng):
    """A copy of 'base' with a few random bytes changed, mostly in the metadata."""
    img = Img(base)
    meta = img.data_start() * BS
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.3:
            off = rng.randrange(0, 128)  # the superblock's fields
        elif r < 0.8:
            off = rng.randrange(BS, meta)  # the inode table
        else:
            off = rng.randrange(meta, min(len(img.b), meta + 60 * BS))  # directories, groups
        img.b[off] = rng.choice([0, 1, 0xff, rng.randrange(256)])
    return img


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
