"""Submissions: a directory, a tarball, a zip file or a git repository.

fetch() puts the submission's files under a work directory; find_files()
finds the student-owned files in them (at their path in the tree, under one
top-level directory as a tarball of the tree has, or, for an upload of
loose files, by their unique base name).  Only those files are ever used.
Archives are unpacked with care: no absolute paths, no "..", no links or
devices, and limits on sizes.
"""

import os
import shutil
import stat
import subprocess
import tarfile
import zipfile

MAX_FILE = 1024 * 1024          # bytes in one student file
MAX_TOTAL = 512 * 1024 * 1024   # bytes unpacked from one archive
MAX_MEMBERS = 50000
GIT_TIMEOUT = 120


class SubmissionError(Exception):
    pass


class Submission:
    def __init__(self, origin, root, kind, note=""):
        self.origin = origin  # what the TA named
        self.root = root      # where its files are now
        self.kind = kind      # "directory", "tarball", "zip", "git"
        self.note = note      # e.g. the commit graded


def _is_git_url(s):
    return "://" in s or s.startswith("git@") or (s.endswith(".git") and not os.path.exists(s))


def _git(args, **kw):
    return subprocess.run(["git"] + args, capture_output=True, text=True, timeout=GIT_TIMEOUT,
                          env=dict(os.environ, GIT_TERMINAL_PROMPT="0"), **kw)


def _is_git_repo(path):
    if os.path.exists(os.path.join(path, ".git")):
        return True
    try:
        r = _git(["-C", path, "rev-parse", "--is-bare-repository"])
        return r.returncode == 0 and r.stdout.strip() == "true"
    except (OSError, subprocess.TimeoutExpired):
        return False


def fetch(origin, work, git_ref=None, worktree=False):
    """Copies or unpacks the submission into work/submission."""
    dest = os.path.join(work, "submission")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    if _is_git_url(origin):
        cmd = ["clone", "--quiet", "--depth", "1"]
        if git_ref:
            cmd += ["--branch", git_ref]
        r = _git(cmd + ["--", origin, os.path.join(dest, "repo")])
        if r.returncode != 0:
            raise SubmissionError(f"git clone {origin} failed: {r.stderr.strip()}")
        repo = os.path.join(dest, "repo")
        head = _git(["-C", repo, "rev-parse", "HEAD"]).stdout.strip()
        shutil.rmtree(os.path.join(repo, ".git"), ignore_errors=True)
        return Submission(origin, repo, "git", f"commit {head[:12]}")
    if os.path.isdir(origin):
        if _is_git_repo(origin) and not worktree:
            ref = git_ref or "HEAD"
            r = _git(["-C", origin, "rev-parse", "--verify", "--quiet", ref + "^{commit}"])
            if r.returncode != 0:
                raise SubmissionError(f"{origin}: git repository without a commit '{ref}'")
            commit = r.stdout.strip()
            tar_path = os.path.join(work, "git-export.tar")
            with open(tar_path, "wb") as fh:
                a = subprocess.run(["git", "-C", origin, "archive", "--format=tar", commit],
                                   stdout=fh, stderr=subprocess.PIPE, timeout=GIT_TIMEOUT)
            if a.returncode != 0:
                raise SubmissionError(f"git archive failed: {a.stderr.decode(errors='replace')}")
            _untar(tar_path, dest)
            os.unlink(tar_path)
            return Submission(origin, dest, "git", f"commit {commit[:12]} ({ref})")
        _copy_tree(origin, dest)
        return Submission(origin, dest, "directory")
    if os.path.isfile(origin):
        if zipfile.is_zipfile(origin):
            _unzip(origin, dest)
            return Submission(origin, dest, "zip")
        try:
            _untar(origin, dest)
        except tarfile.TarError as e:
            raise SubmissionError(f"{origin}: not a directory, tarball, zip file or git repository ({e})")
        return Submission(origin, dest, "tarball")
    raise SubmissionError(f"{origin}: no such file or directory")


def _copy_tree(src, dest):
    """Copies regular files only (no links, no build output, no .git)."""
    total = 0
    for dirpath, dirnames, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        dirnames[:] = [d for d in dirnames
                       if d != ".git" and not d.startswith("build") and d not in ("grade-out", "__pycache__")
                       and not os.path.islink(os.path.join(dirpath, d))]
        for f in filenames:
            p = os.path.join(dirpath, f)
            st = os.lstat(p)
            if not stat.S_ISREG(st.st_mode):
                continue
            total += st.st_size
            if total > MAX_TOTAL:
                raise SubmissionError("the submission is larger than %d MiB" % (MAX_TOTAL >> 20))
            out = os.path.normpath(os.path.join(dest, rel, f))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(p, out)


def _safe_rel(name):
    name = name.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or name.startswith("/") or ".." in parts:
        return None
    return "/".join(parts)


def _write_members(members, dest, what):
    """Writes an archive's regular files under 'dest'.

    'members' yields (name, size, open) for each regular file, where open()
    gives a readable file object; names that would leave 'dest' are skipped,
    and the total size is capped."""
    total = 0
    for name, size, open_member in members:
        rel = _safe_rel(name)
        if rel is None:
            continue
        total += size
        if total > MAX_TOTAL:
            raise SubmissionError("the %s unpacks to more than %d MiB" % (what, MAX_TOTAL >> 20))
        out = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open_member() as src, open(out, "wb") as fh:
            shutil.copyfileobj(src, fh)


def _untar(path, dest):
    def members(tar):
        for n, m in enumerate(tar):
            if n > MAX_MEMBERS:
                raise SubmissionError("the archive has too many files")
            # Directories are made as needed; links and devices are ignored.
            if m.isreg():
                yield m.name, m.size, lambda m=m: tar.extractfile(m)

    with tarfile.open(path) as tar:
        _write_members(members(tar), dest, "archive")


def _unzip(path, dest):
    def members(z):
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            raise SubmissionError("the zip file has too many files")
        for info in infos:
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            if not info.is_dir() and not is_link:
                yield info.filename, info.file_size, lambda info=info: z.open(info)

    with zipfile.ZipFile(path) as z:
        _write_members(members(z), dest, "zip file")


def _all_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for f in filenames:
            out.append(os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/"))
    return out


class Found:
    """The student-owned files of a submission."""

    def __init__(self, prefix):
        self.prefix = prefix   # the directory of the submission that holds the tree
        self.files = {}        # path in the tree -> bytes
        self.where = {}        # path in the tree -> path in the submission, when it differs
        self.missing = []      # paths not found
        self.rejected = {}     # path -> why it was not used


def find_files(sub_root, wanted):
    """Finds 'wanted' (paths in the tree) in the submission."""
    files = _all_files(sub_root)
    fileset = set(files)
    # The tree's root: "" or the one directory most wanted files sit under.
    prefixes = {}
    for f in files:
        for w in wanted:
            if f == w or f.endswith("/" + w):
                prefixes[f[:len(f) - len(w)]] = prefixes.get(f[:len(f) - len(w)], 0) + 1
    prefix = max(sorted(prefixes), key=lambda p: (prefixes[p], -len(p))) if prefixes else ""
    found = Found(prefix)
    by_base = {}
    for f in files:
        by_base.setdefault(os.path.basename(f), []).append(f)
    for w in wanted:
        path = prefix + w
        if path not in fileset:
            cands = by_base.get(os.path.basename(w), [])
            if len(cands) == 1:
                path = cands[0]
                found.where[w] = path
            else:
                found.missing.append(w)
                if len(cands) > 1:
                    found.rejected[w] = ("not at its path, and %d files are called %s"
                                         % (len(cands), os.path.basename(w)))
                continue
        full = os.path.join(sub_root, path)
        st = os.lstat(full)
        if not stat.S_ISREG(st.st_mode):
            found.missing.append(w)
            found.rejected[w] = "not a regular file"
            continue
        if st.st_size > MAX_FILE:
            found.missing.append(w)
            found.rejected[w] = "larger than %d KiB" % (MAX_FILE >> 10)
            continue
        with open(full, "rb") as fh:
            found.files[w] = fh.read()
    return found


def ignored_changes(sub_root, prefix, release, owned, limit=12):
    """Files of the submission that differ from the release but are not the
    student's to change: they are ignored, and the report says so."""
    changed = []
    base = os.path.join(sub_root, prefix) if prefix else sub_root
    if not os.path.isdir(base):
        return changed
    for rel in sorted(_all_files(base)):
        if rel in owned or rel.startswith(("build", ".git", "grade-out")):
            continue
        theirs = os.path.join(base, rel)
        ours = os.path.join(release, rel)
        if not os.path.isfile(ours):
            continue
        try:
            with open(theirs, "rb") as a, open(ours, "rb") as b:
                if a.read() != b.read():
                    changed.append(rel)
        except OSError:
            continue
    return changed
