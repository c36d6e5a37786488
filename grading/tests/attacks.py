"""Submissions that attack the grader itself, not the tests: they try to run
commands on the grading machine, read the reference solution or host
files at compile time, name the harness, leave processes behind or waste
boots (grading/selftest grades them and checks each gets 0, or the score
it deserves, and that the attack had no effect).

Each function returns {path: text} for a stage's files (or writes a
directory or an archive), from the reference's files ('ref') or the
handout's ('stubs'); fixtures.py has the helpers.
"""

import os
import zipfile

import fixtures


MARKER = "keel-dinject-ran"


def marker_name(marker=MARKER):
    """A file name that, listed in a make dependency file (as the compiler
    writes it with -MMD -MP), is a shell assignment ("x != command") that
    creates the file 'marker' in make's directory as soon as make reads it
    (no slash: an archive's member names are paths)."""
    return "x!=touch${IFS}%s;.h" % marker


def _up(rel):
    return "../" * (rel.count("/") + 1)


def dinject(ref, marker=MARKER):
    """The reference, whose first file includes a file of the submission
    whose name holds make syntax: the compiler's dependency file then
    holds a rule that runs a command (when make reads it)."""
    files = dict(ref)
    first = sorted(files)[0]
    name = marker_name(marker)
    files[first] = f'#include "{_up(first)}submission/{name}"\n' + files[first]
    return files, name


def write_dinject_dir(dest, ref, marker=MARKER):
    files, name = dinject(ref, marker)
    fixtures.write_files(dest, files)
    with open(os.path.join(dest, name), "w") as fh:
        fh.write("/* nothing */\n")


def write_dinject_zip(path, ref, marker=MARKER):
    files, name = dinject(ref, marker)
    with zipfile.ZipFile(path, "w") as z:
        for rel, data in sorted(files.items()):
            z.writestr(os.path.basename(rel), data)
        z.writestr(name, "/* nothing */\n")


def include_reference(root, files):
    """Every student file is the reference's own, included by absolute path."""
    return {rel: f'#include "{os.path.join(root, rel)}"\n' for rel in files}


def include_proc_cwd(root, files, pid, cwd):
    """The same through /proc/<pid>/cwd of a process that runs in the
    reference tree's parent (the self-test, whose pid is known)."""
    return {rel: f'#include "/proc/{pid}/cwd/{os.path.relpath(os.path.join(root, rel), cwd)}"\n'
            for rel in files}


def incbin_body():
    return ('\textern const char selftest_host_file[];\n'
            '\tkprintf("%s\\n", selftest_host_file);\n')


INCBIN = """
/* Injected by grading/selftest: a host file in the kernel image. */
__asm__(".pushsection .rodata\\n"
	".globl selftest_host_file\\n"
	"selftest_host_file:\\n"
	".incbin \\"/etc/passwd\\"\\n"
	".byte 0\\n"
	".popsection");
"""


def incbin_passwd(keelcut, ref):
    files = {f: fixtures.inject_reference(keelcut, t, f, incbin_body()) for f, t in ref.items()}
    first = sorted(files)[0]
    files[first] += INCBIN
    return files


def extern_ktests(keelcut, ref):
    """Student code that finds the test table by its linker symbol."""
    body = ('\textern const char ktests_start[];\n'
            '\tkprintf("# the tests are at %p\\n", (const void *)ktests_start);\n')
    return {f: fixtures.inject_reference(keelcut, t, f, body) for f, t in ref.items()}


def harness_string(keelcut, ref, name):
    """Student code that holds a harness function's name as a string (to
    look it up in the kernel's symbol table at run time)."""
    body = (f'\tstatic const char *volatile wanted = "{name}";\n'
            '\tkprintf("# looking for %s\\n", wanted);\n')
    return {f: fixtures.inject_reference(keelcut, t, f, body) for f, t in ref.items()}


def stdin_reader(ref):
    """The reference, whose first file includes /dev/stdin: a compiler
    reading the grader's standard input waits for ever."""
    files = dict(ref)
    first = sorted(files)[0]
    files[first] = '#include "/dev/stdin"\n' + files[first]
    return files


CLI_HLT = '\t__asm__ volatile("cli; hlt");\n'


def cli_hlt(keelcut, ref):
    """The reference with "cli; hlt" first in every solution region: the
    machine stops before any test starts."""
    return {f: fixtures.inject_reference(keelcut, t, f, CLI_HLT) for f, t in ref.items()}


def part_done(ref, stubs):
    """The reference with its first file left as the handout's stubs."""
    files = dict(ref)
    first = sorted(files)[0]
    files[first] = stubs[first]
    return files, first
