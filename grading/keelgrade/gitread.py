"""Reading a git submission without running anything of the student's.

git obeys a repository's own configuration even in plumbing commands: a
filter's smudge command (git archive and checkout run it), a diff driver's
textconv, core.fsmonitor (run by anything that refreshes the index),
core.sshCommand, core.hooksPath and the hooks themselves, include.path
(more configuration from anywhere), objects/info/alternates (objects read
from another directory of the host).  A student controls all of these, and
the commit can hold the untouched skeleton, so a command that ran leaves no
trace in what is graded.

So the grader never runs git in the student's repository:

1. it makes a bare repository of its own and copies into it only the
   object store (objects/, without objects/info/alternates), refs/,
   packed-refs, shallow and HEAD, regular files only (no links followed);
   the student's config, hooks, info/attributes and worktrees are never
   read, and the grader writes its own config (only the object format is
   taken from the student's, by reading the text, never by git);
2. it runs git on that copy with an environment that reads no system or
   global configuration (GIT_CONFIG_NOSYSTEM=1, GIT_CONFIG_GLOBAL=/dev/null),
   no replace refs, core.fsmonitor=false and core.hooksPath=/dev/null;
3. it reads files with ls-tree and cat-file --batch, which apply no
   attributes and no filters: the bytes graded are the bytes committed.
   Symbolic links and submodules are dropped and named in the report.

A URL is cloned bare (no checkout, an empty template directory: no hooks)
in the same environment, and read the same way.
"""

import os
import re
import stat
import subprocess
import tempfile

from .archive import MAX_MEMBERS, SubmissionError, Unpacker

GIT_TIMEOUT = 120
MAX_REPO = 1024 * 1024 * 1024  # bytes of .git copied
MAX_REPO_FILES = 200000
# What a submission's environment passes to git: the TA's ssh set-up for
# URLs; no other GIT_* variable.
KEPT = ("GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT")
SAFE_CONFIG = ["-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
               "-c", "protocol.ext.allow=never"]


def clean_env(gitdir=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in KEPT}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", GIT_TERMINAL_PROMPT="0",
               GIT_NO_REPLACE_OBJECTS="1", GIT_OPTIONAL_LOCKS="0", GIT_ATTR_NOSYSTEM="1",
               GIT_CONFIG_COUNT="0", LC_ALL="C")
    if gitdir:
        env["GIT_DIR"] = gitdir
    return env


def _git(args, gitdir=None, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("timeout", GIT_TIMEOUT)
    return subprocess.run(["git"] + SAFE_CONFIG + args, env=clean_env(gitdir), cwd="/", **kw)


def find_git_dir(path):
    """The git directory of 'path' (a work tree with .git/, or a bare
    repository), found by its layout alone; None if it is neither."""
    dotgit = os.path.join(path, ".git")
    if os.path.lexists(dotgit):
        st = os.lstat(dotgit)
        return dotgit if stat.S_ISDIR(st.st_mode) else None
    if (os.path.isfile(os.path.join(path, "HEAD")) and os.path.isdir(os.path.join(path, "objects"))
            and os.path.isdir(os.path.join(path, "refs"))):
        return path
    return None


def _copy_file(src, dst, budget):
    fd = os.open(src, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as fi, open(dst, "wb") as fo:
        while True:
            chunk = fi.read(1 << 20)
            if not chunk:
                break
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise SubmissionError("the git repository is larger than %d MiB" % (MAX_REPO >> 20))
            fo.write(chunk)


def copy_repo(src, dest):
    """Copies the parts of git directory 'src' that hold commits into a new
    bare repository 'dest' (see the top of this file)."""
    budget = [MAX_REPO]
    files = 0
    os.makedirs(dest)
    for top in ("objects", "refs"):
        root = os.path.join(src, top)
        os.makedirs(os.path.join(dest, top), exist_ok=True)
        if not os.path.isdir(root) or os.path.islink(root):
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            rel = os.path.relpath(dirpath, src)
            dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
            os.makedirs(os.path.join(dest, rel), exist_ok=True)
            for f in filenames:
                if rel == os.path.join("objects", "info") and f in ("alternates", "http-alternates"):
                    continue
                p = os.path.join(dirpath, f)
                if not stat.S_ISREG(os.lstat(p).st_mode):
                    continue
                files += 1
                if files > MAX_REPO_FILES:
                    raise SubmissionError("the git repository has more than %d files" % MAX_REPO_FILES)
                _copy_file(p, os.path.join(dest, rel, f), budget)
    for f in ("packed-refs", "shallow"):
        p = os.path.join(src, f)
        if os.path.lexists(p) and stat.S_ISREG(os.lstat(p).st_mode):
            _copy_file(p, os.path.join(dest, f), budget)
    head = os.path.join(src, "HEAD")
    text = ""
    if os.path.lexists(head) and stat.S_ISREG(os.lstat(head).st_mode):
        with open(head, "rb") as fh:
            text = fh.read(512).decode("ascii", "replace").strip()
    if not re.fullmatch(r"ref: refs/[A-Za-z0-9._/-]+|[0-9a-f]{40}|[0-9a-f]{64}", text):
        raise SubmissionError("the git repository's HEAD is neither a branch nor a commit")
    with open(os.path.join(dest, "HEAD"), "w") as fh:
        fh.write(text + "\n")
    config = ""
    p = os.path.join(src, "config")
    if os.path.lexists(p) and stat.S_ISREG(os.lstat(p).st_mode):
        with open(p, "rb") as fh:
            config = fh.read(1 << 16).decode("utf-8", "replace")
    if re.search(r"^\s*refstorage\s*=\s*reftable", config, re.I | re.M):
        raise SubmissionError("the git repository keeps its refs as a reftable, which the grader "
                              "does not read; push it to a repository with files refs")
    sha256 = re.search(r"^\s*objectformat\s*=\s*sha256\s*$", config, re.I | re.M)
    with open(os.path.join(dest, "config"), "w") as fh:
        fh.write("[core]\n\trepositoryformatversion = %d\n\tbare = true\n" % (1 if sha256 else 0))
        if sha256:
            fh.write("[extensions]\n\tobjectformat = sha256\n")


def clone(url, dest, ref=None):
    """Clones 'url' bare into 'dest' (its tip only)."""
    args = ["clone", "--quiet", "--bare", "--depth", "1", "--template="]
    if ref:
        args += ["--branch", ref]
    try:
        r = _git(args + ["--", url, dest], text=True)
    except subprocess.TimeoutExpired:
        raise SubmissionError("git clone %s took more than %d s" % (url, GIT_TIMEOUT)) from None
    if r.returncode != 0:
        raise SubmissionError("git clone %s failed: %s" % (url, r.stderr.strip()[-500:]))


def resolve(gitdir, ref):
    """The commit 'ref' names in the grader's copy, or a SubmissionError."""
    r = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"], gitdir,
             text=True)
    if r.returncode != 0 or not r.stdout.strip():
        raise SubmissionError("the git repository has no commit '%s'" % ref)
    return r.stdout.strip()


class _Blob:
    """One object's data from a running cat-file --batch."""

    def __init__(self, f, size):
        self.f = f
        self.left = size

    def read(self, n):
        n = min(n, self.left)
        if n <= 0:
            return b""
        data = self.f.read(n)
        if not data:
            raise EOFError("git cat-file ended early")
        self.left -= len(data)
        return data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        while self.left:
            self.read(1 << 16)
        self.f.read(1)  # the newline after the data


class _Batch:
    def __init__(self, gitdir):
        self.p = subprocess.Popen(["git"] + SAFE_CONFIG + ["cat-file", "--batch"], cwd="/",
                                  env=clean_env(gitdir), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def open(self, oid):
        self.p.stdin.write(oid.encode() + b"\n")
        self.p.stdin.flush()
        header = self.p.stdout.readline().decode("ascii", "replace").split()
        if len(header) != 3 or header[1] != "blob":
            raise ValueError("the object %s is missing from the repository" % oid[:12])
        return _Blob(self.p.stdout, int(header[2]))

    def close(self):
        self.p.stdin.close()
        self.p.stdout.close()
        try:
            self.p.wait(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def _tree_entries(gitdir, commit):
    """(mode, type, oid, size, path) for every entry of the commit's tree."""
    p = subprocess.Popen(["git"] + SAFE_CONFIG + ["ls-tree", "-r", "-z", "-l", "--full-tree", commit],
                         cwd="/", env=clean_env(gitdir), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    buf = b""
    n = 0
    try:
        while True:
            chunk = p.stdout.read(1 << 16)
            buf += chunk
            *records, buf = buf.split(b"\0")
            for rec in records:
                n += 1
                if n > MAX_MEMBERS:
                    raise SubmissionError("the git commit has more than %d files" % MAX_MEMBERS)
                meta, _, path = rec.partition(b"\t")
                mode, kind, oid, size = meta.decode("ascii", "replace").split()
                yield mode, kind, oid, size, path.decode("utf-8", "replace")
            if not chunk:
                break
        if p.wait() != 0:
            raise SubmissionError("the git repository lacks objects of commit %s" % commit[:12])
    finally:
        p.kill()
        p.wait()
        p.stdout.close()


def read_commit(gitdir, commit, dest):
    """Writes the commit's regular files under 'dest'; returns what was dropped."""
    u = Unpacker(dest, "git commit")
    batch = _Batch(gitdir)
    try:
        for mode, kind, oid, size, path in _tree_entries(gitdir, commit):
            if kind == "blob" and mode in ("100644", "100755"):
                u.file(path, int(size), lambda oid=oid: batch.open(oid))
            elif mode == "120000":
                target = ""
                if size.isdigit() and int(size) <= 4096:
                    try:
                        with batch.open(oid) as b:
                            target = b.read(4096).decode("utf-8", "replace")
                    except (OSError, ValueError, EOFError):
                        target = ""
                u.other(path, "a symbolic link" + (" to " + target if target else ""))
            elif kind == "commit":
                u.other(path, "a submodule (commit %s)" % oid[:12])
            else:
                u.other(path, "a git entry of mode %s" % mode)
    finally:
        batch.close()
    return u.dropped


def fetch_git(gitdir_or_url, dest, ref=None, url=False):
    """Reads a repository's commit (HEAD, or 'ref') into 'dest'.

    Returns (commit, dropped)."""
    with tempfile.TemporaryDirectory(prefix="git-", dir=os.path.dirname(dest)) as tmp:
        copy = os.path.join(tmp, "repo.git")
        if url:
            clone(gitdir_or_url, copy, ref)
            commit = resolve(copy, "HEAD")
        else:
            copy_repo(gitdir_or_url, copy)
            commit = resolve(copy, ref or "HEAD")
        return commit, read_commit(copy, commit, dest)
