"""Submissions that attack the grader itself rather than the tests
(grading/selftest grades them; grading/tests/test_submission.py checks the
same readers directly):

- a git repository whose committed files are the skeleton, whose work tree
  holds the solution, and whose .git/config, .gitattributes and hooks name
  commands that would print the solution in place of the skeleton and leave
  a marker file;
- code that prints escape sequences to the console (clear the screen, a
  fake score, a line overprinted with a carriage return, a bidi override);
- archives with conflicting paths, links, devices, odd names and members
  whose CRC-32 or size lies, and a directory with a huge (sparse) file named
  like a build file.
"""

import io
import os
import stat
import subprocess
import tarfile
import textwrap
import zipfile

from fixtures import c_string, write_files

HOOKS = ("post-checkout", "pre-commit", "post-commit", "reference-transaction",
         "post-index-change", "pre-auto-gc")
MARKERS_DIR = "markers"


def make_evil_git(path, committed, worktree, aux):
    """A repository of 'committed' files whose own configuration would put
    the 'worktree' files in their place (each command also creates a file
    in aux/markers).  The work tree then holds 'worktree', uncommitted."""
    markers = os.path.join(aux, MARKERS_DIR)
    solution = os.path.join(aux, "solution")
    os.makedirs(markers, exist_ok=True)
    write_files(solution, worktree)
    write_files(path, committed)
    with open(os.path.join(path, ".gitattributes"), "w") as fh:
        fh.write("*.c filter=evil diff=evil export-subst\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="student", GIT_AUTHOR_EMAIL="student@example.org",
               GIT_COMMITTER_NAME="student", GIT_COMMITTER_EMAIL="student@example.org",
               GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "the skeleton"]):
        subprocess.run(["git", "-C", path] + cmd, check=True, env=env, capture_output=True)

    def mark(name):
        return "touch %s/%s" % (markers, name)

    included = os.path.join(aux, "included.cfg")
    with open(included, "w") as fh:
        fh.write("[core]\n\tsshCommand = %s\n\tpager = %s\n" % (mark("ssh"), mark("pager")))
    with open(os.path.join(path, ".git", "config"), "a") as fh:
        fh.write(textwrap.dedent(f"""\
            [filter "evil"]
            \tsmudge = "sh -c '{mark("smudge")}; cat {solution}/%f'"
            \tclean = "sh -c '{mark("clean")}; cat'"
            \trequired = true
            [diff "evil"]
            \ttextconv = "sh -c '{mark("textconv")}; cat'"
            [core]
            \tfsmonitor = {mark("fsmonitor")}
            \thooksPath = {path}/.git/hooks
            \teditor = {mark("editor")}
            [uploadpack]
            \tpackObjectsHook = {mark("packobjects")}
            [include]
            \tpath = {included}
            """))
    for h in HOOKS:
        hp = os.path.join(path, ".git", "hooks", h)
        os.makedirs(os.path.dirname(hp), exist_ok=True)
        with open(hp, "w") as fh:
            fh.write("#!/bin/sh\n%s\n" % mark("hook-" + h))
        os.chmod(hp, 0o755)
    write_files(path, worktree)
    return markers


def markers_left(aux):
    d = os.path.join(aux, MARKERS_DIR)
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def escape_body(test):
    """Selftest hook code: in 'test', draw a fake report on the TA's terminal, then panic."""
    return (f"\tif (strcmp(test, {c_string(test)}) == 0) {{\n"
            '\t\tkprintf("\\033[2J\\033[H\\033[1;32mKeel grade: 100/100\\033[0m\\n");\n'
            '\t\tkprintf("this test failed\\rscore 100/100 (overprinted)\\n");\n'
            '\t\tkprintf("bidi: \\342\\200\\256001/001 erocs\\n");\n'
            '\t\tpanic("selftest: \\033[2Jescape sequences on the console");\n'
            "\t}\n")


RAW = ("\x1b", "\r", "\u202e")


def raw_controls(text):
    """The raw control characters of RAW that 'text' holds."""
    return [repr(c) for c in RAW if c in text]


def _info(name, kind, link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info


def make_odd_tarball(path, files, prefix):
    """The student's files, plus a file x and then x/y, links, a device, a
    FIFO, the same path twice with different contents, and odd names."""
    def add(tar, name, data):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(path, "w:gz") as tar:
        add(tar, f"{prefix}/x", b"a file first\n")
        add(tar, f"{prefix}/x/y", b"then a directory of the same name\n")
        for rel, data in sorted(files.items()):
            add(tar, f"{prefix}/{rel}", data.encode())
        add(tar, f"{prefix}/notes.txt", b"one\n")
        add(tar, f"{prefix}/notes.txt", b"two\n")
        add(tar, f"{prefix}/my notes.txt", b"a space in the name\n")
        add(tar, f"{prefix}/\x1b[2J.txt", b"an escape in the name\n")
        tar.addfile(_info(f"{prefix}/secret.c", tarfile.SYMTYPE, "/etc/passwd"))
        tar.addfile(_info(f"{prefix}/copy.c", tarfile.LNKTYPE, f"{prefix}/{sorted(files)[0]}"))
        tar.addfile(_info(f"{prefix}/dev", tarfile.CHRTYPE))
        tar.addfile(_info(f"{prefix}/pipe", tarfile.FIFOTYPE))


def make_lying_zip(path, files, crc_lie, size_lie):
    """A flat zip of the files, plus members: 'crc_lie' (a name; also one of
    'files' may be named) whose data no longer matches its CRC-32, and
    'size_lie' whose header gives a smaller size than it holds."""
    members = {os.path.basename(rel): data.encode() for rel, data in files.items()}
    members.setdefault(crc_lie, b"the checksum of this member will be wrong\n" * 4)
    members[size_lie] = b"this member holds more than its header says\n" * 4
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with open(path, "rb") as fh:
        data = bytearray(fh.read())
    z = zipfile.ZipFile(io.BytesIO(bytes(data)))
    for info in z.infolist():
        start = info.header_offset + 30 + len(info.filename.encode())
        if info.filename == crc_lie:
            data[start] ^= 0x01
        if info.filename == size_lie:
            small = (info.file_size // 2).to_bytes(4, "little")
            data[info.header_offset + 22:info.header_offset + 26] = small
            central = data.index(b"PK\x01\x02", z.start_dir)
            while data[central + 46:central + 46 + len(info.filename)] != info.filename.encode():
                central = data.index(b"PK\x01\x02", central + 4)
            data[central + 24:central + 28] = small
    with open(path, "wb") as fh:
        fh.write(data)


def make_huge_dir(path, files, size=500 << 20):
    """The student's files and a sparse 'size'-byte Makefile."""
    write_files(path, files)
    with open(os.path.join(path, "Makefile"), "wb") as fh:
        fh.truncate(size)
    os.chmod(os.path.join(path, "Makefile"), stat.S_IRUSR | stat.S_IWUSR)
