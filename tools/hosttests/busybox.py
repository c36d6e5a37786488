#!/usr/bin/env python3
"""Debian's BusyBox (busybox-static:i386, unmodified) on Keel and on this Linux host, compared.

    tools/hosttests/busybox.py [--build B] [--kernel K] [--disk D] [--case GLOB]

make test runs it (tools/test-all, with the VM stage's host tests: --stage vm).

mk/busybox.mk fetches the package with apt-get download, unpacks it with
dpkg-deb -x into <build>/busybox/root and puts its bin/busybox on
<build>/disk.img as /bin/busybox; <build>/busybox/status says "ok VERSION"
or "missing: REASON".  When BusyBox is missing every test here fails with
that reason (none is skipped).

  file     "busybox.file.*": the file on the staged disk tree
           (<build>/rootfs/bin/busybox) has the sha256 of bin/busybox read
           straight out of the .deb (dpkg-deb --fsys-tarfile), and the .deb's
           own md5sums list agrees: the binary is Debian's, never rebuilt or
           patched
  keel     Keel booted without tests on a copy of <build>/disk.img; init's
           shell (the project's /bin/sh) on the serial port runs `cd /tmp`,
           then each case's command line followed by `echo "[exit $?]"`, and
           finally `halt` ("busybox.keel.prompt", "busybox.keel.halt")
  linux    the same command lines run here by the same shell
           (<build>/user/root/bin/sh) in a fresh scratch directory, PATH a
           directory holding the same busybox file and the project's /bin
  diff     "busybox.<case>" passes when Keel's output and exit status equal
           Linux's (the serial terminal's \\r dropped); a mismatch shows both.
           The cases in KEEL_ONLY are the exception: what Keel does not have
           by design (symbolic links and named pipes: `ln -s` and `mkfifo`
           fail with EPERM, as on a Linux file system without them; one
           user with no names, one CPU) is checked against the output given
           there, not against Linux's; and "busybox.applet_links" checks
           the links /usr/bin/<applet> (as many as `busybox --list` names,
           all one file with /bin/busybox, each running its applet)

The cases cover the utilities of issue 13's list (ls, cat, echo, printf,
mkdir -p, rm -r, cp -r, mv, ln -s, wc, grep, sed, awk, sort, uniq, head,
tail, cut, tr, find, xargs, seq, expr, test, md5sum and sha256sum of files
Keel wrote, dd, od, hexdump, truncate) and the shell's features (pipelines
of several stages, redirections, here-documents, $(...), loops, functions,
subshells, trap on EXIT and INT, background jobs and wait, kill of a
child).  All run in one boot, in a few seconds.

Output is TAP, then "# N passed, M failed"; the exit status is 0 only when
every test passed.  Standard library only.
"""

import argparse
import fnmatch
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import keelhost  # noqa: E402

# The stage it needs (tools/test-all): stock Linux binaries run on the VM stage.
STAGE = "vm"

LINUX_TIMEOUT = 30.0

# (name, command line).  Each runs in a directory of its own making under
# the shell's working directory, so Keel's /tmp and Linux's scratch
# directory look the same to it.  "busybox ls /" cannot be compared with
# Linux's root, so Keel's is checked against the project's own ls there.
CASES = [
    ("true", "busybox true"),
    ("false", "busybox false"),
    ("echo", "busybox echo hi"),
    ("echo_n", "busybox echo -n no newline; busybox echo"),
    ("sh_echo", "busybox sh -c 'echo hi'"),
    ("sh_exit", "busybox sh -c 'exit 7'"),
    ("cat_wc", "busybox mkdir c1 && busybox echo hello world > c1/f && "
               "busybox cat c1/f | busybox wc -c"),
    ("ls_dir", "busybox mkdir l1 && busybox touch l1/b l1/a l1/c && busybox ls l1 | busybox cat"),
    ("ls_root", "busybox ls -1 / > lsbb; ls / > lsown; busybox cmp lsbb lsown && busybox echo same"),
    ("sh_pipeline", "busybox sh -c 'echo hi; ls / >/dev/null; echo abc | wc -c'"),
    ("sh_vars", "busybox sh -c 'x=3; y=$((x*7)); echo $y; test $y -gt 20 && echo big'"),
    ("seq_sort_head", "busybox sh -c 'seq 5 | sort -r | head -2'"),
    ("printf", "busybox printf '%s-%d-%x\\n' a 42 255"),
    ("grep_sed_awk", "busybox sh -c 'seq 4 | grep -v 2 | sed s/3/30/ | "
                     "awk \"{ s += \\$1; print } END { print s }\"'"),
    ("files_make", "busybox sh -c 'mkdir -p f1/x/y && echo data > f1/x/y/z && cp -r f1 f2 && rm -r f1'"),
    ("files_move", "busybox sh -c 'mv f2/x/y/z f2/x/w && find f2 | sort && cat f2/x/w'"),
    ("md5_dd_od", "busybox sh -c 'dd if=/dev/zero bs=512 count=3 2>/dev/null > m1; md5sum m1; "
                  "echo hello | od -c; wc -c < m1'"),
    ("sh_function", "busybox sh -c 'f() { echo \"f:$1\"; }; for i in 1 2 3; do f $i; done'"),
    ("sh_while", "busybox sh -c 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i'"),
    ("sh_substitution", "busybox sh -c 'echo $(echo sub) `echo bq` \"$(seq 2)\"'"),
    ("sh_subshell", "busybox sh -c '(cd /; pwd); x=$(busybox echo in | tr a-z A-Z); echo $x'"),
    ("heredoc", "busybox printf 'x=v\\ncat <<EOF\\nheredoc $x\\nEOF\\n' > h1; busybox sh h1"),
    ("sh_status", "busybox sh -c 'false; echo $?; ! true; echo $?; exit 3'"),
    ("xargs_expr", "busybox sh -c 'seq 3 | xargs echo n; expr 6 \\* 7; expr length abc'"),
    ("sleep", "busybox sleep 0.1; busybox echo slept $?; busybox sh -c 'sleep 0 && echo again'"),
    ("poll_pipe", "busybox sh -c 'echo abc | timeout 5 cat; echo $?'"),
    ("sig_trap", "busybox sh -c 'trap \"echo bye\" EXIT; trap \"echo usr1\" USR1; kill -USR1 $$; echo z'"),
    ("sig_trap_int", "busybox sh -c 'trap \"echo int\" INT; kill -INT $$; echo z; kill -TERM $$; echo no'"),
    ("sig_kill_child", "busybox sh -c 'sleep 10 & kill $!; wait $!; echo $?'"),
    ("sig_pipe", "busybox sh -c 'yes | head -2; seq 100000 | head -1'"),
    # The rest of the list: each utility, then the shell's features.
    ("uniq_cut", "busybox sh -c 'printf \"b\\na\\nb\\nb\\n\" | sort | uniq -c; "
                 "echo a:b:c | cut -d: -f2,3'"),
    ("tail", "busybox sh -c 'seq 10 | tail -3; seq 9 | tail -n +8; seq 3 > t0; tail -1 t0'"),
    ("tr_od_hexdump", "busybox sh -c 'echo hello | tr a-y b-z | od -An -tx1; "
                      "printf ABC | hexdump -C; echo Keel | tr -d e'"),
    ("sort_opts", "busybox sh -c 'printf \"3 b\\n10 c\\n2 a\\n\" > s1; sort -k2 s1; "
                  "sort -n s1 | head -1; sort -rn s1 | uniq | wc -l'"),
    ("sed_awk_more", "busybox sh -c 'seq 6 | sed -n \"2,3p;6s/6/six/p\"; "
                     "echo 1 2 3 | awk \"{ print \\$3, NF }\"'"),
    ("printf_more", "busybox printf '%5s|%-4s|%c|%o|%03d\\n' ab cd xyz 8 7"),
    ("echo_more", "busybox echo -e 'a\\tb'; busybox echo -n x; busybox echo y"),
    ("ls_opts", "busybox sh -c 'mkdir -p l2/d && touch l2/f l2/.h && ls -a l2 | cat; "
                "ls -R l2 | cat; ls -d l2'"),
    ("find_xargs", "busybox sh -c 'mkdir -p x1/a x1/b; touch x1/a/f x1/b/g; "
                   "find x1 -type f | sort | xargs -n1 basename'"),
    ("find_name", "busybox find x1 -name g; busybox find x1 -type d | busybox sort"),
    ("cp_r", "busybox sh -c 'mkdir -p t1/d; seq 500 > t1/d/n; cp -r t1 t2; "
             "cmp t1/d/n t2/d/n && echo same'"),
    ("mv_rm_r", "busybox sh -c 'mv t2 t3; rm -r t1; echo t*; ls t3/d; rm -r t3; echo t*'"),
    ("test", "busybox sh -c 'test -d /tmp && echo dir; [ -f nope ] || echo nofile; "
             "[ abc = abc ]; echo $?'"),
    ("expr", "busybox sh -c 'expr 10 % 3; expr abc : \"a\\(.\\)\"; expr 2 \\< 1'"),
    # Files the kernel wrote, read back by the hashes: a copy of the 2 MB
    # busybox file itself (the same bytes on both systems), a dd-made file.
    ("sha_md5_copy", "busybox sh -c 'cp \"$(which busybox)\" bb1; sha256sum < bb1; "
                     "md5sum < bb1; wc -c < bb1; rm bb1'"),
    ("dd_files", "busybox sh -c 'seq 1000 > d1; dd if=d1 of=d2 bs=100 skip=2 count=3 2>/dev/null; "
                 "sha256sum d2; md5sum d1'"),
    ("dd_seek", "busybox sh -c 'dd if=/dev/zero of=d3 bs=1k seek=2 count=1 2>/dev/null; "
                "wc -c < d3'"),
    ("truncate", "busybox sh -c 'truncate -s 100 d3; wc -c < d3; od -c d3 | tail -2'"),
    ("truncate_big", "busybox sh -c 'b=$(which busybox); cp $b b2; truncate -s 1500001 b2; "
                     "head -c 1500001 $b | cmp - b2; echo $?'"),
    ("redirections", "busybox sh -c 'echo a > r1; echo b >> r1; cat r1 nope 2>r2; echo $?; "
                     "wc -l < r2'"),
    ("redir_order", "busybox sh -c 'ls nope 2>&1 >/dev/null | wc -l; cat < r1 > r3; cat r3'"),
    ("redir_fd", "busybox sh -c 'exec 3>r4; echo c >&3; exec 3>&-; cat r4; "
                 "{ echo x; echo y >&2; } 2>&1 | sort -r'"),
    ("pipeline_long", "busybox sh -c 'seq 30 | grep 1 | sort -rn | head -4 | tr \"\\n\" \" \" | "
                      "sed \"s/ $//\" | wc -w'"),
    ("heredoc_more", "busybox printf 'cat <<\"E\"\\n$x\\nE\\ncat <<-E\\n\\tt\\nE\\n' > h2; "
                     "busybox sh h2"),
    ("sh_for_case", "busybox sh -c 'for w in a b c; do case $w in b) continue;; esac; "
                    "echo $w; done'"),
    ("sh_until", "busybox sh -c 'i=0; until [ $i = 2 ]; do i=$((i+1)); done; echo $i'"),
    ("sh_functions", "busybox sh -c 'f() { local v=$1; [ $v -le 1 ] && { echo 1; return; }; "
                     "echo $(( v * $(f $((v-1))) )); }; f 5'"),
    ("sh_subshell_status", "busybox sh -c '(exit 3); echo $?; x=1; (x=2; echo in $x); echo $x; "
                           "y=$( (echo deep) ); echo $y'"),
    ("bg_wait", "busybox sh -c 'for i in 3 1 2; do (sleep 0.$i; echo job$i) & done; wait; "
                "echo all'"),
    ("bg_status", "busybox sh -c '(exit 5) & wait $!; echo $?; sleep 10 & kill -9 $!; wait $!; "
                  "echo $?'"),
    ("trap_exit_int", "busybox sh -c 'trap \"echo exit\" EXIT; trap \"echo int; exit 4\" INT; "
                      "kill -INT $$; echo never'"),
    ("ln_s", "busybox sh -c 'mkdir n1; cd n1; touch lt; ln -s lt ls1; echo $?; ls'"),
    ("mkfifo", "busybox mkfifo ff; busybox echo $?; busybox ls ff || busybox true"),
    ("id_nproc", "busybox id; busybox nproc; busybox uptime | busybox grep -c 'load average: 0.00'"),
    # The applet links (mk/busybox.mk): Keel only, checked by applet_links().
    ("applet_links", "ls /usr/bin | wc -l; busybox stat -c %h /bin/busybox; /usr/bin/seq 2; "
                     "/usr/bin/[ a = a ]; echo $?"),
]

# Cases whose result on Keel differs from Linux's by design, with the
# output Keel must give instead (not compared with Linux).  Keel's file
# systems have no symbolic links: symlink() fails with EPERM, as on a
# Linux file system without them (api/linux2.h).
KEEL_ONLY = {
    "ln_s": "ln: ls1: Operation not permitted\n1\nlt\n",
    # No named pipes either: mknod of a FIFO fails with EPERM.
    "mkfifo": "mkfifo: ff: Operation not permitted\n1\nls: ff: No such file or directory\n",
    # Root with no names (no /etc/passwd) and no supplementary groups; one
    # CPU (sched_getaffinity); sysinfo's load averages are 0.
    "id_nproc": "uid=0 gid=0\n1\n1\n",
}


def applet_links(build):
    """What the case applet_links prints on Keel: /usr/bin holds one hard link
    to /bin/busybox per applet `busybox --list` names (but busybox itself),
    so the file's link count is one more; a link runs its applet."""
    out = subprocess.run([os.path.join(build, "busybox", "root", "bin", "busybox"), "--list"],
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    n = len([a for a in out.split() if a != "busybox"])
    return f"{n}\n{n + 1}\n1\n2\n0\n"

# Keel's terminal keeps LDISC_BUF_SIZE (128) bytes of a line: each line
# typed (the case's command line and `; echo "[exit $?]"`) must fit.
LINE_MAX = 127


def status_of(build):
    path = os.path.join(build, "busybox", "status")
    try:
        with open(path) as f:
            text = f.read().strip()
    except OSError as e:
        return None, f"no {path} ({e.strerror}): make did not stage BusyBox"
    if text.startswith("ok"):
        return text, ""
    return None, text


def deb_busybox(deb):
    """(bytes of ./bin/busybox in the .deb, its md5 from the .deb's md5sums)."""
    tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", deb], stdout=subprocess.PIPE, check=True)
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as t:
        data = t.extractfile("./bin/busybox").read()
    ctl = tempfile.mkdtemp(prefix="keel-bb-ctl-")
    try:
        subprocess.run(["dpkg-deb", "-e", deb, ctl], check=True)
        md5 = None
        with open(os.path.join(ctl, "md5sums")) as f:
            for line in f:
                words = line.split()
                if len(words) == 2 and words[1] == "bin/busybox":
                    md5 = words[0]
    finally:
        shutil.rmtree(ctl, ignore_errors=True)
    return data, md5


def file_checks(build):
    """[(name, ok, why)] about the binary's origin."""
    deb = os.path.join(build, "busybox", "busybox-static.deb")
    staged = os.path.join(build, "rootfs", "bin", "busybox")
    try:
        data, md5 = deb_busybox(deb)
    except (OSError, subprocess.CalledProcessError, KeyError) as e:
        return [("file.deb", False, f"cannot read bin/busybox out of {deb}: {e}")]
    out = [("file.md5sums", md5 is not None and hashlib.md5(data).hexdigest() == md5,
            f"the .deb's md5sums says {md5}, its bin/busybox has {hashlib.md5(data).hexdigest()}")]
    try:
        with open(staged, "rb") as f:
            mine = f.read()
    except OSError as e:
        return out + [("file.sha256", False, f"{staged}: {e.strerror}")]
    want, got = hashlib.sha256(data).hexdigest(), hashlib.sha256(mine).hexdigest()
    out.append(("file.sha256", want == got,
                f"{staged} has sha256 {got}, the .deb's bin/busybox {want}"))
    return out


def wrap(cmd):
    return f'{cmd}; echo "[exit $?]"'


def run_linux(build, cases):
    """{name: output} of each case's line under the project's shell here."""
    bindir = tempfile.mkdtemp(prefix="keel-bb-bin-")
    work = tempfile.mkdtemp(prefix="keel-bb-")
    out = {}
    try:
        shutil.copy(os.path.join(build, "busybox", "root", "bin", "busybox"), bindir)
        ubin = os.path.join(build, "user", "root", "bin")
        for prog in os.listdir(ubin):
            shutil.copy(os.path.join(ubin, prog), bindir)
        for name, cmd in cases:
            script = os.path.join(bindir, "script")
            with open(script, "w") as f:
                f.write(wrap(cmd) + "\n")
            try:
                p = subprocess.run([os.path.join(bindir, "sh"), script], cwd=work,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, env={"PATH": bindir, "HOME": "/"},
                                   timeout=LINUX_TIMEOUT)
                out[name] = p.stdout.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                out[name] = None
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(bindir, ignore_errors=True)
    return out


def run_keel(kernel, disk, cases, timeout):
    """({name: output or None}, [(name, ok, why)]) of a serial-port session."""
    outs, results = {}, []
    with keelhost.ShellSession(kernel, disk, timeout, prefix="keel-bb-session-") as sh:
        ok = sh.wait_prompts(1)
        results.append(("keel.prompt", ok, "no shell prompt on the serial port: " +
                        sh.text()[-600:]))
        if ok:
            ok, _ = sh.say("cd /tmp")
        for name, cmd in cases:
            if not ok:
                outs[name] = None
                continue
            ok, got = sh.say(wrap(cmd))
            outs[name] = got if ok else None
            if not ok:
                outs[name + "!"] = got
        halted = sh.halt()
        results.append(("keel.halt", halted,
                        f"halt: QEMU status {sh.proc.returncode}: " + sh.text()[-600:]))
    return outs, results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", help="the build directory (default: the kernel's, else build)")
    ap.add_argument("--kernel")
    ap.add_argument("--disk")
    ap.add_argument("--case", default="*", help="only the cases matching this glob")
    ap.add_argument("--timeout", type=float, default=60.0)
    args = ap.parse_args()
    build = os.path.abspath(args.build or (os.path.dirname(args.kernel) if args.kernel
                                           else os.path.join(ROOT, "build")))
    kernel = args.kernel or os.path.join(build, "keel.elf")
    disk = args.disk or os.path.join(build, "disk.img")
    for n, c in CASES:
        if len(wrap(c)) > LINE_MAX:
            raise SystemExit(f"case {n}: its line is {len(wrap(c))} bytes, more than {LINE_MAX}")
    cases = [(n, c) for n, c in CASES if fnmatch.fnmatchcase(n, args.case)]
    if not cases:
        raise SystemExit(f"no case matches {args.case!r}")

    results = []
    version, why = status_of(build)
    if version is None:
        results.append(("file.present", False, f"BusyBox is not on the disk image: {why}"))
        results += [(n, False, f"not run: {why}") for n, _ in cases]
    else:
        results += file_checks(build)
        keel_only = dict(KEEL_ONLY, applet_links=applet_links(build))
        linux = run_linux(build, cases)
        keel, session = run_keel(kernel, disk, cases, args.timeout)
        results += session
        for name, _ in cases:
            want, got = linux.get(name), keel.get(name)
            if name in keel_only:
                want = keel_only[name] + "[exit 0]\n"
                results.append((name, got == want, "Keel's output is not the one expected "
                                f"(not compared with Linux)\nwanted {want!r}\nKeel:  {got!r}"))
            elif want is None:
                results.append((name, False, "Linux: timed out"))
            elif got is None:
                results.append((name, False, "Keel: no prompt after it (timed out or hung)\n"
                                f"got    {keel.get(name + '!', '')[-600:]!r}"))
            else:
                results.append((name, got == want,
                                f"the output differs\nLinux: {want!r}\nKeel:  {got!r}"))

    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - busybox.{name}")
        if not ok:
            failed += 1
            for line in why.split("\n"):
                print(f"#   {line}")
    print(f"# {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
