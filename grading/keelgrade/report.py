"""Scores and reports: the summary, results.json (Gradescope) and the CSV row.

Scoring: a test earns its points when it passed and every prerequisite the
rubric gives it passed too; otherwise 0, with the reason.  When the
submission did not build, or broke a rule the grader enforces (student code
registering tests, or calling into the test harness), every test scores 0
and the report says why.

Escaping: the console, the compiler's messages and the submission's own
names are the student's text, and a terminal obeys control characters in
it (clear the screen, move the cursor, overwrite a line with "\r", reorder
it with a bidi override).  So everything this module writes -- the
summary, each test's output, results.json, outcomes.json and the CSV row --
goes through escape(), which shows every control character as visible
text ("\x1b", "\r", "\u202e"), newline and tab excepted.  Escaping is
idempotent (its output has no control characters), so text escaped twice
reads the same.  CSV cells the student controls that begin with = + - @
(or a tab) get a leading ' so a spreadsheet does not run them as formulas.
The raw bytes stay only in logs/ and build.log.
"""

import csv
import io
import json
import re

CSV_FIELDS = ["submission", "stage", "score", "max_score", "tests_passed", "tests", "build",
              "notes"]
TAIL_SHOWN = 15
DROPPED_SHOWN = 12

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, and
# the characters that reorder or break lines: the bidi marks, embeddings,
# overrides and isolates, and the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def _escape_char(m):
    c = ord(m.group())
    return "\\x%02x" % c if c < 0x100 else "\\u%04x" % c


def escape(text):
    """'text' with every control character written as visible text: ESC as
    \\x1b, CR as \\x0d, DEL as \\x7f, U+202E as \\u202e.  Newline and tab stay."""
    return _UNSAFE.sub(_escape_char, text)


def escape_data(data):
    """escape() applied to every string (keys too) of JSON-like data."""
    if isinstance(data, str):
        return escape(data)
    if isinstance(data, dict):
        return {escape_data(k): escape_data(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [escape_data(v) for v in data]
    return data


def csv_cell(text):
    """An escaped CSV cell that a spreadsheet shows as text, never a formula."""
    text = escape(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


class Scored:
    def __init__(self, name, group, points, max_points, outcome, why_zero=None):
        self.name = name
        self.group = group
        self.points = points
        self.max_points = max_points
        self.outcome = outcome
        self.why_zero = why_zero  # why a passing test scored 0, or why it failed

    @property
    def status(self):
        return "passed" if self.points >= self.max_points and self.outcome.passed else "failed"


def score(rubric, outcomes, blocked=None):
    """Scored tests in rubric order.  'blocked' (a reason) zeroes everything."""
    out = []
    for g in rubric.groups:
        for t, pts in g.points.items():
            o = outcomes[t]
            if blocked:
                out.append(Scored(t, g, 0, pts, o, blocked))
                continue
            if not o.passed:
                out.append(Scored(t, g, 0, pts, o, o.reason or "failed"))
                continue
            failed = []
            for p, via in rubric.prerequisites(t):
                po = outcomes.get(p)
                if po is None or not po.passed:
                    failed.append((p, via))
            if failed:
                names = sorted({p for p, _ in failed})
                shown = ", ".join(names[:3]) + (" and %d more" % (len(names) - 3) if len(names) > 3 else "")
                vias = sorted({via for p, via in failed if via != p})
                why = ("passed, but scores 0: it depends on %s, which did not pass" % shown)
                if vias:
                    why += " (group %s)" % ", ".join(vias)
                out.append(Scored(t, g, 0, pts, o, why))
                continue
            out.append(Scored(t, g, pts, pts, o))
    return out


def fmt_points(x):
    return ("%g" % x) if isinstance(x, float) else str(x)


def test_output(s):
    """What a student sees for one test (Gradescope's 'output')."""
    o = s.outcome
    lines = []
    if s.points < s.max_points:
        lines.append(s.why_zero or o.reason or "failed")
    elif o.reason:
        lines.append(o.reason)
    for f in o.forged[:3]:
        if f not in lines:
            lines.append(f)
    if not o.passed and o.diag:
        lines.append("")
        lines.append("Test output:")
        lines += ["  " + l for l in o.diag[-30:]]
    if not o.passed and o.tail and not (o.diag and o.tail[-1] == o.diag[-1]):
        lines.append("")
        lines.append("Console tail:")
        lines += ["  " + l for l in o.tail[-TAIL_SHOWN:]]
    return escape("\n".join(lines))


def summary(info, rubric, scored):
    """The report a TA or student reads."""
    total = sum(s.points for s in scored)
    w = []
    w.append(f"Keel {rubric.stage.upper()} grade: {fmt_points(total)}/{fmt_points(rubric.max_points)}")
    w.append(f"  submission: {info['submission']}" + (f" ({info['note']})" if info.get("note") else ""))
    w.append(f"  graded:     {info['started']}, {info['seconds']:.1f} s")
    if info.get("files"):
        w.append("  files used: " + ", ".join(info["files"]))
    for rel, where in sorted(info.get("found_as", {}).items()):
        w.append(f"              {rel} was found as {where}")
    for rel in info.get("missing", []):
        why = info.get("rejected", {}).get(rel)
        w.append(f"  MISSING:    {rel}" + (f" ({why})" if why else "")
                 + "; the handout's stub was used")
    dropped = sorted(info.get("dropped", {}).items())
    for n, (name, why) in enumerate(dropped[:DROPPED_SHOWN]):
        w.append(("  dropped:    " if n == 0 else "              ") + f"{name} ({why})")
    if len(dropped) > DROPPED_SHOWN:
        w.append(f"              and {len(dropped) - DROPPED_SHOWN} more not used")
    if info.get("earlier"):
        w.append("  earlier stages: " + info["earlier"])
    if info.get("ignored"):
        more = info.get("ignored_more", 0)
        w.append("  ignored:    changes to files that are not the student's to change: "
                 + ", ".join(info["ignored"]) + (f" and {more} more" if more else ""))
    w.append(f"  build:      {info['build']}")
    for p in info.get("problems", []):
        w.append(f"  INTEGRITY:  {p}")
    w.append("")
    if info.get("build_log_tail"):
        w.append("Build errors:")
        w += ["  " + l for l in info["build_log_tail"]]
        w.append("")

    w.append("SUMMARY BY GROUP")
    w.append("%-44s %9s  %s" % ("group", "points", "tests passed"))
    for g in rubric.groups:
        mine = [s for s in scored if s.group is g]
        got = sum(s.points for s in mine)
        npass = sum(1 for s in mine if s.points >= s.max_points and s.outcome.passed)
        # A test worth 0 points (a support test) that fails is marked all the same.
        mark = "-" if got < g.max_points or npass < len(mine) else " "
        w.append("%s %-42s %4s/%-4s  %d/%d" % (mark, (g.title or g.name)[:42], fmt_points(got),
                                                  fmt_points(g.max_points), npass, len(mine)))
    w.append("%-44s %4s/%-4s" % ("  TOTAL", fmt_points(total), fmt_points(rubric.max_points)))
    w.append("")

    w.append("TESTS (- marks lost points)")
    for g in rubric.groups:
        w.append(f"  {g.title} [{g.name}]")
        for s in [s for s in scored if s.group is g]:
            lost = s.points < s.max_points or (s.max_points == 0 and not s.outcome.passed)
            mark = "-" if lost else " "
            line = "  %s %3s/%-3s %s" % (mark, fmt_points(s.points), fmt_points(s.max_points), s.name)
            if lost:
                line += ": " + first_line(s.why_zero or s.outcome.reason or "failed")
            w.append(line)
    w.append("")

    failures = [s for s in scored if not s.outcome.passed]
    if failures and not info.get("blocked"):
        w.append("FAILURES")
        for s in failures:
            o = s.outcome
            w.append(f"-- {s.name} ({fmt_points(s.points)}/{fmt_points(s.max_points)})")
            w.append("   " + (o.reason or "failed"))
            for f in o.forged[:3]:
                if f != o.reason:
                    w.append("   " + f)
            if o.diag:
                w.append("   test output:")
                w += ["     " + l for l in o.diag[-20:]]
            if o.tail and not (o.diag and o.tail[-1] == o.diag[-1]):
                w.append("   console tail:")
                w += ["     " + l for l in o.tail[-TAIL_SHOWN:]]
            if o.log:
                w.append(f"   log: {o.log}")
        w.append("")
    return escape("\n".join(w) + "\n")


def first_line(s):
    return s.splitlines()[0] if s else ""


def results_json(info, rubric, scored, summary_text):
    tests = []
    for n, s in enumerate(scored, 1):
        tests.append({
            "name": s.name,
            "number": str(n),
            "score": s.points,
            "max_score": s.max_points,
            "status": s.status,
            "output": test_output(s),
            "visibility": s.group.visibility,
            "tags": [s.group.name],
        })
    return {
        "score": sum(s.points for s in scored),
        "execution_time": round(info["seconds"], 2),
        "output": summary_text,
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"stage": rubric.stage, "max_score": rubric.max_points,
                       "build": info["build"], "problems": info.get("problems", [])},
    }


def csv_row(info, rubric, scored):
    notes = []
    if info.get("missing"):
        notes.append("missing " + " ".join(info["missing"]))
    notes += info.get("problems", [])
    if info.get("ignored"):
        notes.append("ignored changes to %d files" % (len(info["ignored"]) + info.get("ignored_more", 0)))
    if info.get("dropped"):
        notes.append("dropped %d entries" % len(info["dropped"]))
    row = [info["name"], rubric.stage, fmt_points(sum(s.points for s in scored)),
           fmt_points(rubric.max_points),
           str(sum(1 for s in scored if s.outcome.passed)), str(len(scored)),
           "ok" if info["build"] == "ok" else "failed", "; ".join(notes)]
    row = [csv_cell(c) for c in row]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    return buf.getvalue()


def write_json(path, data):
    """Writes JSON with every string escaped (see escape())."""
    with open(path, "w") as fh:
        json.dump(escape_data(data), fh, indent=1)
        fh.write("\n")
