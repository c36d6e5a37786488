"""The pristine release and the kernels built from it.

The release is the handout of the stage being graded (handout/mkhandout
cuts it from the reference tree, or the TA names one with --release): the
tree the students got, with the tests, the build files and the reference
archives of the earlier stages.

Building a submission takes three steps, so that no student code is ever
compiled next to the key:

  1. pristine: the release is built once per grading run, with the run's
     key compiled into the test harness (KTEST_AUTH_KEY).
  2. compile: the student's files are compiled in a fresh copy of the
     release that holds no build output and no key, with the release's own
     Makefile and flags (-Werror included).
  3. link: a copy of the pristine build takes the student's objects and is
     linked; nothing else is recompiled, so the harness object is the one
     from step 1.

Make runs with a clean environment and a time limit.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

MAKE_TIMEOUT = 300
COMPILE_TIMEOUT = 120
STUDENT_MEMORY = 2 << 30      # address space of each process building student code
STUDENT_FILE_SIZE = 256 << 20  # the largest file it may write
# Undefined symbols a student file must not use, and sections it must not have.
FORBIDDEN_PREFIXES = ("ktest_", "kbench_", "hmac_sha256", "sha256")
FORBIDDEN_SECTIONS = (".ktests", ".kbench")


class BuildError(Exception):
    def __init__(self, message, log=""):
        super().__init__(message)
        self.log = log


def clean_env():
    env = {k: v for k, v in os.environ.items()
           if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "LOGNAME")}
    env["LC_ALL"] = "C"
    return env


def _limits():
    """Limits for the build of student code: memory and the size of any file written
    (an #include of /dev/zero, or an .incbin of it, must not take the machine down)."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (STUDENT_MEMORY, STUDENT_MEMORY))
    resource.setrlimit(resource.RLIMIT_FSIZE, (STUDENT_FILE_SIZE, STUDENT_FILE_SIZE))


def run_make(tree, targets, variables, jobs=1, timeout=MAKE_TIMEOUT, limited=False):
    # KEEL_DEPS=0: the grader's machine has what a build needs (setup.sh), not
    # necessarily every package of the project (Bochs, GDB) that make checks for.
    variables = dict({"KEEL_DEPS": "0"}, **variables)
    cmd = ["make", "-C", tree, "--no-print-directory", f"-j{max(1, jobs)}"]
    cmd += [f"{k}={v}" for k, v in sorted(variables.items())] + list(targets)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=clean_env(), timeout=timeout,
                           preexec_fn=_limits if limited else None)
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
    """The release to grade against: 'release' if given, else a handout cut now."""
    if release:
        meta = read_meta(release)
        if meta.get("stage") != stage:
            raise BuildError(f"{release} is the handout of {meta.get('stage')}, not of {stage}")
        return os.path.abspath(release)
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
    out = os.path.join(work, "release")
    try:
        import io
        import contextlib
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            mk.make_handout(stage, os.path.join(work, "release-build"), out=out, tar=False,
                            root=root, quiet=quiet)
    except SystemExit as e:
        raise BuildError(f"cutting the {stage} handout failed: {e}", buf.getvalue())
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


class Pristine:
    """The release built with this run's key."""

    def __init__(self, tree, kernel, variables, switches):
        self.tree = tree
        self.kernel = kernel
        self.variables = variables
        self.switches = switches


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


def build_pristine(release, work, key, switches, jobs=2):
    # Under a name nobody can guess: a student file compiled later, next to
    # it, must not be able to name the harness object (.incbin "../...").
    hidden = tempfile.mkdtemp(prefix="p-" + secrets.token_hex(12), dir=work)
    tree = os.path.join(hidden, "pristine")
    copy_tree(release, tree, with_build=False)
    variables = dict(switches, BUILD="build", DEBUG="0", CMDLINE="")
    ok, log, _ = run_make(tree, ["build/keel.elf"], dict(variables, KTEST_AUTH_KEY=key), jobs)
    with open(os.path.join(work, "pristine-build.log"), "w") as fh:
        fh.write(log)
    if not ok:
        raise BuildError("the release itself does not build (see pristine-build.log)", log)
    return Pristine(tree, os.path.join(tree, "build", "keel.elf"), variables, switches)


class Built:
    def __init__(self, ok, log, kernel=None, problems=(), timed_out=False, step=None):
        self.ok = ok
        self.step = step  # where it failed: "compile" or "link"
        self.log = log
        self.kernel = kernel
        self.problems = list(problems)  # integrity problems with the student's objects
        self.timed_out = timed_out


def build_submission(pristine, release, files, work, jobs=1):
    """Builds a kernel from the pristine tree and the student's 'files'
    ({path: bytes}); files not given keep the release's stubs."""
    log = []
    # Step 2: compile the student's files alone, in a copy without build output.
    sandbox = os.path.join(work, "compile")
    copy_tree(release, sandbox, with_build=False)
    stamp = time.time()
    for rel, data in files.items():
        path = os.path.join(sandbox, rel)
        with open(path, "wb") as fh:
            fh.write(data)
    objects = [f"build/obj/{rel}.o" for rel in sorted(files)]
    if objects:
        ok, out, timed_out = run_make(sandbox, objects, pristine.variables, jobs, COMPILE_TIMEOUT,
                                      limited=True)
        log.append(out)
        if not ok:
            return Built(False, "".join(log), timed_out=timed_out, step="compile")
    problems = check_objects(sandbox, sorted(files))

    # Step 3: link in a copy of the pristine build.
    tree = os.path.join(work, "link")
    copy_tree(pristine.tree, tree, with_build=True)
    old = os.stat(os.path.join(pristine.tree, "Makefile")).st_mtime
    for rel, data in files.items():
        path = os.path.join(tree, rel)
        with open(path, "wb") as fh:
            fh.write(data)
        os.utime(path, (old, old))
    now = max(time.time(), stamp) + 1
    for rel in files:
        for ext in (".o", ".d"):
            src = os.path.join(sandbox, "build", "obj", rel + ext)
            dst = os.path.join(tree, "build", "obj", rel + ext)
            if os.path.exists(src):
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
                os.utime(dst, (now, now))
    harness = os.path.join(tree, "build", "obj", "kernel", "test", "ktest.c.o")
    before = os.stat(harness).st_mtime_ns if os.path.exists(harness) else None
    ok, out, timed_out = run_make(tree, ["build/keel.elf"], pristine.variables, jobs, limited=True)
    log.append(out)
    if not ok:
        return Built(False, "".join(log), timed_out=timed_out, step="link")
    if before is None or os.stat(harness).st_mtime_ns != before:
        problems.append("the test harness was rebuilt while linking the submission")
    return Built(True, "".join(log), os.path.join(tree, "build", "keel.elf"), problems)


def check_objects(tree, files):
    """Integrity problems in the student's objects: tests registered from
    student code, or references to the test harness."""
    problems = []
    for rel in files:
        obj = os.path.join(tree, "build", "obj", rel + ".o")
        if not os.path.exists(obj):
            continue
        try:
            h = subprocess.run(["objdump", "-h", obj], capture_output=True, text=True, timeout=30)
            u = subprocess.run(["nm", "-u", obj], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        for line in h.stdout.splitlines():
            parts = line.split()
            if len(parts) > 1 and parts[0].isdigit() and parts[1].startswith(FORBIDDEN_SECTIONS):
                problems.append(f"{rel} has a {parts[1]} section: it registers tests of its own")
        for line in u.stdout.splitlines():
            sym = line.split()[-1] if line.split() else ""
            if sym.startswith(FORBIDDEN_PREFIXES):
                problems.append(f"{rel} refers to {sym}, part of the test harness")
    return problems
