"""GDB command for Keel's page-frame cache: kpframes.

    kpframes         the cache's counters, then every memory object that has
                     pages in it: its name, kind, pages, pinned and dirty
    kpframes -v      every resident page too: frame, object, page number,
                     pins, dirty/busy, and (S5FS file pages) the disk block

It reads the kernel's own state (pframe_counters and the hash table pf_hash
in kernel/mm/pframe.c) with the types from the debug information and never
calls kernel code, so it works at any stop.
"""

import gdb

# keel.py, sourced before this file into the same namespace (tools/gdb/gdbinit
# sources it first), gives the helpers shared by every command.
from __main__ import _global, _type_offset  # noqa: E402

MOBJ_KINDS = {1: "blockdev", 2: "vnode", 3: "anon", 4: "shadow"}


def _pages():
    """Every resident pframe_t *, bucket by bucket."""
    table = _global("pf_hash")
    nbuckets = table.type.range()[1] + 1
    ptr = gdb.lookup_type("pframe_t").pointer()
    link_t = gdb.lookup_type("list_link_t").pointer()
    off = _type_offset("pframe_t", "pf_hash_link")
    for i in range(nbuckets):
        head = table[i]
        head_addr = int(head.address)
        link = int(head["l_next"])
        n = 0
        while link != head_addr and link != 0:
            yield gdb.Value(link - off).cast(ptr)
            link = int(gdb.Value(link).cast(link_t)["l_next"])
            n += 1
            if n > 1000000:
                raise gdb.GdbError("pf_hash bucket %d does not come back to its head" % i)


def _name(obj):
    try:
        return obj["mo_name"].string(errors="replace")[:40]
    except gdb.error:
        return "?"


class KPframes(gdb.Command):
    """kpframes [-v]: the page-frame cache's counters and resident pages.

Counters are pframe_counters (kernel/mm/pframe.c): resident pages and the
limit (pframe_max=N), pinned and dirty pages, hits, misses, evictions and
write-backs since boot.  Then one line per memory object with pages in the
cache; with -v one line per page."""

    def __init__(self):
        super().__init__("kpframes", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        c = _global("pframe_counters")
        gdb.write("pframes: %d resident (limit %d), %d pinned, %d dirty\n" % (
            int(c["ps_resident"]), int(c["ps_max"]), int(c["ps_pinned"]), int(c["ps_dirty"])))
        gdb.write("pframes: %d hits, %d misses, %d evictions, %d write-backs\n" % (
            int(c["ps_hits"]), int(c["ps_misses"]), int(c["ps_evictions"]),
            int(c["ps_writebacks"])))
        verbose = arg.strip() == "-v"
        objs = {}
        if verbose:
            gdb.write("%-10s %-10s %-16s %6s %4s %-6s %s\n" % (
                "PFRAME", "FRAME", "OBJECT", "PAGE", "PINS", "STATE", "BLOCK"))
        for pf in _pages():
            obj = pf["pf_obj"]
            key = int(obj)
            o = objs.setdefault(key, {"name": _name(obj), "kind": int(obj["mo_type"]),
                                      "pages": 0, "pinned": 0, "dirty": 0})
            o["pages"] += 1
            o["pinned"] += int(pf["pf_pincount"]) > 0
            o["dirty"] += bool(pf["pf_dirty"])
            if verbose:
                state = ("dirty" if pf["pf_dirty"] else "clean") + \
                    ("+busy" if pf["pf_busy"] else "")
                gdb.write("0x%08x 0x%08x %-16s %6d %4d %-6s %s\n" % (
                    int(pf), int(pf["pf_addr"]), o["name"][:16], int(pf["pf_pagenum"]),
                    int(pf["pf_pincount"]), state, int(pf["pf_hint"]) or "-"))
        gdb.write("%-10s %-16s %-8s %6s %6s %6s\n" % ("MOBJ", "NAME", "KIND", "PAGES", "PINNED",
                                                     "DIRTY"))
        for key, o in sorted(objs.items(), key=lambda kv: -kv[1]["pages"]):
            gdb.write("0x%08x %-16s %-8s %6d %6d %6d\n" % (
                key, o["name"][:16], MOBJ_KINDS.get(o["kind"], "?"), o["pages"], o["pinned"],
                o["dirty"]))


KPframes()
