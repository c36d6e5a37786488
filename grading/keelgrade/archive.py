"""Unpacking a submission's files: tarballs, zip files, directories and
git trees, all through one writer (Unpacker) that applies the same rules.

A submission is written by a student and read by the grader with the
grader's rights, so everything in it is suspect.  The rules:

- Only regular files are unpacked.  Symbolic links, hard links, devices,
  named pipes and git submodules are dropped, and each is named in the
  report with what it was (a link and its target), so nobody wonders where
  a file went.
- A name must be relative, must not climb out with "..", and may hold only
  the characters A-Z a-z 0-9 . _ / - (the characters of every file in the
  tree).  Other names are dropped and named in the report.
- A file larger than MAX_UNPACKED is not unpacked (its size is read from
  the archive's header before any byte of it); the whole archive may hold
  at most MAX_TOTAL bytes and MAX_MEMBERS entries, or the submission is
  refused.
- Paths that conflict are dropped: a file "x" next to files under "x/"
  (the file is dropped, the directory's files are kept), and the same path
  twice with different contents (both are dropped; two identical copies
  are one file).
- A member whose data cannot be read as the archive describes it (a zip
  member whose CRC-32 or size lies, a truncated or undecompressable
  member) is dropped with the reason.  An archive that cannot be read at
  all is refused.

Each dropped entry is recorded in Unpacker.dropped (its name in the
submission -> why), which the report prints.  A refusal is a
SubmissionError whose message speaks of the submission's own names, never
of the grader's directories.
"""

import errno
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib

MAX_UNPACKED = 16 * 1024 * 1024  # bytes in any one unpacked file
MAX_TOTAL = 512 * 1024 * 1024    # bytes unpacked from one submission
MAX_MEMBERS = 50000              # entries in one submission
CHUNK = 64 * 1024

# What reading a damaged member or archive raises (the grader's own write
# errors become RuntimeError in Unpacker, so an OSError here is a read).
READ_ERRORS = (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError,
               RuntimeError, NotImplementedError, ValueError, KeyError)

NAME_OK = re.compile(r"^[A-Za-z0-9._/-]+$")
NAME_RULE = "its name has characters other than A-Z a-z 0-9 . _ / -"
CONFLICT = "a file, but the %s also has files under %s/; the file was dropped"


class SubmissionError(Exception):
    """The submission cannot be graded; the message says why, in its terms."""


class _ReadError(Exception):
    """A member's data could not be read as its archive describes it."""


def safe_rel(name):
    """'name' as a clean relative path, or None if it is absolute or climbs out."""
    name = name.replace("\\", "/")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or name.startswith("/") or ".." in parts:
        return None
    return "/".join(parts)


def _mib(n):
    return "%d MiB" % (n >> 20) if n >= 1 << 20 else "%d KiB" % max(1, n >> 10)


def _size_text(n):
    return "%.1f MiB" % (n / (1 << 20)) if n >= 1 << 20 else "%d bytes" % n


def _read_reason(e):
    text = str(e) or type(e).__name__
    if "CRC" in text:
        return "damaged: its data does not match the checksum (CRC-32) the zip file gives for it"
    if isinstance(e, RuntimeError) and "encrypted" in text:
        return "encrypted with a password"
    if isinstance(e, NotImplementedError):
        return "compressed with a method the grader cannot read (%s)" % text
    if isinstance(e, EOFError) or "end of" in text.lower():
        return "damaged: its data ends before the size the archive gives for it"
    return "damaged: its data cannot be read (%s)" % text


class Unpacker:
    """Writes a submission's regular files under 'dest', by the rules above.

    'what' names the submission in messages ("tarball", "zip file",
    "directory", "git commit")."""

    def __init__(self, dest, what):
        self.dest = dest
        self.what = what
        self.files = set()     # paths written
        self.dirs = set()      # directories implied by the paths written
        self.banned = set()    # paths dropped for a conflict: later copies too
        self.dropped = {}      # name in the submission -> why it was not used
        self.total = 0
        self.count = 0

    def drop(self, name, why):
        self.dropped.setdefault(name, why)

    def entry(self):
        """Counts one entry of any kind against MAX_MEMBERS."""
        self.count += 1
        if self.count > MAX_MEMBERS:
            raise SubmissionError("the %s has more than %d entries" % (self.what, MAX_MEMBERS))

    def other(self, name, what):
        """An entry that is not a regular file: dropped and named."""
        self.entry()
        self.drop(safe_rel(name) or name, what + "; only regular files are used")

    def file(self, name, size, open_member):
        """One regular file of 'size' bytes; open_member() gives its data."""
        self.entry()
        rel = safe_rel(name)
        if rel is None:
            self.drop(name, "an absolute path or one with '..'")
            return
        if not NAME_OK.match(rel):
            self.drop(rel, NAME_RULE)
            return
        if size > MAX_UNPACKED:
            self.drop(rel, "%s, more than the %s a file may have; not read"
                      % (_size_text(size), _mib(MAX_UNPACKED)))
            return
        if rel in self.banned:
            return
        if rel in self.dirs:
            self.drop(rel, CONFLICT % (self.what, rel))
            return
        self.total += size
        if self.total > MAX_TOTAL:
            raise SubmissionError("the %s holds more than %s" % (self.what, _mib(MAX_TOTAL)))
        parts = rel.split("/")
        for i in range(1, len(parts)):
            above = "/".join(parts[:i])
            if above in self.files:
                self._remove(above)
                self.banned.add(above)
                self.drop(above, CONFLICT % (self.what, above))
        if rel in self.files:
            self._duplicate(rel, size, open_member)
            return
        out = os.path.join(self.dest, rel)
        try:
            self._copy(out, size, open_member)
        except _ReadError as e:
            self.drop(rel, str(e))
            return
        except OSError as e:
            if e.errno in (errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL):
                self.drop(rel, "a name the file system cannot hold")
                return
            raise RuntimeError("cannot write an unpacked file: %s" % e.strerror) from None
        self.files.add(rel)
        for i in range(1, len(parts)):
            self.dirs.add("/".join(parts[:i]))

    def _remove(self, rel):
        self.files.discard(rel)
        try:
            os.unlink(os.path.join(self.dest, rel))
        except FileNotFoundError:
            pass

    def _duplicate(self, rel, size, open_member):
        """The same path again: one copy if identical, else both are dropped."""
        out = os.path.join(self.dest, rel)
        tmp = out + "#dup"  # "#" is in no name NAME_OK lets through
        try:
            self._copy(tmp, size, open_member)
        except _ReadError as e:
            self.drop(rel, "in the %s twice, and a copy is %s" % (self.what, e))
            self._remove(rel)
            self.banned.add(rel)
            return
        same = same_contents(out, tmp)
        os.unlink(tmp)
        if not same:
            self.drop(rel, "in the %s twice, with different contents" % self.what)
            self._remove(rel)
            self.banned.add(rel)

    def _copy(self, out, size, open_member):
        """Copies at most 'size' bytes; a member holding another size is damaged."""
        os.makedirs(os.path.dirname(out), exist_ok=True)
        written = 0
        with open(out, "xb") as fh:
            try:
                src = open_member()
            except READ_ERRORS as e:
                fh.close()
                os.unlink(out)
                raise _ReadError(_read_reason(e)) from None
            with src:
                while True:
                    try:
                        chunk = src.read(min(CHUNK, size + 1 - written))
                    except READ_ERRORS as e:
                        fh.close()
                        os.unlink(out)
                        raise _ReadError(_read_reason(e)) from None
                    if not chunk:
                        break
                    written += len(chunk)
                    if written > size:
                        break
                    fh.write(chunk)
        if written != size:
            os.unlink(out)
            raise _ReadError("damaged: the %s says it holds %d bytes, but it holds %s"
                             % (self.what, size, "more" if written > size else "%d" % written))


def same_contents(a, b):
    """Whether 'a' is a regular file with the same bytes as 'b': sizes first,
    then in chunks, so a huge file is never read whole."""
    sa, sb = os.lstat(a), os.lstat(b)
    if not stat.S_ISREG(sa.st_mode) or sa.st_size != sb.st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(CHUNK), fb.read(CHUNK)
            if x != y:
                return False
            if not x:
                return True


def _tar_kind(m):
    if m.issym():
        return "a symbolic link to %s" % m.linkname
    if m.islnk():
        return "a hard link to %s" % m.linkname
    if m.ischr() or m.isblk():
        return "a device"
    if m.isfifo():
        return "a named pipe"
    return "not a regular file (tar type %r)" % m.type.decode("latin-1", "replace")


def untar(path, dest):
    """Unpacks a tarball (any compression tarfile reads); returns the dropped entries."""
    u = Unpacker(dest, "tarball")
    try:
        tar = tarfile.open(path)
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as e:
        raise SubmissionError("the tarball cannot be read (%s)" % (str(e) or type(e).__name__)) from None
    try:
        with tar:
            for m in tar:
                if m.isreg():
                    u.file(m.name, m.size, lambda m=m: tar.extractfile(m))
                elif m.isdir():
                    u.entry()
                else:
                    u.other(m.name, _tar_kind(m))
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as e:
        # Unpacker turns its own write errors into RuntimeError: these are reads.
        raise SubmissionError("the tarball is damaged after %d entries (%s)"
                              % (u.count, str(e) or type(e).__name__)) from None
    return u.dropped


def unzip(path, dest):
    """Unpacks a zip file; returns the dropped entries."""
    u = Unpacker(dest, "zip file")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise SubmissionError("the zip file cannot be read (%s)" % e) from None
    with z:
        infos = z.infolist()
        if len(infos) > MAX_MEMBERS:
            raise SubmissionError("the zip file has more than %d entries" % MAX_MEMBERS)
        for info in infos:
            kind = (info.external_attr >> 16) & 0o170000
            if info.is_dir():
                u.entry()
            elif kind == stat.S_IFLNK:
                u.other(info.filename, "a symbolic link")
            elif kind not in (0, stat.S_IFREG):
                u.other(info.filename, "not a regular file")
            else:
                u.file(info.filename, info.file_size, lambda info=info: z.open(info))
    return u.dropped


# Directories a tree holds that are never the student's files.
SKIPPED_DIRS = (".git", "grade-out", "__pycache__")


def copy_tree(src, dest):
    """Copies a directory's regular files (no links, no .git, no build output)."""
    u = Unpacker(dest, "directory")
    for dirpath, dirnames, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        rel = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        keep = []
        for d in sorted(dirnames):
            if d in SKIPPED_DIRS or d.startswith("build"):
                continue
            if os.path.islink(os.path.join(dirpath, d)):
                u.other(rel + d, "a symbolic link to %s" % os.readlink(os.path.join(dirpath, d)))
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                u.other(rel + f, "a symbolic link to %s" % os.readlink(p))
            elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
                u.other(rel + f, "a device")
            elif stat.S_ISFIFO(st.st_mode):
                u.other(rel + f, "a named pipe")
            elif not stat.S_ISREG(st.st_mode):
                u.other(rel + f, "not a regular file")
            else:
                u.file(rel + f, st.st_size,
                       lambda p=p: os.fdopen(os.open(p, os.O_RDONLY | os.O_NOFOLLOW), "rb"))
    return u.dropped
