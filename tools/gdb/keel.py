"""GDB commands for debugging Keel (loaded by tools/gdb/gdbinit).

    kslab            every slab cache: name, object size, live objects, pages
    kbt [ADDR|EBP EIP|THREAD]
                     a backtrace by walking the frame-pointer chain:
                       kbt              from the current ebp and eip
                       kbt ADDR         from a frame: ADDR holds a saved ebp, ADDR+4 a
                                        return address (so `kbt $ebp` works anywhere)
                       kbt EBP EIP      from a pair, e.g. the registers of a panic report
                       kbt THREAD       a sleeping thread (kthread_t * or context_t *)
    kdmesg [N]       the kernel log ring buffer (its last N bytes)

The commands read memory and take types, field offsets and symbol addresses
from the kernel's DWARF (it is always built with -g), never from local
variables, so they work the same in an -O2 build, where locals are often
"<optimized out>".
"""

import struct

import gdb


def _read_u32(addr):
    data = gdb.selected_inferior().read_memory(addr, 4)
    return struct.unpack("<I", bytes(data))[0]


def _global(name, block_hint=None):
    """The value of a global or file-static variable."""
    sym = gdb.lookup_global_symbol(name)
    if sym is None and hasattr(gdb, "lookup_static_symbol"):
        sym = gdb.lookup_static_symbol(name)
    if sym is not None:
        return sym.value()
    return gdb.parse_and_eval(name)


def _field_offset(struct_type, field):
    for f in struct_type.strip_typedefs().fields():
        if f.name == field:
            return f.bitpos // 8
    raise gdb.GdbError("%s has no field %s" % (struct_type, field))


def _type_offset(type_name, field):
    """The byte offset of 'field' in the type called 'type_name'."""
    return _field_offset(gdb.lookup_type(type_name), field)


def _function_at(pc):
    """(name, offset) of the ELF symbol holding 'pc', or (None, 0).

    The ELF symbol table names the real function even where the DWARF
    says an inlined helper's code sits, which is what a backtrace wants.
    """
    text = gdb.execute("info symbol 0x%x" % pc, to_string=True).strip()
    if text.startswith("No symbol"):
        return None, 0
    # "run_one + 137 in section .text", or "kmain in section .text"
    parts = text.split(" in section")[0].split(" + ")
    return parts[0], int(parts[1]) if len(parts) > 1 else 0


def _symbolize(pc, line_pc=None):
    """'function+0xoff (file:line)' for a code address.

    For a return address give line_pc = pc - 1: the line of the call, not of
    whatever follows it.
    """
    if line_pc is None:
        line_pc = pc
    # A call to a function that never returns can be the last instruction
    # of its caller: the return address then lies past the caller's end.
    name, off = _function_at(line_pc)
    if name is None:
        return "?"
    off += pc - line_pc
    where = ""
    sal = gdb.find_pc_line(line_pc)
    if sal.symtab is not None and sal.line:
        where = " (%s:%d)" % (sal.symtab.filename, sal.line)
    return "%s+0x%x%s" % (name, off, where)


class KSlab(gdb.Command):
    """kslab: every slab cache with its object size, live objects and pages.

Walks the all_caches list in kernel/mm/slab.c."""

    def __init__(self):
        super().__init__("kslab", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        cache_type = gdb.lookup_type("struct slab_cache")
        link_off = _field_offset(cache_type, "sc_link")
        head = _global("all_caches")
        head_addr = int(head.address)
        cache_ptr = cache_type.pointer()
        gdb.write("%-24s %8s %8s %8s\n" % ("cache", "objsize", "live", "pages"))
        total_live = total_pages = n = 0
        link = int(head["l_next"])
        while link != head_addr:
            if n > 10000:
                raise gdb.GdbError("kslab: the cache list does not come back to its head")
            c = gdb.Value(link - link_off).cast(cache_ptr).dereference()
            name = c["sc_name"].string(length=-1).split("\0")[0]
            pages = int(c["sc_nslabs"]) * int(c["sc_slab_pages"])
            gdb.write("%-24s %8d %8d %8d\n" % (name, int(c["sc_size"]), int(c["sc_live"]), pages))
            total_live += int(c["sc_live"])
            total_pages += pages
            n += 1
            link = int(c["sc_link"]["l_next"])
        gdb.write("%d caches, %d live objects in %d pages\n" % (n, total_live, total_pages))


class KBt(gdb.Command):
    """kbt [ADDR | EBP EIP | THREAD]: a backtrace along the frame-pointer chain.

With no argument, from the current ebp and eip.  ADDR is a frame: a saved
ebp at ADDR and a return address at ADDR+4 (kbt $ebp).  EBP EIP is a
register pair (from a panic report).  THREAD is a kthread_t * or a
context_t * of a thread that is not running: its saved stack holds edi,
esi, ebx, ebp and the return address (kernel/proc/context.S)."""

    MAX_DEPTH = 64

    def __init__(self):
        super().__init__("kbt", gdb.COMMAND_STACK, gdb.COMPLETE_EXPRESSION)

    def _start(self, arg):
        """(ebp, eip, entry_ret): where the walk starts.

        entry_ret is a return address that is not yet in the frame chain:
        at a function's first instruction (a breakpoint on it) the caller's
        return address is on top of the stack, and ebp is still the caller's.
        """
        args = gdb.string_to_argv(arg)
        if not args:
            ebp = int(gdb.parse_and_eval("$ebp"))
            eip = int(gdb.parse_and_eval("$eip"))
            esp = int(gdb.parse_and_eval("$esp"))
            _, off = _function_at(eip)
            if off == 0:
                return ebp, eip, _read_u32(esp)
            if off == 1 and bytes(gdb.selected_inferior().read_memory(eip - 1, 1)) == b"\x55":
                return ebp, eip, _read_u32(esp + 4)  # after "push %ebp"
            return ebp, eip, None
        if len(args) == 2:
            return int(gdb.parse_and_eval(args[0])), int(gdb.parse_and_eval(args[1])), None
        v = gdb.parse_and_eval(args[0])
        t = v.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_PTR:
            target = t.target().strip_typedefs()
            if target.code == gdb.TYPE_CODE_STRUCT:
                names = [f.name for f in target.fields()]
                ctx = None
                if "kt_ctx" in names:
                    try:
                        running = int(v) == int(_global("curthr"))
                    except gdb.error:
                        running = False
                    if running:
                        gdb.write("(the running thread: its registers, not its saved context)\n")
                        return self._start("")
                    ctx = v.dereference()["kt_ctx"]
                elif "c_esp" in names:
                    ctx = v.dereference()
                if ctx is not None:
                    esp = int(ctx["c_esp"])
                    if esp == 0:
                        raise gdb.GdbError("kbt: that context was never saved")
                    return _read_u32(esp + 12), _read_u32(esp + 16), None
        if t.code == gdb.TYPE_CODE_STRUCT:
            raise gdb.GdbError("kbt: give a pointer, not a structure")
        return int(v), None, None

    def invoke(self, arg, from_tty):
        ebp, eip, entry_ret = self._start(arg)
        depth = 0
        if eip is not None:
            gdb.write("#%-2d 0x%08x in %s\n" % (depth, eip, _symbolize(eip)))
            depth += 1
        if entry_ret is not None:
            gdb.write("#%-2d 0x%08x in %s\n" % (depth, entry_ret,
                                               _symbolize(entry_ret, entry_ret - 1)))
            depth += 1
        while ebp != 0 and depth < self.MAX_DEPTH:
            if ebp % 4 != 0:
                gdb.write("(frame pointer 0x%08x is not aligned)\n" % ebp)
                return
            try:
                saved_ebp = _read_u32(ebp)
                ret = _read_u32(ebp + 4)
            except gdb.MemoryError:
                gdb.write("(frame pointer 0x%08x is not readable)\n" % ebp)
                return
            if ret == 0:
                return
            # The call is the instruction before the return address.
            gdb.write("#%-2d 0x%08x in %s\n" % (depth, ret, _symbolize(ret, ret - 1)))
            depth += 1
            if saved_ebp != 0 and saved_ebp <= ebp:
                return  # a caller's frame is always higher on the stack
            ebp = saved_ebp


class KDmesg(gdb.Command):
    """kdmesg [N]: the kernel log (klog_buf in kernel/util/kprintf.c), or its last N bytes."""

    def __init__(self):
        super().__init__("kdmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf = _global("klog_buf")
        head = int(_global("klog_head"))
        size = buf.type.strip_typedefs().sizeof
        addr = int(buf.address)
        n = min(head, size)
        if arg.strip():
            n = min(n, int(gdb.parse_and_eval(arg)))
        start = head - n
        mem = gdb.selected_inferior()
        chunks = []
        while n > 0:
            i = start % size
            take = min(n, size - i)
            chunks.append(bytes(mem.read_memory(addr + i, take)))
            start += take
            n -= take
        text = b"".join(chunks).decode("utf-8", "replace")
        gdb.write(text)
        if text and not text.endswith("\n"):
            gdb.write("\n")


KSlab()
KBt()
KDmesg()
