"""GDB commands for Keel's virtual file system: kvnodes and kfiles.

    kvnodes          every resident vnode: address, file system, inode, type,
                     reference count, length and path
    kfiles [PID]     the current directory and open descriptors of process
                     PID (with no PID: of every process the VFS knows), each
                     descriptor with its open file's mode, position, count
                     and vnode

They read the kernel's own tables (vnode_table in kernel/vfs/vnode.c,
vfs_procs and vfs_proc_used in kernel/vfs/vfs_proc.c) with the types from
the kernel's debug information, and never call kernel code, so they work
at any stop: a breakpoint, a panic, or Ctrl-C in a hung test.  Paths are
found by reading ramfs's directories from its root; a vnode that no
directory names (an unlinked file still open) shows "(no path)".
"""

import gdb

# keel.py, sourced before this file into the same namespace (tools/gdb/gdbinit
# sources it first), gives the helpers shared by every command.
from __main__ import _global, _type_offset  # noqa: E402

S_IFMT = 0o170000
TYPE_NAMES = {0o040000: "dir", 0o020000: "chr", 0o060000: "blk", 0o100000: "reg"}
FMODE_READ, FMODE_WRITE, FMODE_APPEND = 0x1, 0x2, 0x4


def _list(head, type_name, link_field):
    """The elements (type_name *) of the intrusive list whose head is 'head' (a list_t)."""
    head_addr = int(head.address)
    ptr = gdb.lookup_type(type_name).pointer()
    off = _type_offset(type_name, link_field)
    link = int(head["l_next"])
    n = 0
    while link != head_addr:
        if link == 0:
            raise gdb.GdbError("%s list: a NULL link (corrupt list)" % type_name)
        yield gdb.Value(link - off).cast(ptr)
        link = int(gdb.Value(link).cast(gdb.lookup_type("list_link_t").pointer())["l_next"])
        n += 1
        if n > 100000:
            raise gdb.GdbError("%s list does not come back to its head" % type_name)


def _vnodes():
    return _list(_global("vnode_table"), "vnode_t", "vn_link")


def _type_name(mode):
    return TYPE_NAMES.get(int(mode) & S_IFMT, "?")


def _string(chars, length):
    data = bytes(int(chars[i]) & 0xFF for i in range(length))
    return data.decode("latin-1")


class _Paths:
    """Paths of ramfs inodes, found once per command by walking the directories."""

    def __init__(self):
        self.by_fs = {}

    def _walk_ramfs(self, fs):
        paths = {}
        try:
            rf = fs["fs_i"].cast(gdb.lookup_type("ramfs_t").pointer())
            inodes = rf["rf_inodes"]
            count = inodes.type.strip_typedefs().range()[1] + 1
            root = int(fs["fs_root_ino"])
        except gdb.error:
            return paths
        paths[root] = "/"
        queue = [root]
        while queue:
            ino = queue.pop(0)
            if ino >= count or int(inodes[ino]) == 0:
                continue
            ri = inodes[ino]
            if (int(ri["ri_mode"]) & S_IFMT) != 0o040000 or int(ri["ri_slots"]) == 0:
                continue
            for i in range(int(ri["ri_nslots"])):
                slot = ri["ri_slots"][i]
                length = int(slot["rd_len"])
                if length == 0:
                    continue
                name = _string(slot["rd_name"], length)
                child = int(slot["rd_ino"])
                if name in (".", "..") or child in paths:
                    continue
                paths[child] = (paths[ino].rstrip("/") + "/" + name)
                queue.append(child)
        return paths

    def of(self, vn):
        fs = vn["vn_fs"]
        key = int(fs)
        if key not in self.by_fs:
            kind = fs["fs_type"].string() if int(fs) and int(fs["fs_type"]) else "?"
            self.by_fs[key] = self._walk_ramfs(fs) if kind == "ramfs" else {}
        return self.by_fs[key].get(int(vn["vn_ino"]), "(no path)")


def _describe(vn, paths):
    """'ramfs ino 5 reg count 2 len 6 /a/f' for a vnode_t *."""
    if int(vn) == 0:
        return "(none)"
    fs = vn["vn_fs"]
    kind = fs["fs_type"].string() if int(fs) and int(fs["fs_type"]) else "?"
    return "%s ino %d %s count %d len %d %s" % (kind, int(vn["vn_ino"]), _type_name(vn["vn_mode"]),
                                              int(vn["vn_refcount"]), int(vn["vn_len"]),
                                              paths.of(vn))


class KVnodes(gdb.Command):
    """kvnodes: every resident vnode with its reference count and path.

Walks vnode_table (kernel/vfs/vnode.c).  COUNT is vn_refcount: the open
files, current directories, mounted roots and walks in progress that hold
the vnode."""

    def __init__(self):
        super().__init__("kvnodes", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        paths = _Paths()
        gdb.write("%-10s %-6s %5s %-4s %5s %8s %s\n" % ("VNODE", "FS", "INO", "TYPE", "COUNT",
                                                        "LEN", "PATH"))
        n = total = 0
        for vn in _vnodes():
            fs = vn["vn_fs"]
            kind = fs["fs_type"].string() if int(fs) and int(fs["fs_type"]) else "?"
            gdb.write("0x%08x %-6s %5d %-4s %5d %8d %s\n" % (
                int(vn), kind, int(vn["vn_ino"]), _type_name(vn["vn_mode"]),
                int(vn["vn_refcount"]), int(vn["vn_len"]), paths.of(vn)))
            n += 1
            total += int(vn["vn_refcount"])
        gdb.write("%d vnodes resident, %d references\n" % (n, total))


def _live_procs():
    """{address: (pid, name, zombie)} of the processes on proc_list."""
    out = {}
    for p in _list(_global("proc_list"), "proc_t", "p_list_link"):
        out[int(p)] = (int(p["p_pid"]), p["p_name"].string(), int(p["p_state"]) == 1)
    return out


def _mode_string(mode):
    mode = int(mode)
    s = ("r" if mode & FMODE_READ else "-") + ("w" if mode & FMODE_WRITE else "-")
    return s + ("a" if mode & FMODE_APPEND else "-")


class KFiles(gdb.Command):
    """kfiles [PID]: a process's current directory and open descriptors.

With no PID, every process the VFS keeps state for (vfs_proc_used in
kernel/vfs/vfs_proc.c).  Each descriptor shows its open file (file_t):
MODE (r read, w write, a append), POS (the position), COUNT (f_refcount:
descriptors and fget() references), and the vnode it holds."""

    def __init__(self):
        super().__init__("kfiles", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        want = None
        if arg.strip():
            want = int(gdb.parse_and_eval(arg))
        paths = _Paths()
        live = _live_procs()
        shown = 0
        for vp in _list(_global("vfs_proc_used"), "vfs_proc_t", "vp_link"):
            pid = int(vp["vp_pid"])
            if want is not None and pid != want:
                continue
            owner = int(vp["vp_proc"])
            if owner in live:
                name = live[owner][1] + (" (zombie: not yet swept)" if live[owner][2] else "")
            else:
                name = "(exited: not yet swept)"
            gdb.write("pid %d %s\n" % (pid, name))
            gdb.write("  cwd  %s\n" % _describe(vp["vp_cwd"], paths))
            files = vp["vp_files"]
            nfiles = files.type.strip_typedefs().range()[1] + 1
            gdb.write("  %-4s %-10s %-4s %8s %5s %s\n" % ("FD", "FILE", "MODE", "POS", "COUNT",
                                                          "VNODE"))
            for fd in range(nfiles):
                f = files[fd]
                if int(f) == 0:
                    continue
                gdb.write("  %-4d 0x%08x %-4s %8d %5d %s\n" % (
                    fd, int(f), _mode_string(f["f_mode"]), int(f["f_pos"]),
                    int(f["f_refcount"]), _describe(f["f_vnode"], paths)))
            shown += 1
        if shown == 0:
            if want is None:
                gdb.write("no process has VFS state (before vfs_init?)\n")
            else:
                gdb.write("pid %d has no VFS state (it never used a file, or it is gone)\n"
                          % want)
        try:
            gdb.write("%d open files in the kernel\n" % int(_global("file_live")))
        except gdb.error:
            pass


KVnodes()
KFiles()
