"""Fast tests of how the grader reads hostile submissions and writes its
report (grading/selftest runs them as course.submission.*; also
`python3 -m unittest grading/tests/test_submission.py`).

Each archive is built here, byte by byte where a tool would refuse to make
it (a zip member whose CRC or size lies); each git repository carries a
configuration whose commands would leave a marker file, and a control
check proves those commands do run when git is used the ordinary way.
"""

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import unittest
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from keelgrade import archive, gitread, report, submission  # noqa: E402

GOOD = b"int proc_ok(void) { return 0; }\n"


def _write(path, data):
    with open(path, "w" if isinstance(data, str) else "wb") as fh:
        fh.write(data)


def _read(path, mode="r"):
    with open(path, mode) as fh:
        return fh.read()


def _tar(path, entries):
    """entries: (name, data) for files, (name, "symlink"/"hardlink"/"fifo"/"chr", target)."""
    with tarfile.open(path, "w:gz") as tar:
        for e in entries:
            info = tarfile.TarInfo(e[0])
            if len(e) == 2:
                info.size = len(e[1])
                tar.addfile(info, io.BytesIO(e[1]))
                continue
            info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE,
                         "fifo": tarfile.FIFOTYPE, "chr": tarfile.CHRTYPE}[e[1]]
            info.linkname = e[2]
            tar.addfile(info)


class Escaping(unittest.TestCase):
    def test_controls_become_visible(self):
        raw = "a\x1b[2J\x1b[Hscore 100/100\rb\bc\x7fd\x85e\x9bf\u202eg\u2066h\u2028i"
        got = report.escape(raw)
        self.assertEqual(got, "a\\x1b[2J\\x1b[Hscore 100/100\\x0db\\x08c\\x7fd\\x85e\\x9bf"
                              "\\u202eg\\u2066h\\u2028i")

    def test_newline_tab_and_letters_stay(self):
        text = "line one\n\tline two: caf\u00e9, \u03bb, \u2192 ok\n"
        self.assertEqual(report.escape(text), text)

    def test_idempotent(self):
        raw = "\x1b[31mred\x1b[0m\r\x00\ud800"
        once = report.escape(raw)
        self.assertEqual(report.escape(once), once)
        self.assertNotRegex(once, "[\x00-\x08\x0b-\x1f\x7f-\x9f]")

    def test_json_strings_and_keys(self):
        data = {"out\x1b": ["\x1b[2J", {"x": "\r"}], "n": 3}
        self.assertEqual(report.escape_data(data), {"out\\x1b": ["\\x1b[2J", {"x": "\\x0d"}], "n": 3})
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "r.json")
            report.write_json(p, data)
            text = _read(p)
        self.assertNotIn("\\u001b", text)
        self.assertEqual(json.loads(text)["out\\x1b"][0], "\\x1b[2J")

    def test_csv_formulas_defused(self):
        self.assertEqual(report.csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")")
        for lead in "+-@\t":
            self.assertEqual(report.csv_cell(lead + "1"), "'" + lead + "1")
        self.assertEqual(report.csv_cell("alice"), "alice")
        self.assertEqual(report.csv_cell("\x1b[2J"), "\\x1b[2J")


class Archives(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="keel-unit-")
        self.dest = os.path.join(self.tmp, "out")
        os.makedirs(self.dest)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def files(self):
        return sorted(os.path.relpath(os.path.join(d, f), self.dest)
                      for d, _, fs in os.walk(self.dest) for f in fs)

    def test_file_then_directory(self):
        for order in ([("t/x", b"a"), ("t/x/y", b"b")], [("t/x/y", b"b"), ("t/x", b"a")]):
            shutil.rmtree(self.dest)
            os.makedirs(self.dest)
            _tar(self.path("a.tar.gz"), order + [("t/good.c", GOOD)])
            dropped = archive.untar(self.path("a.tar.gz"), self.dest)
            self.assertEqual(self.files(), ["t/good.c", "t/x/y"])
            self.assertIn("t/x", dropped)
            self.assertIn("also has files under t/x/", dropped["t/x"])
            self.assertNotIn(self.tmp, dropped["t/x"])

    def test_duplicates(self):
        _tar(self.path("a.tar.gz"), [("same.c", GOOD), ("same.c", GOOD), ("diff.c", b"1"),
                                     ("diff.c", b"2"), ("diff.c", b"1")])
        dropped = archive.untar(self.path("a.tar.gz"), self.dest)
        self.assertEqual(self.files(), ["same.c"])
        self.assertEqual(dropped, {"diff.c": "in the tarball twice, with different contents"})

    def test_links_devices_and_names(self):
        _tar(self.path("a.tar.gz"), [("k/good.c", GOOD), ("k/sym.c", "symlink", "/etc/passwd"),
                                     ("k/hard.c", "hardlink", "k/good.c"), ("k/fifo", "fifo", ""),
                                     ("k/dev", "chr", ""), ("/abs.c", b"x"), ("k/../../up.c", b"x"),
                                     ("k/sp ace.c", b"x"), ("k/\x1b[2J.c", b"x")])
        dropped = archive.untar(self.path("a.tar.gz"), self.dest)
        self.assertEqual(self.files(), ["k/good.c"])
        self.assertIn("a symbolic link to /etc/passwd", dropped["k/sym.c"])
        self.assertIn("a hard link to k/good.c", dropped["k/hard.c"])
        self.assertIn("named pipe", dropped["k/fifo"])
        self.assertIn("device", dropped["k/dev"])
        self.assertIn("absolute", dropped["/abs.c"])
        self.assertIn("'..'", dropped["k/../../up.c"])
        self.assertIn("characters other than", dropped["k/sp ace.c"])
        self.assertIn("characters other than", dropped["k/\x1b[2J.c"])

    def test_damaged_tarball_is_the_students(self):
        _tar(self.path("a.tar.gz"), [("f%d.c" % i, os.urandom(3000)) for i in range(20)])
        data = _read(self.path("a.tar.gz"), "rb")
        _write(self.path("cut.tar.gz"), data[:len(data) // 2])
        with self.assertRaises(archive.SubmissionError) as e:
            archive.untar(self.path("cut.tar.gz"), self.dest)
        self.assertIn("damaged", str(e.exception))
        self.assertNotIn(self.tmp, str(e.exception))
        _write(self.path("junk.tgz"), b"not an archive at all\n" * 40)
        with self.assertRaises(submission.SubmissionError) as e:
            submission.fetch(self.path("junk.tgz"), self.path("w"))
        self.assertEqual(str(e.exception), "junk.tgz: not a directory, tarball, zip file or git repository")

    def _zip(self, name, members):
        p = self.path(name)
        with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as z:
            for n, data in members:
                z.writestr(n, data)
        return p

    def test_zip_member_with_a_lying_crc(self):
        p = self._zip("crc.zip", [("good.c", GOOD), ("liar.c", b"AAAA" * 50)])
        data = bytearray(_read(p, "rb"))
        at = data.index(b"AAAA" * 50)
        data[at] = ord("B")  # the data no longer matches its CRC-32
        _write(p, data)
        dropped = archive.unzip(p, self.dest)
        self.assertEqual(self.files(), ["good.c"])
        self.assertIn("checksum (CRC-32)", dropped["liar.c"])

    def test_zip_member_with_a_lying_size(self):
        for declared in (10, 400):
            shutil.rmtree(self.dest)
            os.makedirs(self.dest)
            p = self._zip("size.zip", [("good.c", GOOD), ("liar.c", b"C" * 200)])
            data = bytearray(_read(p, "rb"))
            # The uncompressed size, in the local header (offset 22) and the
            # central directory entry (offset 24) of liar.c.
            local = data.index(b"PK\x03\x04liar.c"[:4], data.index(b"liar.c") - 30)
            data[local + 22:local + 26] = declared.to_bytes(4, "little")
            central = data.index(b"PK\x01\x02", data.rindex(b"PK\x01\x02") - 1)
            data[central + 24:central + 28] = declared.to_bytes(4, "little")
            _write(p, data)
            dropped = archive.unzip(p, self.dest)
            self.assertEqual(self.files(), ["good.c"], declared)
            self.assertIn("damaged", dropped.get("liar.c", ""), declared)

    def test_zip_symlink_and_too_many(self):
        p = self.path("l.zip")
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("good.c", GOOD)
            info = zipfile.ZipInfo("link.c")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/shadow")
        dropped = archive.unzip(p, self.dest)
        self.assertEqual(self.files(), ["good.c"])
        self.assertIn("symbolic link", dropped["link.c"])
        old = archive.MAX_MEMBERS
        archive.MAX_MEMBERS = 3
        try:
            p = self._zip("many.zip", [("f%d" % i, b"x") for i in range(5)])
            with self.assertRaises(archive.SubmissionError) as e:
                archive.unzip(p, os.path.join(self.tmp, "many"))
            self.assertIn("more than 3 entries", str(e.exception))
        finally:
            archive.MAX_MEMBERS = old

    def test_directory_links_are_named(self):
        src = self.path("sub")
        os.makedirs(os.path.join(src, "kernel"))
        _write(os.path.join(src, "kernel", "good.c"), GOOD)
        os.symlink("/etc/passwd", os.path.join(src, "kernel", "sym.c"))
        os.symlink("/etc", os.path.join(src, "etc"))
        os.mkfifo(os.path.join(src, "pipe"))
        dropped = archive.copy_tree(src, self.dest)
        self.assertEqual(self.files(), ["kernel/good.c"])
        self.assertEqual(sorted(dropped), ["etc", "kernel/sym.c", "pipe"])
        self.assertIn("symbolic link to /etc/passwd", dropped["kernel/sym.c"])

    def test_huge_file_in_bounded_memory(self):
        """A 500 MiB (sparse) Makefile, in a directory and in a tarball, is
        refused by its size; files of 500 and 120 MiB are compared with the
        release's by size and in chunks; all under a 200 MiB address-space
        limit (reading either whole would fail)."""
        script = textwrap.dedent("""
            import os, resource, sys, tarfile
            sys.path.insert(0, sys.argv[1])
            from keelgrade import submission
            tmp = sys.argv[2]
            sub = os.path.join(tmp, "huge")
            rel = os.path.join(tmp, "release")
            for d in (sub, rel):
                os.makedirs(d)
                with open(os.path.join(d, "Makefile"), "wb") as fh:
                    fh.truncate(500 << 20)
            with open(os.path.join(sub, "kernel.c"), "w") as fh:
                fh.write("int x;\\n")
            resource.setrlimit(resource.RLIMIT_AS, (200 << 20, 200 << 20))
            s = submission.fetch(sub, os.path.join(tmp, "w1"))
            print("dir", s.dropped.get("Makefile"))
            info = tarfile.TarInfo("Makefile")
            info.size = 500 << 20
            with open(os.path.join(tmp, "h.tar"), "wb") as fh:  # sparse: a header, a hole
                fh.write(info.tobuf(format=tarfile.GNU_FORMAT))
                fh.seek(info.size, 1)
                fh.write(bytes(1024))
            s = submission.fetch(os.path.join(tmp, "h.tar"), os.path.join(tmp, "w2"))
            print("tar", s.dropped.get("Makefile"))
            with open(os.path.join(rel, "Makefile"), "ab") as fh:
                fh.write(b"x")
            for d, last in ((sub, b"a"), (rel, b"b")):
                with open(os.path.join(d, "kernel.img"), "wb") as fh:
                    fh.truncate((120 << 20) - 1)
                    fh.seek(0, 2)
                    fh.write(last)
            print("changed", submission.ignored_changes(sub, "", rel, set()))
        """)
        r = subprocess.run([sys.executable, "-c", script, os.path.dirname(HERE), self.tmp],
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        lines = r.stdout.splitlines()
        self.assertIn("dir 500.0 MiB, more than the 16 MiB a file may have; not read", lines)
        self.assertIn("tar 500.0 MiB, more than the 16 MiB a file may have; not read", lines)
        self.assertIn("changed ['Makefile', 'kernel.img']", lines)


class Git(unittest.TestCase):
    """A repository whose configuration, attributes and hooks would each
    create a marker file if git ran them."""

    HOOKS = ("post-checkout", "pre-commit", "post-commit", "reference-transaction",
             "post-index-change", "pre-auto-gc", "fsmonitor-watchman")

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="keel-unit-git-")
        self.markers = os.path.join(self.tmp, "markers")
        os.makedirs(self.markers)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def marker(self, name):
        return "touch %s/%s" % (self.markers, name)

    def evil_repo(self, path):
        env = dict(gitread.clean_env(), GIT_AUTHOR_NAME="s", GIT_AUTHOR_EMAIL="s@example.org",
                   GIT_COMMITTER_NAME="s", GIT_COMMITTER_EMAIL="s@example.org")
        env.pop("GIT_DIR", None)
        os.makedirs(os.path.join(path, "kernel"))
        _write(os.path.join(path, "kernel", "proc.c"), "committed $Format:%H$\n")
        _write(os.path.join(path, ".gitattributes"), 
            "* filter=evil diff=evil merge=evil export-subst\n")
        os.symlink("/etc/passwd", os.path.join(path, "kernel", "link.c"))
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "skeleton"]):
            subprocess.run(["git", "-C", path] + cmd, check=True, env=env, capture_output=True)
        m = self.marker
        extra = os.path.join(self.tmp, "included.cfg")
        _write(extra, "[core]\n\tpager = %s\n\tsshCommand = %s\n" % (m("pager"), m("ssh")))
        with open(os.path.join(path, ".git", "config"), "a") as fh:
            fh.write(textwrap.dedent(f"""\
                [filter "evil"]
                \tsmudge = "sh -c '{m("smudge")}; echo SMUDGED'"
                \tclean = "sh -c '{m("clean")}; cat'"
                \tprocess = "sh -c '{m("process")}'"
                \trequired = true
                [diff "evil"]
                \ttextconv = "sh -c '{m("textconv")}; cat'"
                \tcommand = {m("diffcmd")}
                [merge "evil"]
                \tdriver = {m("merge")}
                [core]
                \tfsmonitor = {m("fsmonitor")}
                \thooksPath = {path}/.git/hooks
                \tpager = {m("pager")}
                \teditor = {m("editor")}
                \talternateRefsCommand = {m("altrefs")}
                [uploadpack]
                \tpackObjectsHook = {m("packobjects")}
                [include]
                \tpath = {extra}
                """))
        os.makedirs(os.path.join(path, ".git", "hooks"), exist_ok=True)
        for h in self.HOOKS:
            hp = os.path.join(path, ".git", "hooks", h)
            _write(hp, "#!/bin/sh\n%s\n" % m("hook-" + h))
            os.chmod(hp, 0o755)
        elsewhere = os.path.join(self.tmp, "elsewhere")
        os.makedirs(os.path.join(elsewhere, "objects"))
        _write(os.path.join(path, ".git", "objects", "info", "alternates"), 
            os.path.join(elsewhere, "objects") + "\n")
        # Uncommitted: a different file in the work tree.
        _write(os.path.join(path, "kernel", "proc.c"), "work tree, never committed\n")

    def assert_committed(self, sub):
        root = sub.root
        self.assertEqual(_read(os.path.join(root, "kernel", "proc.c")), "committed $Format:%H$\n")
        self.assertFalse(os.path.lexists(os.path.join(root, "kernel", "link.c")))
        self.assertIn("symbolic link to /etc/passwd", sub.dropped["kernel/link.c"])
        self.assertEqual(os.listdir(self.markers), [])

    def test_control_ordinary_git_runs_their_commands(self):
        repo = os.path.join(self.tmp, "control")
        self.evil_repo(repo)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        subprocess.run(["git", "-C", repo, "archive", "HEAD"], env=env, capture_output=True)
        subprocess.run(["git", "-C", repo, "status"], env=env, capture_output=True)
        # With filter.evil.process set, git runs it instead of the smudge command.
        self.assertTrue({"smudge", "process"} & set(os.listdir(self.markers)), os.listdir(self.markers))
        self.assertIn("fsmonitor", os.listdir(self.markers))

    def test_path_submission_runs_nothing(self):
        repo = os.path.join(self.tmp, "student")
        self.evil_repo(repo)
        sub = submission.fetch(repo, os.path.join(self.tmp, "work"))
        self.assertEqual(sub.kind, "git")
        self.assertRegex(sub.note, r"^commit [0-9a-f]{12} \(HEAD\)$")
        self.assert_committed(sub)

    def test_url_submission_runs_nothing(self):
        repo = os.path.join(self.tmp, "student")
        self.evil_repo(repo)
        sub = submission.fetch("file://" + repo, os.path.join(self.tmp, "work"))
        self.assert_committed(sub)

    def test_bare_repository_and_missing_ref(self):
        repo = os.path.join(self.tmp, "student")
        self.evil_repo(repo)
        bare = os.path.join(self.tmp, "bare.git")
        shutil.copytree(os.path.join(repo, ".git"), bare, symlinks=True)
        sub = submission.fetch(bare, os.path.join(self.tmp, "work"))
        self.assert_committed(sub)
        with self.assertRaises(submission.SubmissionError) as e:
            submission.fetch(repo, os.path.join(self.tmp, "work"), git_ref="deadline")
        self.assertEqual(str(e.exception), "the git repository has no commit 'deadline'")
        self.assertEqual(os.listdir(self.markers), [])

    def test_dotgit_file_grades_the_files_on_disk(self):
        d = os.path.join(self.tmp, "wt")
        os.makedirs(d)
        _write(os.path.join(d, ".git"), "gitdir: /somewhere/else\n")
        _write(os.path.join(d, "a.c"), GOOD)
        sub = submission.fetch(d, os.path.join(self.tmp, "work"))
        self.assertEqual(sub.kind, "directory")
        self.assertIn(".git is not a directory", sub.note)


if __name__ == "__main__":
    unittest.main()
