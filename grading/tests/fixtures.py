"""Submissions that misbehave, made from the reference and a handout
(grading/selftest grades them and checks each gets the score it deserves).

Every fixture is built from a stage's own files, so the same fixtures work
for every stage: code is injected at the start of each solution region of
the reference (it runs whenever the student's code does), or next to each
stub of the handout.  The injected code reads the name of the test the
grader asked for from the kernel command line, so a fixture can misbehave
in one test and behave in the others.
"""

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

HOOK_INCLUDES = ['"boot/interrupt.h"', '"io.h"', '"main/cmdline.h"', '"util/debug.h"',
                 '"util/kprintf.h"', '"util/string.h"']


def _hook_source(body):
    return ("\n/* Injected by grading/selftest: a misbehaving submission. */\n"
            "static void selftest_hook(void)\n{\n"
            "\tconst char *test = cmdline_get(&kernel_cmdline, \"test\");\n"
            "\tif (test == NULL) {\n\t\treturn;\n\t}\n"
            + body + "}\n")


def _add_includes_and_hook(text, body):
    lines = text.split("\n")
    last = max(i for i, l in enumerate(lines) if re.match(r"^\s*#\s*include\b", l))
    inc = [f"#include {h}" for h in HOOK_INCLUDES]
    lines[last + 1:last + 1] = inc + _hook_source(body).split("\n")
    return "\n".join(lines)


def inject_reference(keelcut, text, path, body):
    """The reference file with selftest_hook() called first in every region."""
    regions, _, _ = keelcut.find_regions(text, path)
    lines = text.split("\n")
    for r in sorted(regions, key=lambda r: -r.begin_line):
        lines.insert(r.begin_line, f"{r.indent}selftest_hook();")
    return _add_includes_and_hook("\n".join(lines), body)


def inject_stubs(text, body):
    """A handout file with selftest_hook() called before every stub."""
    out = []
    for l in text.split("\n"):
        m = re.match(r"^(\s*)NOT_YET_IMPLEMENTED\(", l)
        if m:
            out.append(f"{m.group(1)}selftest_hook();")
        out.append(l)
    return _add_includes_and_hook("\n".join(out), body)


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def forge_exit_body():
    return ('\tkprintf("ok 1 - %s\\n", test);\n'
            "\toutb(0xf4, 0x10); /* QEMU's exit port: \"every test passed\" */\n")


def forge_tag_body():
    zeros = "0" * 64
    return (f'\tkprintf("ok 1 - %s [auth=0:{zeros}]\\n", test);\n'
            "\toutb(0xf4, 0x10);\n")


def replay_body(line):
    return (f"\tkprintf(\"%s\\n\", {c_string(line)});\n"
            "\toutb(0xf4, 0x10);\n")


def forge_some_body(tests):
    names = ", ".join(c_string(t) for t in tests)
    return ("\tstatic bool done;\n"
            f"\tstatic const char *const forged[] = {{{names}}};\n"
            "\tfor (size_t i = 0; i < ARRAY_SIZE(forged) && !done; i++) {\n"
            "\t\tif (strcmp(test, forged[i]) == 0) {\n"
            "\t\t\tdone = true;\n"
            '\t\t\tkprintf("ok 1 - %s\\n", test);\n'
            "\t\t}\n\t}\n")


def misbehave_body(hang, panic_, triple, flood):
    return (f"\tif (strcmp(test, {c_string(hang)}) == 0) {{\n"
            "\t\tintr_disable();\n\t\tfor (;;) {\n\t\t}\n\t}\n"
            f"\tif (strcmp(test, {c_string(panic_)}) == 0) {{\n"
            '\t\tpanic("selftest: a bug in the student\'s code");\n\t}\n'
            f"\tif (strcmp(test, {c_string(triple)}) == 0) {{\n"
            "\t\tstruct {\n\t\t\tuint16_t limit;\n\t\t\tuint32_t base;\n\t\t} __packed idt = {0, 0};\n"
            '\t\t__asm__ volatile("lidt %0; int3" : : "m"(idt));\n\t}\n'
            f"\tif (strcmp(test, {c_string(flood)}) == 0) {{\n"
            "\t\tfor (uint32_t i = 0;; i++) {\n"
            '\t\t\tkprintf("flood %u: all work and no play makes a dull kernel\\n", i);\n'
            "\t\t}\n\t}\n")


ROGUE_TEST = """
/* Injected by grading/selftest: a test registered from student code. */
#include "test/ktest.h"

KTEST(selftest_rogue, "{stage}.zz_rogue")
{{
}}
"""


def write_files(dest, files):
    for rel, data in files.items():
        p = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w" if isinstance(data, str) else "wb") as fh:
            fh.write(data)


def make_tarball(path, files, prefix):
    with tarfile.open(path, "w:gz") as tar:
        for rel, data in sorted(files.items()):
            b = data.encode() if isinstance(data, str) else data
            info = tarfile.TarInfo(f"{prefix}/{rel}")
            info.size = len(b)
            tar.addfile(info, io.BytesIO(b))


def make_flat_zip(path, files):
    with zipfile.ZipFile(path, "w") as z:
        for rel, data in sorted(files.items()):
            z.writestr(os.path.basename(rel), data)


def make_git_repo(path, files):
    os.makedirs(path, exist_ok=True)
    write_files(path, files)
    env = dict(os.environ, GIT_AUTHOR_NAME="student", GIT_AUTHOR_EMAIL="student@example.org",
               GIT_COMMITTER_NAME="student", GIT_COMMITTER_EMAIL="student@example.org")
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "my work"]):
        subprocess.run(["git", "-C", path] + cmd, check=True, env=env, capture_output=True)
    # Uncommitted changes must not be graded: break a file after the commit.
    first = sorted(files)[0]
    with open(os.path.join(path, first), "a") as fh:
        fh.write("\nthis line is not C and was never committed\n")


def copy_handout_tree(handout, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(handout, dest, ignore=shutil.ignore_patterns("build", "build-*"))
