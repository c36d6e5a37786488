"""The pristine release and the kernels built from it.

The release is the handout of the stage being graded (handout/mkhandout
cuts it from the reference tree into the grader's work directory, or the
TA names one with --release): the tree the students got, with the tests,
the build files and the reference archives of the earlier stages.  The
reference's own sources are never in it.

Building a submission takes four steps, so that no student code is ever
compiled next to the key, and nothing the student produced but objects
reaches the kernel:

  1. pristine: the release is built once per grading run, with the run's
     key compiled into the test harness (KTEST_AUTH_KEY), by the release's
     Makefile.  Its object list, link flags and the names the harness
     defines are read from it; then the whole tree is made read-only.
  2. compile: the student's files are compiled in a fresh copy of the
     release that holds no build output and no key, with the release's own
     Makefile and flags (-Werror included), in the sandbox (sandbox.py):
     it sees that copy, /usr and nothing else.
  3. objects: only the .o file of each student file is taken out of that
     copy (never a .d file or anything else), checked (sections, symbols,
     strings naming the harness) and its SHA-256 recorded.
  4. link: a private copy of the pristine build takes those objects and is
     linked by explicit ld commands (no make), in the sandbox, twice as the
     Makefile does (an empty symbol table, then the real one, leaving out
     every harness symbol); the objects' hashes are checked again just
     before the first ld.
"""

import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

from . import sandbox

MAKE_TIMEOUT = 300
COMPILE_TIMEOUT = 120
LINK_TIMEOUT = 120
STUDENT_MEMORY = 2 << 30      # address space of each process building student code
STUDENT_FILE_SIZE = 256 << 20  # the largest file it may write
STUDENT_OBJECT_SIZE = 64 << 20  # the largest object taken out of the compile sandbox
# Undefined symbols a student file must not use, and sections it must not have.
FORBIDDEN_PREFIXES = ("ktest_", "kbench_", "ktests_", "ksyms_", "hmac_sha256", "sha256")
FORBIDDEN_SECTIONS = (".ktests", ".kbench")
# The harness's objects in a built tree (their symbols are the harness's).
HARNESS_OBJECTS = ("build/obj/kernel/test/*.o", "build/obj/kernel/util/sha256.c.o")
# ...and the tests themselves: their names are left out of the graded symbol
# table too (a test found by name could be patched), but a student's static
# function may share a name with a test's, so they are not forbidden.
TEST_OBJECTS = ("build/obj/kernel/test/**/*.o",)
# Names a student file may have (paths in the tree).
SAFE_NAME = re.compile(r"^[A-Za-z0-9._/-]+$")
IDENT = re.compile(rb"^[A-Za-z_][A-Za-z0-9_]*$")


class BuildError(Exception):
    def __init__(self, message, log=""):
        super().__init__(message)
        self.log = log


def clean_env():
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "LOGNAME")}
    env["LC_ALL"] = "C"
    return env


def run_make(tree, targets, variables, jobs=1, timeout=MAKE_TIMEOUT):
    """Runs the release's make on a tree that holds no student file."""
    # KEEL_DEPS=0: the grader's machine has what a build needs (setup.sh), not
    # necessarily every package of the project (Bochs, GDB) that make checks for.
    variables = dict({"KEEL_DEPS": "0"}, **variables)
    cmd = ["make", "-C", tree, "--no-print-directory", f"-j{max(1, jobs)}"]
    cmd += [f"{k}={v}" for k, v in sorted(variables.items())] + list(targets)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return False, out + f"\nmake: stopped after its {timeout} s time limit\n", True
    return r.returncode == 0, r.stdout + r.stderr, False


def read_meta(release):
    path = os.path.join(release, ".keel-handout.json")
    if not os.path.exists(path):
        raise BuildError(f"{release} is not a handout (no .keel-handout.json); "
                         "make one with make handout STAGE=<stage>")
    with open(path) as fh:
        return json.load(fh)


def prepare_release(stage, work, root, release=None, quiet=True):
    """The release to grade against, in work/release: a copy of 'release' if
    given, else the stage's handout cut now from the reference tree 'root'.
    Only the release is copied: the reference's sources stay where they are."""
    out = os.path.join(work, "release")
    if release:
        meta = read_meta(release)
        if meta.get("stage") != stage:
            raise BuildError(f"{release} is the handout of {meta.get('stage')}, not of {stage}")
        copy_tree(release, out, with_build=False)
        return out
    sys.path.insert(0, os.path.join(root, "handout"))
    try:
        import importlib.machinery
        import importlib.util
        path = os.path.join(root, "handout", "mkhandout")
        loader = importlib.machinery.SourceFileLoader("mkhandout", path)
        spec = importlib.util.spec_from_loader("mkhandout", loader)
        mk = importlib.util.module_from_spec(spec)
        loader.exec_module(mk)
    except (OSError, ImportError) as e:
        raise BuildError(f"cannot load the handout generator: {e}")
    scratch = os.path.join(work, "release-build")
    try:
        import io
        import contextlib
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            mk.make_handout(stage, scratch, out=out, tar=False, root=root, quiet=quiet)
    except SystemExit as e:
        raise BuildError(f"cutting the {stage} handout failed: {e}", buf.getvalue())
    finally:
        # It holds the reference's objects (to make the archives): gone now.
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def copy_tree(src, dst, with_build=True):
    """A copy that keeps modification times (make relies on them)."""
    if os.path.exists(dst):
        shutil.rmtree(dst)

    def ignore(d, names):
        if with_build:
            return []
        return [n for n in names if d == src and n.startswith("build")]

    shutil.copytree(src, dst, symlinks=True, ignore=ignore, copy_function=shutil.copy2)


def stage_switches(stages, stage, earlier, release):
    """config.mk switches for grading 'stage': earlier stages from the
    reference archives ("ref") or the student's files ("student").  An
    earlier stage the release ships without an archive (as source) is built
    from the release's files."""
    sw = {}
    for s in stages:
        archive = os.path.exists(os.path.join(release, "ref", f"lib{s.name}.a"))
        if s.index < stage.index and earlier == "ref" and archive:
            sw[s.switch] = "ref"
        else:
            sw[s.switch] = "src"
    return sw


class Pristine:
    """The release built with this run's key, read-only once built."""

    def __init__(self, tree, kernel, variables, switches, link, forbidden, omit):
        self.tree = tree
        self.kernel = kernel
        self.variables = variables
        self.switches = switches
        self.link = link            # the Makefile's link: objects, flags, libraries
        self.forbidden = forbidden  # names a student object must not hold
        self.omit = omit            # file: names left out of the graded symbol table


# What the grader reads from the release's Makefile (make --eval): the objects
# in link order, and the flags and libraries of the link.
LINK_VARS = ("KERNEL_OBJS", "LINK_LIBS", "LDFLAGS", "ASFLAGS", "LD", "NM", "CC", "BUILD")


def _link_vars(tree, variables):
    recipe = "".join(f"\t@echo '{v}=$({v})'\n" for v in LINK_VARS)
    cmd = ["make", "-C", tree, "--no-print-directory", "-s", "KEEL_DEPS=0"]
    cmd += [f"{k}={v}" for k, v in sorted(variables.items())]
    cmd += ["--eval", "keelgrade-link-vars:\n" + recipe, "keelgrade-link-vars"]
    r = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), timeout=60)
    if r.returncode != 0:
        raise BuildError("cannot read the link from the release's Makefile", r.stdout + r.stderr)
    out = {}
    for line in r.stdout.splitlines():
        k, _, v = line.partition("=")
        if k in LINK_VARS:
            out[k] = v.split()
    missing = [v for v in LINK_VARS if v not in out]
    if missing or not out["KERNEL_OBJS"]:
        raise BuildError("the release's Makefile does not say how it links (%s)" % ", ".join(missing))
    return out


def _nm(path, *flags):
    r = subprocess.run(["nm", "-P"] + list(flags) + [path], capture_output=True, text=True,
                       timeout=60, env=clean_env())
    syms = []
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.endswith(":"):
            syms.append((parts[0], parts[1], parts[2] if len(parts) > 2 else None))
    return syms


def harness_names(tree, kernel):
    """(forbidden, omit) for a built tree: the global names the harness
    objects define and the linker symbols of the test table, the benchmark
    table and the symbol table (a student object must not name them), and
    every name the harness and the tests define (left out of the graded
    symbol table)."""
    import glob
    forbidden, omit = set(), set()
    for pattern in HARNESS_OBJECTS:
        for obj in sorted(glob.glob(os.path.join(tree, pattern))):
            for name, kind, _ in _nm(obj, "--defined-only"):
                omit.add(name)
                if kind.isupper():
                    forbidden.add(name)
    for pattern in TEST_OBJECTS:
        for obj in sorted(glob.glob(os.path.join(tree, pattern), recursive=True)):
            omit.update(name for name, _, _ in _nm(obj, "--defined-only"))
    for name, kind, _ in _nm(kernel):
        if name.startswith(("ktests_", "kbench_", "ksyms_")):
            omit.add(name)
            if kind.isupper():
                forbidden.add(name)
    return forbidden, omit


def make_read_only(tree):
    for d, dirs, files in os.walk(tree):
        for f in files:
            p = os.path.join(d, f)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode & ~0o222)
        os.chmod(d, os.stat(d).st_mode & ~0o222)


def make_writable(tree):
    """Undoes make_read_only, so that the work directory can be removed."""
    if not os.path.isdir(tree):
        return
    os.chmod(tree, os.stat(tree).st_mode | 0o700)
    for d, dirs, files in os.walk(tree):
        for x in dirs + files:
            p = os.path.join(d, x)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | 0o600 | (0o100 if os.path.isdir(p) else 0))


def build_pristine(release, work, key, switches, jobs=2, products=()):
    """The release built with the run's key, and 'products' (names under its
    build directory, such as a disk image the rubric gives each boot)."""
    # Under a name nobody can guess (and that no sandbox sees).
    hidden = tempfile.mkdtemp(prefix="p-" + secrets.token_hex(12), dir=work)
    tree = os.path.join(hidden, "pristine")
    copy_tree(release, tree, with_build=False)
    variables = dict(switches, BUILD="build", DEBUG="0", CMDLINE="")
    for name in products:
        if not SAFE_NAME.match(name) or ".." in name.split("/"):
            raise BuildError(f"the rubric names an odd build product: {name!r}")
    ok, log, _ = run_make(tree, ["build/keel.elf", "build/obj/ksyms0.o"]
                          + ["build/" + name for name in products],
                          dict(variables, KTEST_AUTH_KEY=key), jobs)
    with open(os.path.join(work, "pristine-build.log"), "w") as fh:
        fh.write(log)
    if not ok:
        raise BuildError("the release itself does not build (see pristine-build.log)", log)
    link = _link_vars(tree, variables)
    if link["BUILD"] != ["build"]:
        raise BuildError("the release's Makefile builds elsewhere than build/")
    for rel in link["KERNEL_OBJS"]:
        if not SAFE_NAME.match(rel) or ".." in rel.split("/"):
            raise BuildError(f"the release's object list holds an odd name: {rel!r}")
    kernel = os.path.join(tree, "build", "keel.elf")
    forbidden, omit = harness_names(tree, kernel)
    omit_file = os.path.join(hidden, "omit.txt")
    with open(omit_file, "w") as fh:
        fh.write("".join(n + "\n" for n in sorted(omit)))
    make_read_only(hidden)
    return Pristine(tree, kernel, variables, switches, link, frozenset(forbidden), omit_file)


class Built:
    def __init__(self, ok, log, kernel=None, problems=(), timed_out=False, step=None,
                 stubs=(), hashes=None, leftovers=()):
        self.ok = ok
        self.step = step  # where it failed: "compile" or "link"
        self.log = log
        self.kernel = kernel
        self.problems = list(problems)  # integrity problems with the student's objects
        self.timed_out = timed_out
        self.stubs = list(stubs)        # stub labels ("PROCS: f") still in the objects
        self.hashes = dict(hashes or {})  # {student file: SHA-256 of its object}
        self.leftovers = list(leftovers)  # processes of the build alive after it (none, or a bug)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for b in iter(lambda: fh.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def _student_limits():
    return sandbox.Limits(cpu=COMPILE_TIMEOUT, memory=STUDENT_MEMORY, fsize=STUDENT_FILE_SIZE)


def build_submission(pristine, release, files, work, jobs=1, stub_labels=None):
    """Builds a kernel from the pristine build and the student's 'files'
    ({path: bytes}); files not given keep the release's stubs.
    'stub_labels' ({path: ["PROCS: f", ...]}) are the stubs to look for."""
    log = []
    for rel in files:
        if not SAFE_NAME.match(rel) or ".." in rel.split("/") or rel.startswith("/"):
            return Built(False, f"refused: the file name {rel!r} has characters outside "
                                "[A-Za-z0-9._/-]\n", step="compile")
    # Step 2: compile the student's files alone, in a copy without build output.
    compile_dir = os.path.join(work, "compile")
    copy_tree(release, compile_dir, with_build=False)
    for rel, data in files.items():
        path = os.path.join(compile_dir, rel)
        if os.path.islink(path):
            os.unlink(path)
        with open(path, "wb") as fh:
            fh.write(data)
    objects = [f"build/obj/{rel}.o" for rel in sorted(files)]
    leftovers = []
    if objects:
        argv = ["make", "-C", compile_dir, "--no-print-directory", f"-j{max(1, jobs)}", "KEEL_DEPS=0"]
        argv += [f"{k}={v}" for k, v in sorted(pristine.variables.items())] + objects
        r = sandbox.run(argv, binds=[(compile_dir, compile_dir, True)], chdir=compile_dir,
                        timeout=COMPILE_TIMEOUT, limits=_student_limits(),
                        tmpdir=_tmp(work, "compile-tmp"))
        leftovers += r.leftovers
        log.append(r.output)
        if r.timed_out:
            log.append(f"\nmake: stopped after its {COMPILE_TIMEOUT} s time limit\n")
        if not r.ok:
            return Built(False, "".join(log), timed_out=r.timed_out, step="compile",
                         leftovers=leftovers)

    # Step 3: only the objects leave the compile directory.
    objdir = os.path.join(work, "objects")
    hashes = {}
    for rel in sorted(files):
        src = os.path.join(compile_dir, "build", "obj", rel + ".o")
        try:
            st = os.lstat(src)
        except OSError:
            return Built(False, "".join(log) + f"\n{rel}: the compiler made no object\n",
                         step="compile", leftovers=leftovers)
        if not stat.S_ISREG(st.st_mode) or st.st_size > STUDENT_OBJECT_SIZE:
            return Built(False, "".join(log) + f"\n{rel}.o is not a plain object file\n",
                         step="compile", leftovers=leftovers)
        dst = os.path.join(objdir, rel + ".o")
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(src, dst)
        hashes[rel] = sha256_file(dst)
    shutil.rmtree(compile_dir, ignore_errors=True)
    problems = check_objects(objdir, sorted(files), pristine.forbidden)
    stubs = find_stubs(objdir, stub_labels or {})

    # Step 4: link, without make, in a private copy of the pristine build.
    tree = os.path.join(work, "link")
    try:
        kernel, out = link(pristine, tree, objdir, hashes, work)
    except BuildError as e:
        return Built(False, "".join(log) + e.log + f"\n{e}\n", step="link", problems=problems,
                     stubs=stubs, hashes=hashes, leftovers=leftovers)
    log.append(out)
    return Built(True, "".join(log), kernel, problems, stubs=stubs, hashes=hashes,
                 leftovers=leftovers)


def _tmp(work, name):
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    return d


def _copy_link_tree(pristine, tree):
    """The parts of the pristine build a link needs, copied: the objects, the
    reference archives, the linker script and the symbol table generator."""
    if os.path.exists(tree):
        make_writable(tree)
        shutil.rmtree(tree)
    src = pristine.tree
    os.makedirs(tree)
    for sub in ("build/obj", "ref"):
        s = os.path.join(src, sub)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(tree, sub), copy_function=shutil.copy2,
                            ignore=shutil.ignore_patterns("*.d"))
    for f in ("kernel/kernel.ld", "tools/gensyms"):
        os.makedirs(os.path.dirname(os.path.join(tree, f)), exist_ok=True)
        shutil.copy2(os.path.join(src, f), os.path.join(tree, f))
    for d, dirs, files in os.walk(tree):
        os.chmod(d, 0o755)
        for f in files:
            p = os.path.join(d, f)
            os.chmod(p, os.stat(p).st_mode | 0o600)


def link(pristine, tree, objdir, hashes, work):
    """Links the kernel in 'tree' (a fresh private copy of the pristine
    build) with the student's objects in 'objdir'; returns (kernel, log)."""
    _copy_link_tree(pristine, tree)
    lk = pristine.link
    objs = lk["KERNEL_OBJS"]
    for rel in hashes:
        obj = f"build/obj/{rel}.o"
        if obj not in objs:
            raise BuildError(f"{rel} is not part of this stage's link")
        shutil.copyfile(os.path.join(objdir, rel + ".o"), os.path.join(tree, obj))
    for rel in objs:
        if not os.path.isfile(os.path.join(tree, rel)):
            raise BuildError(f"the pristine build has no {rel}")
    shutil.copyfile(pristine.omit, os.path.join(tree, "build", "omit.txt"))
    binds = [(tree, tree, True)]
    log = []

    def step(argv, what):
        r = sandbox.run(argv, binds=binds, chdir=tree, timeout=LINK_TIMEOUT,
                        limits=sandbox.Limits(cpu=LINK_TIMEOUT, memory=STUDENT_MEMORY,
                                              fsize=STUDENT_FILE_SIZE),
                        tmpdir=_tmp(work, "link-tmp"))
        log.append(r.output)
        if not r.ok:
            raise BuildError(f"the link failed ({what})" +
                             (f": stopped after {LINK_TIMEOUT} s" if r.timed_out else ""),
                             "".join(log))
        return r.output

    # The objects must be the ones checked: hash them again now.
    for rel, digest in hashes.items():
        if sha256_file(os.path.join(tree, "build", "obj", rel + ".o")) != digest:
            raise BuildError(f"{rel}.o changed between its check and the link")
    ld = lk["LD"] + lk["LDFLAGS"]
    step(ld + ["-o", "build/keel.pass1.elf"] + objs + ["build/obj/ksyms0.o"] + lk["LINK_LIBS"],
         "first pass")
    nm = " ".join(lk["NM"])
    step(["/bin/sh", "-c", f"{nm} -n --defined-only build/keel.pass1.elf"
          " | tools/gensyms --omit build/omit.txt - > build/ksyms.S"], "symbol table")
    step(lk["CC"] + lk["ASFLAGS"] + ["-c", "build/ksyms.S", "-o", "build/obj/ksyms.o"],
         "symbol table")
    step(ld + ["-o", "build/keel.elf"] + objs + ["build/obj/ksyms.o"] + lk["LINK_LIBS"],
         "second pass")
    kernel = os.path.join(tree, "build", "keel.elf")
    r = sandbox.run(["grub-file", "--is-x86-multiboot", kernel], binds=binds, timeout=30)
    if r.returncode != 0:
        raise BuildError("the kernel is not a Multiboot image", "".join(log))
    where = [_addr_of(_nm(os.path.join(tree, "build", name)), "kmain")
             for name in ("keel.pass1.elf", "keel.elf")]
    if where[0] is None or where[0] != where[1]:
        raise BuildError("functions moved between the two links", "".join(log))
    return kernel, "".join(log)


def _addr_of(syms, name):
    for n, kind, addr in syms:
        if n == name:
            return addr
    return None


# --- Reading the student's objects ---------------------------------------------------

SHF_ALLOC = 0x2
SHT_PROGBITS = 1


def alloc_sections(path):
    """[(name, bytes)] of the loaded sections (code and data) of an ELF32
    object: where a string the program uses sits."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] != b"\x7fELF" or data[4] != 1:
        return None
    end = "<" if data[5] == 1 else ">"
    shoff, = struct.unpack_from(end + "I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from(end + "HHH", data, 0x2E)
    secs = []
    for i in range(shnum):
        off = shoff + i * shentsize
        if off + 40 > len(data):
            return None
        secs.append(struct.unpack_from(end + "IIIIIIIIII", data, off))
    if shstrndx >= len(secs):
        return None
    names = secs[shstrndx]
    out = []
    for (name, typ, flags, _addr, off, size, *_rest) in secs:
        if typ == SHT_PROGBITS and flags & SHF_ALLOC and off + size <= len(data):
            n0 = names[4] + name
            nm = data[n0:data.index(b"\0", n0)].decode(errors="replace") if n0 < len(data) else "?"
            out.append((nm, data[off:off + size]))
    return out


def _strings(blob):
    return set(s for s in blob.split(b"\0") if s)


def check_objects(objdir, files, forbidden=frozenset()):
    """Integrity problems in the student's objects: tests registered from
    student code, a symbol of the harness, the test table or the symbol
    table named (as a symbol, defined or not, or as a string)."""
    problems = []
    forbidden_b = {n.encode() for n in forbidden}
    prefixes = tuple(p.encode() for p in FORBIDDEN_PREFIXES)
    for rel in files:
        obj = os.path.join(objdir, rel + ".o")
        if not os.path.exists(obj):
            continue
        try:
            h = subprocess.run(["objdump", "-h", obj], capture_output=True, text=True, timeout=30)
            syms = _nm(obj)
        except (OSError, subprocess.TimeoutExpired) as e:
            problems.append(f"{rel}: its object cannot be read ({e})")
            continue
        if h.returncode != 0:
            problems.append(f"{rel}: its object cannot be read")
            continue
        for line in h.stdout.splitlines():
            parts = line.split()
            if len(parts) > 1 and parts[0].isdigit() and parts[1].startswith(FORBIDDEN_SECTIONS):
                problems.append(f"{rel} has a {parts[1]} section: it registers tests of its own")
        for name, kind, _ in syms:
            if kind.islower() and kind not in ("u", "v", "w"):
                continue  # the file's own static names
            if name in forbidden or name.startswith(FORBIDDEN_PREFIXES):
                how = "refers to" if kind in ("U", "u", "v", "w") else "defines"
                problems.append(f"{rel} {how} {name}, part of the test harness")
        secs = alloc_sections(obj)
        if secs is None:
            problems.append(f"{rel}: its object is not an ELF32 file")
            continue
        named = set()
        for _sec, blob in secs:
            for s in _strings(blob):
                if s in forbidden_b or (IDENT.match(s) and s.startswith(prefixes)):
                    named.add(s.decode(errors="replace"))
        for n in sorted(named):
            problems.append(f'{rel} holds the string "{n}", the name of a symbol of the test harness')
    return problems


def stub_labels(release, files):
    """{file: ["PROCS: f", ...]}: the stubs the release's files hold."""
    out = {}
    pat = re.compile(r'NOT_YET_IMPLEMENTED\("([^"\\]+)"\)')
    for rel in files:
        try:
            with open(os.path.join(release, rel), errors="replace") as fh:
                out[rel] = sorted(set(pat.findall(fh.read())))
        except OSError:
            out[rel] = []
    return out


def find_stubs(objdir, labels):
    """The stub labels still in the student's objects (their functions are
    not written yet)."""
    left = []
    for rel, names in sorted(labels.items()):
        obj = os.path.join(objdir, rel + ".o")
        if not names or not os.path.exists(obj):
            continue
        secs = alloc_sections(obj) or []
        strings = set()
        for _sec, blob in secs:
            strings |= _strings(blob)
        left += [n for n in names if n.encode() in strings]
    return left
