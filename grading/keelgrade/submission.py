"""Submissions: a directory, a tarball, a zip file or a git repository.

fetch() puts the submission's files under a work directory; find_files()
finds the student-owned files in them (at their path in the tree, under one
top-level directory as a tarball of the tree has, or, for an upload of
loose files, by their unique base name).  Only those files are ever used.

How each kind is read, and what is dropped, is in archive.py (tarballs,
zip files, directories) and gitread.py (git repositories, read without
running anything of the student's).  Everything dropped is recorded in
Submission.dropped and named in the report.  A submission that cannot be
graded raises SubmissionError, whose message names the problem in the
submission's terms.
"""

import os
import shutil
import stat
import tarfile
import zipfile

from . import archive, gitread
from .archive import CHUNK, SubmissionError  # noqa: F401 - the grader catches it from here

MAX_FILE = 1024 * 1024  # bytes in one student file


class Submission:
    def __init__(self, origin, root, kind, note="", dropped=None):
        self.origin = origin  # what the TA named
        self.root = root      # where its files are now
        self.kind = kind      # "directory", "tarball", "zip", "git"
        self.note = note      # e.g. the commit graded
        self.dropped = dropped or {}  # name in the submission -> why it was not used


def _is_git_url(s):
    return "://" in s or s.startswith("git@") or (s.endswith(".git") and not os.path.exists(s))


def fetch(origin, work, git_ref=None, worktree=False):
    """Copies or unpacks the submission into work/submission."""
    dest = os.path.join(work, "submission")
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    if _is_git_url(origin):
        commit, dropped = gitread.fetch_git(origin, dest, git_ref, url=True)
        return Submission(origin, dest, "git", "commit %s" % commit[:12], dropped)
    if os.path.isdir(origin):
        gitdir = gitread.find_git_dir(origin)
        if gitdir and not worktree:
            ref = git_ref or "HEAD"
            commit, dropped = gitread.fetch_git(gitdir, dest, ref)
            return Submission(origin, dest, "git", "commit %s (%s)" % (commit[:12], ref), dropped)
        note = ""
        if not worktree and os.path.lexists(os.path.join(origin, ".git")):
            note = (".git is not a directory (a linked work tree or a submodule?): "
                    "the files on disk were graded")
        dropped = archive.copy_tree(origin, dest)
        return Submission(origin, dest, "directory", note, dropped)
    if os.path.isfile(origin):
        if zipfile.is_zipfile(origin):
            return Submission(origin, dest, "zip", dropped=archive.unzip(origin, dest))
        try:
            is_tar = tarfile.is_tarfile(origin)
        except (OSError, EOFError):
            is_tar = False
        if not is_tar:
            raise SubmissionError("%s: not a directory, tarball, zip file or git repository"
                                  % os.path.basename(origin))
        return Submission(origin, dest, "tarball", dropped=archive.untar(origin, dest))
    raise SubmissionError(f"{origin}: no such file or directory")


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


def _dropped_as(dropped, prefix, w):
    """Why a wanted file that is not on disk was dropped, if it was."""
    for name in (prefix + w, w):
        if name in dropped:
            return dropped[name]
    near = [n for n in dropped if n.endswith("/" + w) or os.path.basename(n) == os.path.basename(w)]
    return dropped[near[0]] if len(near) == 1 else None


def find_files(sub_root, wanted, dropped=None):
    """Finds 'wanted' (paths in the tree) in the submission.

    'dropped' (Submission.dropped) gives the reason for a wanted file that
    was in the submission but was not unpacked."""
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
                why = _dropped_as(dropped or {}, prefix, w)
                if len(cands) > 1:
                    found.rejected[w] = ("not at its path, and %d files are called %s"
                                         % (len(cands), os.path.basename(w)))
                elif why:
                    found.rejected[w] = "dropped: " + why
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
            if not archive.same_contents(theirs, ours):
                changed.append(rel)
        except OSError:
            continue
    return changed
