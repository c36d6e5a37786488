"""GDB commands for Keel's virtual memory: kpagetable and kvmmap.

    kpagetable [-v] [PID|ADDR]
                     the user half of a page directory as ranges of
                     consecutive pages with the same flags:
                       kpagetable          the active directory (the kernel's
                                           pt_current())
                       kpagetable PID      process PID's p_pagedir
                       kpagetable ADDR     the pagedir_t at ADDR (a kernel
                                           address or any pointer expression,
                                           e.g. `kpagetable curproc->p_pagedir`)
                       -v                  one line per page as well
    kvmmap [PID|MAP] a process's address space as the VM keeps it (its vmmap
                     in kernel/vm/vm_proc.c's side table): one line per
                     vmarea with its addresses, protection, shared/private,
                     offset and memory object (the shadow chain down to the
                     anonymous object or the file), how many of its pages the
                     page table maps, and the heap (brk).  With no PID, every
                     process that has an address space; MAP, a pointer
                     or kernel address, shows the vmmap_t there (a kernel
                     test's map: `kvmmap map`).

They read the kernel's memory with the types from its debug information
(page tables through the kernel's direct map) and never call kernel code,
so they work at any stop: a breakpoint, a panic, or Ctrl-C in a hung
program.
"""

import struct

import gdb

# keel.py, sourced before this file into the same namespace (tools/gdb/gdbinit
# sources it first), gives the helpers shared by every command.
from __main__ import _global, _type_offset  # noqa: E402

KERNEL_VMA = 0xC0000000
PAGE_SIZE = 4096
USER_PDES = KERNEL_VMA >> 22  # directory entries 0..767 map the user half

PTE_P, PTE_W, PTE_U, PTE_A, PTE_D, PTE_PS = 0x001, 0x002, 0x004, 0x020, 0x040, 0x080
PTE_FLAGS = 0xFFF
# The flags a range of kpagetable must share (P is always set in a listing).
RANGE_FLAGS = PTE_W | PTE_U | PTE_A | PTE_D

PROT_READ, PROT_WRITE, PROT_EXEC = 0x1, 0x2, 0x4
MAP_SHARED, MAP_PRIVATE = 0x01, 0x02
MOBJ_KINDS = {1: "blockdev", 2: "vnode", 3: "anon", 4: "shadow"}
MOBJ_SHADOW = 4
MAX_CHAIN = 10000


def _read(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def _words(addr, count):
    """'count' little-endian 32-bit words at kernel address 'addr'."""
    try:
        return struct.unpack("<%dI" % count, _read(addr, 4 * count))
    except gdb.MemoryError:
        raise gdb.GdbError("cannot read memory at 0x%08x (not a mapped kernel address)" % addr)


def _list(head, type_name, link_field):
    """The elements (type_name *) of the intrusive list whose head is 'head' (a list_t)."""
    head_addr = int(head.address)
    ptr = gdb.lookup_type(type_name).pointer()
    off = _type_offset(type_name, link_field)
    link_ptr = gdb.lookup_type("list_link_t").pointer()
    link = int(head["l_next"])
    n = 0
    while link != head_addr:
        if link == 0:
            raise gdb.GdbError("%s list: a NULL link (corrupt list)" % type_name)
        yield gdb.Value(link - off).cast(ptr)
        link = int(gdb.Value(link).cast(link_ptr)["l_next"])
        n += 1
        if n > 100000:
            raise gdb.GdbError("%s list does not come back to its head" % type_name)


def _procs():
    """(proc_t *) of every process on proc_list."""
    return _list(_global("proc_list"), "proc_t", "p_list_link")


def _proc_by_pid(pid):
    for p in _procs():
        if int(p["p_pid"]) == pid:
            return p
    return None


def _proc_name(p):
    try:
        return p["p_name"].string(errors="replace")
    except gdb.error:
        return "?"


# ---------------------------------------------------------------- page tables

class PageTable:
    """The user half of one page directory, read once: {vpn: pte}."""

    def __init__(self, pd_addr):
        self.addr = pd_addr
        self.tables = 0
        self.big = 0
        self.entries = {}
        for i, pde in enumerate(_words(pd_addr, USER_PDES)):
            if not pde & PTE_P:
                continue
            if pde & PTE_PS:
                # A 4 MiB page: its 1024 pages share the directory entry's flags.
                self.big += 1
                base = pde & 0xFFC00000
                for j in range(1024):
                    self.entries[i * 1024 + j] = (base + j * PAGE_SIZE) | (pde & PTE_FLAGS)
                continue
            self.tables += 1
            pt_addr = (pde & ~PTE_FLAGS) + KERNEL_VMA
            for j, pte in enumerate(_words(pt_addr, 1024)):
                if pte & PTE_P:
                    self.entries[i * 1024 + j] = pte

    def ranges(self):
        """[(first vpn, npages, flags, [frames])]: runs of consecutive pages with equal flags."""
        out = []
        for vpn in sorted(self.entries):
            pte = self.entries[vpn]
            flags, frame = pte & RANGE_FLAGS, pte & ~PTE_FLAGS
            if out and out[-1][0] + out[-1][1] == vpn and out[-1][2] == flags:
                first, n, fl, frames = out[-1]
                frames.append(frame)
                out[-1] = (first, n + 1, fl, frames)
            else:
                out.append((vpn, 1, flags, [frame]))
        return out


def _flag_string(flags):
    """'rw u a d': writable or read-only, user or K (kernel only), accessed, dirty."""
    return "%s %s %s %s" % ("rw" if flags & PTE_W else "r-", "u" if flags & PTE_U else "K",
                            "a" if flags & PTE_A else "-", "d" if flags & PTE_D else "-")


def _frames_string(frames):
    first = frames[0]
    if len(frames) == 1:
        return "-> 0x%08x" % first
    if all(f == first + i * PAGE_SIZE for i, f in enumerate(frames)):
        return "-> 0x%08x-0x%08x" % (first, first + len(frames) * PAGE_SIZE)
    if all(f == first for f in frames):
        return "-> 0x%08x (every page the same frame)" % first
    return "-> 0x%08x.. (frames not contiguous; -v lists them)" % first


def _owner_of_pagedir(pd_addr):
    """'pid N (name)' of the process whose p_pagedir is pd_addr, or None."""
    for p in _procs():
        if int(p["p_pagedir"]) == pd_addr:
            return "pid %d (%s)" % (int(p["p_pid"]), _proc_name(p))
    return None


def _parse_target(arg):
    """(directory address, description) for kpagetable's argument."""
    if not arg:
        cur = int(_global("current_pd"))
        if cur == 0:
            raise gdb.GdbError("kpagetable: no active directory yet (before pt_init)")
        owner = _owner_of_pagedir(cur)
        if cur == int(_global("kernel_pagedir")):
            owner = "the kernel's directory"
        return cur, "active directory 0x%08x%s" % (cur, ", " + owner if owner else "")
    try:
        val = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise gdb.GdbError("kpagetable: %s" % e)
    code = val.type.strip_typedefs().code
    num = int(val)
    if code != gdb.TYPE_CODE_PTR and num < KERNEL_VMA:
        p = _proc_by_pid(num)
        if p is None:
            raise gdb.GdbError("kpagetable: no process %d (a directory address is a kernel "
                               "address, 0x%08x or above)" % (num, KERNEL_VMA))
        pd = int(p["p_pagedir"])
        if pd == 0:
            raise gdb.GdbError("kpagetable: pid %d (%s) has no page directory" %
                               (num, _proc_name(p)))
        return pd, "pid %d (%s): p_pagedir 0x%08x" % (num, _proc_name(p), pd)
    if num < KERNEL_VMA or num % PAGE_SIZE:
        raise gdb.GdbError("kpagetable: 0x%08x is not a page directory (a page-aligned kernel "
                           "address)" % num)
    owner = _owner_of_pagedir(num)
    return num, "directory 0x%08x%s" % (num, ", " + owner if owner else "")


class KPagetable(gdb.Command):
    """kpagetable [-v] [PID|ADDR]: the user half of a page directory, as ranges.

With no argument, the active directory; a number below 0xc0000000 is a pid
(that process's p_pagedir); anything else is the address of a pagedir_t.
Each line is a range of consecutive present pages with the same flags:

  0x08048000-0x0804a000 r- u a -     2 pages -> 0x0123a000-0x0123c000

the flags are rw (PTE_W) or r- (read-only), u (PTE_U) or K (no PTE_U: a
user access faults), a (accessed, PTE_A), d (dirty, PTE_D); every listed
page is present (PTE_P).  Then the frames: one range when they are
contiguous, else the first.  -v also prints every page with its frame."""

    def __init__(self):
        super().__init__("kpagetable", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        words = arg.split()
        verbose = "-v" in words
        words = [w for w in words if w != "-v"]
        pd, what = _parse_target(" ".join(words))
        table = PageTable(pd)
        gdb.write("%s: user half (below 0x%08x)\n" % (what, KERNEL_VMA))
        ranges = table.ranges()
        if not ranges:
            gdb.write("no user pages mapped (%d page tables)\n" % table.tables)
            return
        for first, n, flags, frames in ranges:
            gdb.write("0x%08x-0x%08x %s %5d page%s %s\n" % (
                first * PAGE_SIZE, (first + n) * PAGE_SIZE, _flag_string(flags), n,
                "s" if n != 1 else " ", _frames_string(frames)))
            if verbose:
                for i, frame in enumerate(frames):
                    gdb.write("    0x%08x -> 0x%08x\n" % ((first + i) * PAGE_SIZE, frame))
        total = len(table.entries)
        user = sum(1 for pte in table.entries.values() if pte & PTE_U)
        gdb.write("%d pages mapped in %d ranges (%d user, %d writable, %d dirty), %d page "
                  "tables%s\n" % (total, len(ranges), user,
                                  sum(1 for pte in table.entries.values() if pte & PTE_W),
                                  sum(1 for pte in table.entries.values() if pte & PTE_D),
                                  table.tables,
                                  ", %d 4 MiB pages" % table.big if table.big else ""))


# ---------------------------------------------------------------- vmmaps

def _vm_proc_entries():
    """Every vm_proc_t * in use in vm_proc.c's side table (or None: no VM in this kernel)."""
    try:
        gdb.lookup_type("vm_proc_t")
    except gdb.error:
        return None
    for name in ("vm_proc_used", "vm_proc_list"):
        try:
            head = _global(name)
        except gdb.error:
            continue
        if head.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
            for field in ("vmp_link", "vmp_plink"):
                try:
                    _type_offset("vm_proc_t", field)
                except gdb.GdbError:
                    continue
                return list(_list(head, "vm_proc_t", field))
    for name in ("vm_procs", "vm_proc_table"):
        try:
            table = _global(name)
        except gdb.error:
            continue
        t = table.type.strip_typedefs()
        if t.code != gdb.TYPE_CODE_ARRAY:
            continue
        out = []
        for i in range(t.range()[1] + 1):
            entry = table[i]
            if int(entry["vmp_proc"]) != 0:
                out.append(entry.address)
        return out
    raise gdb.GdbError("kvmmap: vm_proc_t is known but its table is not (looked for "
                       "vm_procs and vm_proc_used in kernel/vm/vm_proc.c)")


def _obj_name(obj):
    try:
        name = obj["mo_name"]
        return name.string(errors="replace")[:40] if int(name) else ""
    except gdb.error:
        return ""


def _describe_obj(obj):
    """'shadow (2 pg, ref 1) -> anon (1 pg, ref 1)': the chain from an area's object down."""
    parts = []
    depth = 0
    while int(obj) != 0:
        kind = MOBJ_KINDS.get(int(obj["mo_type"]), "type %d" % int(obj["mo_type"]))
        name = _obj_name(obj)
        label = kind if not name or name == kind else "%s %s" % (kind, name)
        parts.append("%s (%d pg, ref %d)" % (label, int(obj["mo_npages"]), int(obj["mo_refcount"])))
        if int(obj["mo_type"]) != MOBJ_SHADOW:
            break
        depth += 1
        if depth > MAX_CHAIN:
            parts.append("... (the chain does not end: a loop?)")
            break
        obj = obj["mo_shadowed"]
        if int(obj) == 0:
            parts.append("(NULL: a shadow object with nothing below)")
    if len(parts) > 5:
        # A long chain (a process that forked many times): its two ends.
        middle = parts[2:-2]
        parts = parts[:2] + ["... %d more ..." % len(middle)] + parts[-2:]
    return depth, " -> ".join(parts)


def _describe_vnode(vn):
    if int(vn) == 0:
        return ""
    try:
        fs = vn["vn_fs"]
        kind = fs["fs_type"].string() if int(fs) and int(fs["fs_type"]) else "?"
        return "file %s ino %d (vnode count %d)" % (kind, int(vn["vn_ino"]),
                                                    int(vn["vn_refcount"]))
    except gdb.error:
        return "file vnode 0x%08x" % int(vn)


def _prot_string(prot):
    prot = int(prot)
    return (("r" if prot & PROT_READ else "-") + ("w" if prot & PROT_WRITE else "-") +
            ("x" if prot & PROT_EXEC else "-"))


def _share_string(flags):
    flags = int(flags)
    if flags & MAP_SHARED and not flags & MAP_PRIVATE:
        return "shared "
    if flags & MAP_PRIVATE and not flags & MAP_SHARED:
        return "private"
    return "flags=0x%x" % flags


def _show_vmmap(vmp, live):
    pid = int(vmp["vmp_pid"])
    owner = int(vmp["vmp_proc"])
    if owner in live:
        name = _proc_name(live[owner])
        pd = int(live[owner]["p_pagedir"])
    else:
        name, pd = "(owner gone: a stale entry)", 0
    vmm = vmp["vmp_map"]
    gdb.write("pid %d %s: vmmap 0x%08x\n" % (pid, name, int(vmm)))
    if int(vmm) == 0:
        gdb.write("  (no vmmap)\n")
        return
    n = _show_areas(vmm, pd)
    start_brk, brk = int(vmp["vmp_start_brk"]), int(vmp["vmp_brk"])
    gdb.write("  %d areas; heap: start_brk 0x%08x, brk 0x%08x (%d bytes)\n" % (
        n, start_brk, brk, brk - start_brk))


def _show_detached(vmm):
    """A vmmap_t * given by address (a kernel test's map, or any process's)."""
    proc = vmm["vmm_proc"]
    pd = 0
    if int(proc):
        pd = int(proc["p_pagedir"])
        gdb.write("vmmap 0x%08x of pid %d (%s)\n" % (int(vmm), int(proc["p_pid"]),
                                                   _proc_name(proc)))
    else:
        gdb.write("vmmap 0x%08x (detached: no process, no page table)\n" % int(vmm))
    n = _show_areas(vmm, pd)
    gdb.write("  %d areas\n" % n)


def _show_areas(vmm, pd):
    """Prints the areas of vmm (a vmmap_t *), checked against directory pd if not 0."""
    table = None
    if pd:
        try:
            table = PageTable(pd)
        except gdb.GdbError:
            table = None
    gdb.write("  %-21s %-4s %-7s %8s %6s  %s\n" % ("ADDRESSES", "PROT", "SHARING", "OFFSET",
                                                    "MAPPED", "OBJECT"))
    covered = set()
    n = 0
    prev_end = 0
    for vma in _list(vmm["vmm_list"], "vmarea_t", "vma_plink"):
        start, end = int(vma["vma_start"]), int(vma["vma_end"])
        mapped = "-"
        if table is not None:
            mapped = str(sum(1 for v in range(start, end) if v in table.entries))
            covered.update(v for v in range(start, end) if v in table.entries)
        _, chain = _describe_obj(vma["vma_obj"])
        problems = []
        if start >= end:
            problems.append("empty or reversed area")
        if start < prev_end:
            problems.append("overlaps or is out of order with the area before")
        if int(vma["vma_vmmap"]) != int(vmm):
            problems.append("vma_vmmap is 0x%08x, not this map" % int(vma["vma_vmmap"]))
        gdb.write("  0x%08x-0x%08x %-4s %-7s %#8x %6s  %s%s%s\n" % (
            start * PAGE_SIZE, end * PAGE_SIZE, _prot_string(vma["vma_prot"]),
            _share_string(vma["vma_flags"]), int(vma["vma_off"]) * PAGE_SIZE,
            "%s/%d" % (mapped, end - start), chain,
            "  " + _describe_vnode(vma["vma_vnode"]) if int(vma["vma_vnode"]) else "",
            "".join("\n    ** " + p for p in problems)))
        prev_end = max(prev_end, end)
        n += 1
    if table is not None:
        stray = sorted(v for v in table.entries if v not in covered)
        if stray:
            gdb.write("  ** %d pages mapped in the page table outside every area (first 0x%08x):"
                      " a mapping that was not removed\n" % (len(stray), stray[0] * PAGE_SIZE))
    return n


class KVmmap(gdb.Command):
    """kvmmap [PID|MAP]: a process's address space, one line per vmarea.

MAP, a pointer or a kernel address, is a vmmap_t * (a kernel test's map,
`kvmmap map`): its areas, checked against its process's page table if it
has one.
Each line: the area's addresses, PROT (r w x), SHARING (shared or private),
OFFSET (the byte offset in its object that the first page shows), MAPPED
(how many of its pages the process's page table maps now, of how many;
"-" for a map with no process),
and its memory object followed down the shadow chain, each with its
resident pages and reference count (a private area shows shadow (...) ->
... -> anon or the file's object), then the file for a mapped file.  Pages
the page table maps outside every area are reported at the end.  With no
PID, every process that has an address space (kernel/vm/vm_proc.c)."""

    def __init__(self):
        super().__init__("kvmmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        want = None
        if arg.strip():
            try:
                val = gdb.parse_and_eval(arg)
            except gdb.error as e:
                raise gdb.GdbError("kvmmap: %s" % e)
            if val.type.strip_typedefs().code == gdb.TYPE_CODE_PTR or int(val) >= KERNEL_VMA:
                try:
                    vmm = gdb.Value(int(val)).cast(gdb.lookup_type("vmmap_t").pointer())
                except gdb.error:
                    raise gdb.GdbError("kvmmap: this kernel has no VM stage (no vmmap_t)")
                _show_detached(vmm)
                return
            want = int(val)
        live = {int(p): p for p in _procs()}
        entries = _vm_proc_entries()
        if entries is None:
            gdb.write("no address spaces: this kernel has no VM stage (no vm_proc_t)\n")
            return
        shown = 0
        for vmp in entries:
            if want is not None and int(vmp["vmp_pid"]) != want:
                continue
            if want is not None and int(vmp["vmp_proc"]) not in live:
                continue
            _show_vmmap(vmp, live)
            shown += 1
        if shown:
            return
        if want is None:
            gdb.write("no process has an address space (only kernel processes)\n")
            return
        p = _proc_by_pid(want)
        if p is None:
            gdb.write("no process %d\n" % want)
        else:
            gdb.write("pid %d (%s) has no address space (no vm_proc entry: a kernel process)\n"
                      % (want, _proc_name(p)))


KPagetable()
KVmmap()
