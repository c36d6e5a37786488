"""Rubrics: grading/rubrics/<stage>.toml.

A rubric gives every test of a stage its points, puts the tests in groups,
and says which tests count only when others pass:

    stage = "procs"
    title = "PROCS: threads, processes, the scheduler and mutexes"
    boot_timeout = 30        # seconds of wall-clock time per QEMU boot
    start_timeout = 5        # seconds from a boot's start to its test's start (the
                             # harness's "[test] run_one: running <name>" line)
    dead_boots = 3           # after this many boots in a row stop before their test
                             # starts, the tests left are reported as not run
    output_cap = "1M"        # console bytes per boot before the grader stops it
    disk = {size = "16M"}    # each boot's fresh disk (the default; "none" for none;
                             # {image = "PATH"} or {build = "disk.img"} for a copy of an image)

    [[group]]
    name = "wait"
    title = "Exit and waitpid"
    requires = []            # tests or groups that must pass first
    [group.points]
    "procs.wait.any" = 5
    "procs.wait.status" = 3
    [group.test_requires]    # prerequisites of single tests, on top of the group's
    "procs.wait.status" = ["procs.wait.any"]

A group may also say boot = "together" (with glob = "procs.wait.*"): its
tests then share boots instead of getting one each.

A group with support = true holds support tests: tests of code the
handout ships finished that need none of the stage's code (user mode,
pipes, ...), so they pass on the handout.  Each scores 0 points (the
rubric must say 0), is run and reported like any other (a failure is
marked and explained), and other tests may name it as a prerequisite, so
that they count only when the support path they run on works.  The
course self-test expects them to pass on the handout, where the stage's
other tests must fail.

Every test of the stage must be in the rubric and every test the rubric
names must exist; grading/rubric checks both.

The grader also reads the same data from JSON (the Gradescope bundle
carries rubric.json, so that it runs on Pythons without tomllib).
"""

import json
import os
import re

DEFAULT_BOOT_TIMEOUT = 30.0
DEFAULT_START_TIMEOUT = 5.0
DEFAULT_DEAD_BOOTS = 3
DEFAULT_OUTPUT_CAP = 1024 * 1024


class RubricError(Exception):
    pass


def _parse_size(v):
    if isinstance(v, (int, float)):
        return int(v)
    m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", str(v), re.I)
    if not m:
        raise RubricError(f"bad size '{v}' (want e.g. 1M, 512K)")
    mult = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[m.group(2).upper()]
    return int(float(m.group(1)) * mult)


def load_data(path):
    if path.endswith(".json"):
        with open(path) as fh:
            return json.load(fh)
    try:
        import tomllib
    except ImportError as e:  # Python < 3.11: use the JSON form
        raise RubricError(f"{path}: reading TOML needs Python 3.11 (tomllib); "
                          "use the .json form of the rubric") from e
    with open(path, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise RubricError(f"{path}: {e}") from e


class Group:
    def __init__(self, data, index, path):
        self.name = data.get("name") or f"group{index + 1}"
        self.title = data.get("title", self.name)
        self.requires = list(data.get("requires", []))
        self.points = dict(data.get("points", {}))
        self.test_requires = {k: list(v) for k, v in data.get("test_requires", {}).items()}
        self.boot = data.get("boot", "each")
        self.glob = data.get("glob")
        self.visibility = data.get("visibility", "visible")
        self.timeout = data.get("boot_timeout")
        self.support = data.get("support", False)
        if not isinstance(self.support, bool):
            raise RubricError(f"{path}: group {self.name}: support must be true or false")
        if self.boot not in ("each", "together"):
            raise RubricError(f"{path}: group {self.name}: boot must be \"each\" or \"together\"")
        if self.boot == "together" and not self.glob:
            raise RubricError(f"{path}: group {self.name}: boot = \"together\" needs a glob")
        for t, p in self.points.items():
            if not isinstance(p, (int, float)) or isinstance(p, bool) or p < 0:
                raise RubricError(f"{path}: group {self.name}: {t}: points must be a number >= 0")
            if self.support and p != 0:
                raise RubricError(f"{path}: group {self.name}: {t}: a support test scores 0 points")

    @property
    def max_points(self):
        return sum(self.points.values())


class Rubric:
    def __init__(self, data, path="<rubric>"):
        self.path = path
        self.data = data
        self.stage = data.get("stage")
        if not self.stage:
            raise RubricError(f"{path}: no stage")
        self.title = data.get("title", self.stage.upper())
        self.boot_timeout = float(data.get("boot_timeout", DEFAULT_BOOT_TIMEOUT))
        # A boot that has not started its test after start_timeout seconds is
        # stopped (a kernel that halts or hangs on its way to the tests), and
        # after dead_boots such boots in a row no more are made.
        self.start_timeout = float(data.get("start_timeout", DEFAULT_START_TIMEOUT))
        self.dead_boots = int(data.get("dead_boots", DEFAULT_DEAD_BOOTS))
        if self.start_timeout <= 0 or self.dead_boots < 1:
            raise RubricError(f"{path}: start_timeout must be above 0 and dead_boots at least 1")
        self.output_cap = _parse_size(data.get("output_cap", DEFAULT_OUTPUT_CAP))
        self.cmdline = data.get("cmdline", "")
        # Every boot gets a fresh disk as the first IDE drive, as tools/ktest-run
        # gives one: blank of a size ({size = "16M"}, the default), a copy of an
        # image in the release ({image = "tools/disk.img"}), a copy of an image
        # the release's own make builds in its build directory, with the
        # pristine kernel ({build = "disk.img"}), or none ("none").
        self.disk = data.get("disk", {"size": "16M"})
        if self.disk == "none":
            self.disk = None
        self.groups = [Group(g, i, path) for i, g in enumerate(data.get("group", []))]
        if not self.groups:
            raise RubricError(f"{path}: no [[group]]")
        self.test_group = {}
        for g in self.groups:
            for t in g.points:
                if t in self.test_group:
                    raise RubricError(f"{path}: {t} is in groups {self.test_group[t].name} and {g.name}")
                self.test_group[t] = g
        names = [g.name for g in self.groups]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise RubricError(f"{path}: group names used twice: {', '.join(sorted(dup))}")
        self.group_by_name = {g.name: g for g in self.groups}

    @property
    def tests(self):
        return [t for g in self.groups for t in g.points]

    @property
    def max_points(self):
        return sum(g.max_points for g in self.groups)

    @property
    def support_tests(self):
        """The tests of support groups: 0 points, and they pass on the handout."""
        return [t for g in self.groups if g.support for t in g.points]

    def points(self, test):
        return self.test_group[test].points[test]

    def prerequisites(self, test):
        """The tests that must pass for 'test' to count, as (test, via) pairs."""
        g = self.test_group[test]
        out = []
        for r in g.requires + g.test_requires.get(test, []):
            if r in self.group_by_name:
                out += [(t, r) for t in self.group_by_name[r].points if t != test]
            else:
                out.append((r, r))
        return out

    def validate(self, known_tests):
        """Problems with the rubric, given every test the kernel registers."""
        problems = []
        known = set(known_tests)
        for t in self.tests:
            if t not in known:
                problems.append(f"{self.path}: {t}: no such test")
        for t in sorted(known):
            if t.startswith(self.stage + ".") and t not in self.test_group:
                problems.append(f"{self.path}: {t} is not in the rubric")
        for g in self.groups:
            for r in g.requires:
                if r not in self.group_by_name and r not in self.test_group:
                    problems.append(f"{self.path}: group {g.name} requires {r}: no such group or "
                                    "test in the rubric")
                if r == g.name:
                    problems.append(f"{self.path}: group {g.name} requires itself")
            for t, rs in g.test_requires.items():
                if t not in g.points:
                    problems.append(f"{self.path}: group {g.name}: test_requires names {t}, "
                                    "which is not in the group")
                for r in rs:
                    if r not in self.group_by_name and r not in self.test_group:
                        problems.append(f"{self.path}: {t} requires {r}: no such group or test")
            if g.boot == "together":
                from_glob = sorted(t for t in known if _glob_match(g.glob, t))
                if from_glob != sorted(g.points):
                    problems.append(f"{self.path}: group {g.name}: glob {g.glob} matches "
                                    f"{len(from_glob)} tests, the group has {len(g.points)}")
        # Prerequisites must not go round in circles.
        if not problems:
            state = {}

            def visit(t, trail):
                if state.get(t) == "done":
                    return
                if state.get(t) == "active":
                    problems.append(f"{self.path}: circular prerequisites: {' -> '.join(trail + [t])}")
                    return
                state[t] = "active"
                for p, _ in self.prerequisites(t):
                    if p in self.test_group:
                        visit(p, trail + [t])
                state[t] = "done"

            for t in self.tests:
                visit(t, [])
        return problems


def _glob_match(pattern, name):
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, name) is not None


def load(path):
    return Rubric(load_data(path), path)


def rubric_path(root, stage):
    """The stage's rubric: <stage>_RUBRIC in its manifest, else grading/rubrics/<stage>.toml."""
    mk = os.path.join(root, "handout", "stages", stage + ".mk")
    if os.path.exists(mk):
        with open(mk) as fh:
            for line in fh:
                m = re.match(rf"^\s*{stage}_RUBRIC\s*:?=\s*(\S+)", line)
                if m and os.path.exists(os.path.join(root, m.group(1))):
                    return os.path.join(root, m.group(1))
    for ext in (".toml", ".json"):
        p = os.path.join(root, "grading", "rubrics", stage + ext)
        if os.path.exists(p):
            return p
    return None


def skeleton(stage, tests, existing=None):
    """A rubric in TOML for 'tests': the existing one's groups, plus a group per
    second word for tests it lacks (1 point each, to be edited)."""
    title = existing.title if existing else stage.upper()
    lines = [f'stage = "{stage}"', f'title = "{title}"',
             f"boot_timeout = {existing.boot_timeout:g}" if existing else "boot_timeout = 30",
             'output_cap = "1M"', ""]
    have = set(existing.tests) if existing else set()
    groups = {}
    if existing:
        for g in existing.groups:
            groups[g.name] = (g, [t for t in g.points if t in tests])
    for t in tests:
        if t in have or not t.startswith(stage + "."):
            continue
        parts = t.split(".")
        gname = parts[1] if len(parts) > 2 else "other"
        groups.setdefault(gname, (None, []))[1].append(t)
    for name, (g, ts) in groups.items():
        lines.append("[[group]]")
        lines.append(f'name = "{name}"')
        lines.append(f'title = "{g.title if g else name}"')
        if g and g.support:
            lines.append("support = true")
        if g and g.requires:
            lines.append("requires = [" + ", ".join(f'"{r}"' for r in g.requires) + "]")
        lines.append("[group.points]")
        for t in ts:
            lines.append(f'"{t}" = {g.points[t] if g and t in g.points else 1}')
        if g and g.test_requires:
            lines.append("[group.test_requires]")
            for t, rs in g.test_requires.items():
                lines.append(f'"{t}" = [' + ", ".join(f'"{r}"' for r in rs) + "]")
        lines.append("")
    return "\n".join(lines)
