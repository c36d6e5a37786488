"""An S5FS image in memory, and the ways the tests corrupt one.

tools/hosttests/s5tools.py (which imports it) plants each corruption in a clean image and
checks that fsck.s5fs reports it with the line the function returns.  The
layout is kernel/include/fs/s5fs_format.h's, written out again here so
that the tests check the tools against the documented format, not against
the tools' own reading of it.  Standard library only.
"""

import os
import struct

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
