"""Grading a submission from start to end (grading/grade, grading/grade-all).

A GradingRun holds what every submission of one stage shares: the release,
the run's key, the pristine build, the list of tests and the rubric.
grade() takes one submission through fetch, build, boots and report, and
always writes results.json, whatever goes wrong: a submission that cannot
be graded scores 0 with the reason, and an error of the grader itself is
reported as one.

The run works only in its work directory, never in the reference tree: the
release is cut (or copied) into it, the process moves into it, and the
student's code is compiled, linked and booted in the sandbox (sandbox.py).
When the sandbox cannot run, every report says so at its top.
"""

import concurrent.futures
import datetime
import os
import shutil
import sys
import tempfile
import time
import traceback

from . import auth, boots, build, report, rubric as rubric_mod, sandbox, submission

HERE = os.path.dirname(os.path.abspath(__file__))
GRADER_ROOT = os.path.dirname(os.path.dirname(HERE))


def _keelcut(root):
    for d in (os.path.join(root, "handout"), os.path.join(GRADER_ROOT, "handout")):
        if os.path.exists(os.path.join(d, "keelcut.py")):
            sys.path.insert(0, d)
            break
    import keelcut  # noqa: E402
    return keelcut


def _inside(path, tree):
    path, tree = os.path.realpath(path), os.path.realpath(tree)
    return path == tree or path.startswith(tree.rstrip("/") + "/")


class GradingRun:
    def __init__(self, stage, root=GRADER_ROOT, work=None, release=None, earlier="ref",
                 jobs=2, make_jobs=None, timeout=None, rubric_file=None, tests=None, log=None,
                 no_sandbox=False):
        self.root = root
        self.log = log or (lambda msg: None)
        ok, why = sandbox.probe(force_off="turned off with --no-sandbox" if no_sandbox else None)
        self.sandboxed = ok
        self.sandbox_note = None if ok else (
            "NOT SANDBOXED: " + why + "; the student's code was compiled and run with the "
            "grader's rights (limits, a clean environment and no input only)")
        if not ok:
            self.log(self.sandbox_note)
        self.own_work = work is None
        self.work = os.path.abspath(work or tempfile.mkdtemp(prefix="keel-grade-"))
        if _inside(self.work, root):
            raise build.BuildError(f"the work directory {self.work} must be outside the "
                                   f"reference tree {root}")
        os.makedirs(self.work, exist_ok=True)
        # From here on nothing runs in the reference tree: not even this
        # process's working directory points there.
        os.chdir(self.work)
        self.earlier = earlier
        self.jobs = max(1, jobs)
        self.make_jobs = make_jobs or max(1, (os.cpu_count() or 2))
        self.timeout = timeout

        self.log(f"release: {'cutting the ' + stage + ' handout' if not release else release}")
        self.release = build.prepare_release(stage, self.work, root, release)
        kc = _keelcut(root)
        self.stages = kc.read_manifests(self.release)
        by_name = {s.name: s for s in self.stages}
        if stage not in by_name:
            raise build.BuildError(f"the release has no stage {stage}")
        self.stage = by_name[stage]
        self.stub_labels = build.stub_labels(self.release, self.stage.files)
        self.owned = [f for s in self.stages if s.index <= self.stage.index
                      and (s is self.stage or earlier == "student") for f in s.files]
        self.all_owned = [f for s in self.stages if s.index <= self.stage.index for f in s.files]

        rp = rubric_file or rubric_mod.rubric_path(root, stage) or rubric_mod.rubric_path(self.release, stage)
        if not rp:
            raise rubric_mod.RubricError(f"no rubric for {stage} (grading/rubrics/{stage}.toml)")
        self.rubric = rubric_mod.load(rp)
        if self.rubric.stage != stage:
            raise rubric_mod.RubricError(f"{rp} is the rubric of {self.rubric.stage}")

        self.key = auth.new_key()
        self.switches = build.stage_switches(self.stages, self.stage, earlier, self.release)
        self.log("pristine build (with this run's key)")
        products = [self.rubric.disk["build"]] if (self.rubric.disk or {}).get("build") else []
        self.pristine = build.build_pristine(self.release, self.work, self.key, self.switches,
                                             self.make_jobs, products)
        self.known_tests = boots.list_tests(self.release, self.pristine.kernel)
        problems = self.rubric.validate(self.known_tests)
        if problems:
            raise rubric_mod.RubricError("the rubric does not match the tests:\n  " + "\n  ".join(problems))
        self.units = []
        for g in self.rubric.groups:
            names = list(g.points)
            if tests:
                names = [t for t in names if _glob_any(tests, t)]
            if not names:
                continue
            t_out = self.timeout or g.timeout or self.rubric.boot_timeout
            if g.boot == "together" and not tests:
                names = sorted(names, key=boots._keelhost(self.root).test_order_key)
                self.units.append((g.glob, names, g.name, float(t_out)))
            else:
                for t in names:
                    self.units.append((t, [t], t, float(t_out)))
        disk = self.rubric.disk
        self.disk = None
        if disk:
            if disk.get("build"):
                self.disk = boots.Disk(image=os.path.join(self.pristine.tree, "build", disk["build"]))
            elif disk.get("image"):
                self.disk = boots.Disk(image=os.path.join(self.release, disk["image"]))
            else:
                self.disk = boots.Disk(size=rubric_mod._parse_size(disk.get("size", "16M")))

    def close(self):
        if self.own_work:
            build.make_writable(self.work)
            shutil.rmtree(self.work, ignore_errors=True)


def _glob_any(globs, name):
    return any(rubric_mod._glob_match(g, name) for g in globs)


def grade(run, origin, out, name=None, git_ref=None, worktree=False, keep=False):
    """Grades one submission into 'out'; returns (score, max_score)."""
    started = time.monotonic()
    os.makedirs(out, exist_ok=True)
    logdir = os.path.join(out, "logs")
    if os.path.exists(logdir):
        shutil.rmtree(logdir)
    info = {
        "name": name or os.path.basename(os.path.abspath(origin).rstrip("/")) or origin,
        "submission": origin,
        "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "build": "not attempted",
        "problems": [],
        "earlier": _earlier_text(run),
        "sandbox": "bubblewrap" if run.sandboxed else run.sandbox_note,
    }
    flags = []
    built = None
    dead = boots.DeadBoots(run.rubric.dead_boots)
    outcomes = {t: boots.Outcome(t) for t in run.rubric.tests}
    blocked = None
    work = tempfile.mkdtemp(prefix="sub-", dir=run.work)
    try:
        sub = submission.fetch(origin, work, git_ref, worktree)
        info["note"] = sub.note
        info["dropped"] = sub.dropped
        found = submission.find_files(sub.root, run.owned, sub.dropped)
        info["files"] = sorted(found.files)
        info["found_as"] = found.where
        info["missing"] = found.missing
        info["rejected"] = found.rejected
        changed = submission.ignored_changes(sub.root, found.prefix, run.release, set(run.all_owned))
        info["ignored"] = changed[:12]
        info["ignored_more"] = max(0, len(changed) - 12)
        if not found.files:
            blocked = ("the submission holds none of the student files (%s)" % ", ".join(run.owned))
            info["build"] = "not attempted: no student files"
        else:
            built = build.build_submission(run.pristine, run.release, found.files, work,
                                           jobs=1 if run.jobs > 1 else run.make_jobs,
                                           stub_labels=run.stub_labels)
            info["objects"] = built.hashes
            if built.leftovers:
                info["problems"].append("processes of the build were still running after it "
                                        "(killed): %s" % built.leftovers)
            with open(os.path.join(out, "build.log"), "w") as fh:
                fh.write(built.log)
            if not built.ok:
                info["build"] = ("failed: the build ran past its time limit" if built.timed_out
                                 else "failed: the submission does not compile"
                                 if built.step == "compile"
                                 else "failed: the submission compiles but does not link")
                info["build_log_tail"] = _error_lines(built.log)
                blocked = "the submission does not build (see the build errors)"
            elif built.problems:
                info["build"] = "ok"
                info["problems"] = built.problems
                blocked = "the submission breaks a grading rule: " + built.problems[0]
            else:
                info["build"] = "ok"
                _run_tests(run, built.kernel, outcomes, logdir, dead)
    except submission.SubmissionError as e:
        blocked = str(e)
        info["build"] = "not attempted: " + str(e)
    except Exception as e:  # the grader's own failure: say so, score nothing
        tb = traceback.format_exc()
        blocked = f"grader error: {e}"
        info["problems"].append(f"grader error: {e}")
        with open(os.path.join(out, "grader-error.txt"), "w") as fh:
            fh.write(tb)
    finally:
        if not keep:
            build.make_writable(work)
            shutil.rmtree(work, ignore_errors=True)
    if blocked:
        info["blocked"] = blocked
        for o in outcomes.values():
            if o.reason is None:
                o.reason = "not run: " + blocked if not o.passed else None
    info["seconds"] = time.monotonic() - started
    info["boots"] = dead.boots
    info["boot_seconds"] = round(dead.seconds, 3)
    if dead.reason:
        info["dead_boots"] = dead.reason
    scored = report.score(run.rubric, outcomes, blocked)
    got = sum(s.points for s in scored)
    if built is not None and built.ok and built.stubs and got > 0:
        flags.append("scores %g points while these functions still hold their "
                     "NOT_YET_IMPLEMENTED stub: %s" % (got, ", ".join(built.stubs)))
    info["flagged_for_review"] = flags
    text = report.summary(info, run.rubric, scored)
    head = []
    if run.sandbox_note:
        head.append(run.sandbox_note)
    for f in flags:
        head.append("FLAGGED FOR REVIEW (the score stands; a TA should look): " + f)
    if head:
        text = "\n".join(head) + "\n\n" + text
    with open(os.path.join(out, "summary.txt"), "w") as fh:
        fh.write(text)
    res = report.results_json(info, run.rubric, scored, text)
    extra = res.setdefault("extra_data", {}) if isinstance(res, dict) else {}
    extra["sandbox"] = info["sandbox"]
    extra["flagged_for_review"] = flags
    report.write_json(os.path.join(out, "results.json"), res)
    report.write_json(os.path.join(out, "outcomes.json"),
                      {"info": {k: v for k, v in info.items()},
                       "outcomes": [outcomes[t].to_dict() for t in run.rubric.tests]})
    with open(os.path.join(out, "row.csv"), "w") as fh:
        fh.write(report.csv_row(info, run.rubric, scored))
    return sum(s.points for s in scored), run.rubric.max_points, text


def _earlier_text(run):
    parts = []
    for s in run.stages:
        if s.index >= run.stage.index:
            continue
        if run.earlier == "student":
            parts.append(f"{s.switch} from the student's own files")
        elif run.switches.get(s.switch) == "ref":
            parts.append(f"{s.switch} from the reference archives")
        else:
            parts.append(f"{s.switch} from the release's source")
    return "; ".join(parts)


def _error_lines(log, n=40):
    lines = log.splitlines()
    errs = [i for i, l in enumerate(lines) if "error" in l.lower()]
    if errs:
        first = max(0, errs[0] - 3)
        return lines[first:first + n]
    return lines[-n:]


def _run_tests(run, kernel, outcomes, logdir, dead):
    def one(unit):
        glob, names, label, timeout = unit
        return boots.run_unit(run.release, kernel, run.key, names, glob, logdir,
                              label, timeout, run.rubric.output_cap, run.rubric.cmdline,
                              run.disk, start_timeout=run.rubric.start_timeout, dead=dead)

    with concurrent.futures.ThreadPoolExecutor(max_workers=run.jobs) as pool:
        for result in pool.map(one, run.units):
            outcomes.update(result)
    for o in outcomes.values():
        if o.reason is None and not o.passed:
            o.reason = "not run (not selected)"
