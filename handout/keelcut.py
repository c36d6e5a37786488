"""Solution regions: finding them, checking them and cutting them.

The reference tree marks the code students write with a pair of comments,
each alone on its line, inside the function they belong to:

    /* BEGIN SOLUTION(procs, proc_create) -> NULL */
    ... the reference code ...
    /* END SOLUTION */

The marker names the stage, the function and the stub that replaces the
region in a handout.  Nothing is guessed: the file is tokenized like a C
compiler would (comments, strings, character constants and preprocessor
lines cannot hide a brace), every top-level function body is found with the
name its declarator gives it, and a marker is accepted only if it sits inside
the body of the function it names, its END is in the same function at the
same brace depth, and the code between is balanced.  Every violation is an
error naming the file and line.

Stubs (the text after "->"):

    -ENOSYS   NOT_YET_IMPLEMENTED("PROCS: f"); return -ENOSYS;
    NULL      NOT_YET_IMPLEMENTED("PROCS: f"); return NULL;
    nothing   NOT_YET_IMPLEMENTED("PROCS: f");                 (void functions)
    panic     NOT_YET_IMPLEMENTED("PROCS: f"); panic("PROCS: f is not implemented");
    E         NOT_YET_IMPLEMENTED("PROCS: f"); return E;      (any other C expression)

A stub never returns 0 or -1: a placeholder must not look like success.
When cutting leaves a file-scope static or a local variable without a use,
the stub adds "(void)name;" so the handout still compiles with -Werror.

This module is also how the manifests (handout/stages/<stage>.mk) are read;
handout/mkhandout and the grader use it.
"""

import os
import re

MARKER_BEGIN = re.compile(
    r"^(?P<indent>[ \t]*)/\*\s*BEGIN SOLUTION\((?P<stage>[^,()]*),(?P<func>[^()]*)\)\s*->\s*(?P<stub>.*?)\s*\*/\s*$"
)
MARKER_END = re.compile(r"^[ \t]*/\*\s*END SOLUTION\s*\*/\s*$")
# Anything that looks like a marker, well-formed or not.
MARKER_TEXT = re.compile(r"(BEGIN|END)\s+SOLUTION")
IDENT = re.compile(r"^[A-Za-z_]\w*$")
SOURCE_SUFFIXES = (".c", ".h", ".S")
DEFAULT_STAGES = ["procs", "drivers", "vfs", "s5fs", "vm"]
FORBIDDEN_STUBS = {"0", "-1", "(0)", "(-1)"}


class CutError(Exception):
    """A problem in the reference tree, with the place it was found."""

    def __init__(self, path, line, message):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


# --- Tokens -----------------------------------------------------------------

PUNCT = [
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
    "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "##",
]


class Token:
    __slots__ = ("kind", "text", "start", "end", "line")

    def __init__(self, kind, text, start, end, line):
        self.kind = kind  # "id", "num", "str", "punct"
        self.text = text
        self.start = start
        self.end = end
        self.line = line

    def __repr__(self):
        return f"Token({self.kind}, {self.text!r}, line {self.line})"


def tokenize(text, path="<text>"):
    """C tokens of 'text' and the comments, as (tokens, comments).

    Comments are (start, end, line) triples; preprocessor lines are skipped
    whole (a brace in a macro is not a brace of the file).
    """
    tokens, comments = [], []
    i, n, line = 0, len(text), 1
    at_line_start = True
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            at_line_start = True
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if c == "\\" and i + 1 < n and text[i + 1] == "\n":
            i += 2
            line += 1
            continue
        if c == "#" and at_line_start:
            # A preprocessor line, with its continuations; comments inside end it normally.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    i += 2
                    line += 1
                    continue
                if text.startswith("/*", i):
                    end = text.find("*/", i + 2)
                    if end < 0:
                        raise CutError(path, line, "unterminated comment")
                    line += text.count("\n", i, end)
                    i = end + 2
                    continue
                if text.startswith("//", i):
                    while i < n and text[i] != "\n":
                        i += 1
                    break
                if text[i] in "\"'":
                    i = _skip_quoted(text, i, path, line)
                    continue
                i += 1
            continue
        at_line_start = False
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CutError(path, line, "unterminated comment")
            comments.append((i, end + 2, line))
            line += text.count("\n", i, end)
            i = end + 2
            continue
        if text.startswith("//", i):
            start = i
            while i < n and text[i] != "\n":
                i += 1
            comments.append((start, i, line))
            continue
        if c in "\"'":
            end = _skip_quoted(text, i, path, line)
            tokens.append(Token("str", text[i:end], i, end, line))
            i = end
            continue
        if c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("id", text[i:j], i, j, line))
            i = j
            continue
        if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] in "._" or
                             (text[j] in "+-" and text[j - 1] in "eEpP")):
                j += 1
            tokens.append(Token("num", text[i:j], i, j, line))
            i = j
            continue
        for p in PUNCT:
            if text.startswith(p, i):
                tokens.append(Token("punct", p, i, i + len(p), line))
                i += len(p)
                break
        else:
            tokens.append(Token("punct", c, i, i + 1, line))
            i += 1
    return tokens, comments


def _skip_quoted(text, i, path, line):
    quote = text[i]
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        if text[j] == "\n":
            what = "string" if quote == '"' else "character constant"
            raise CutError(path, line, f"unterminated {what}")
        j += 1
    raise CutError(path, line, "unterminated literal")


# --- Functions ----------------------------------------------------------------


class Function:
    """A top-level function definition: its name and the span of its body."""

    def __init__(self, name, body_open, body_close, first_token, open_index, close_index, is_static):
        self.name = name
        self.body_open = body_open      # offset of "{"
        self.body_close = body_close    # offset just past "}"
        self.first_token = first_token  # index of the declaration's first token
        self.open_index = open_index    # token index of "{"
        self.close_index = close_index  # token index of "}"
        self.is_static = is_static


def _function_name(tokens, brace):
    """The name of the function whose body opens at tokens[brace], or None."""
    i = brace - 1
    while i >= 0:
        t = tokens[i]
        if t.kind == "id" and t.text.startswith("__") and t.text != "__attribute__":
            i -= 1  # __noreturn and friends
            continue
        if t.text == ")":
            j = _match_back(tokens, i)
            if j is None:
                return None
            if j >= 1 and tokens[j - 1].text == "__attribute__":
                i = j - 2
                continue
            if j >= 1 and tokens[j - 1].kind == "id":
                return j - 1
            return None
        return None
    return None


def _match_back(tokens, close):
    depth = 0
    for k in range(close, -1, -1):
        if tokens[k].text == ")":
            depth += 1
        elif tokens[k].text == "(":
            depth -= 1
            if depth == 0:
                return k
    return None


def parse_structure(tokens, path):
    """The brace depth of each token, and the top-level function definitions.

    A "{" has the depth outside it and its "}" the depth inside it.
    """
    depth = []
    functions = []
    d = 0
    stack = []  # token indices of open braces
    decl_start = 0  # first token of the current top-level declaration
    for k, t in enumerate(tokens):
        depth.append(d)  # the depth the token sits at ("}" counts as inside its block)
        if t.text == "}":
            if d == 0:
                raise CutError(path, t.line, "unbalanced '}'")
            d -= 1
        if t.text == "{":
            if d == 0:
                stack.append(k)
            d += 1
        elif t.text == "}" and d == 0:
            open_k = stack.pop()
            name_k = _function_name(tokens, open_k)
            if name_k is not None:
                is_static = any(tokens[x].text == "static" for x in range(decl_start, name_k))
                functions.append(Function(tokens[name_k].text, tokens[open_k].start, t.end,
                                          decl_start, open_k, k, is_static))
                decl_start = k + 1
        elif t.text == ";" and d == 0:
            decl_start = k + 1
    if d != 0:
        raise CutError(path, tokens[stack[-1]].line if stack else 0, "unbalanced '{'")
    return depth, functions


# --- Regions ------------------------------------------------------------------


class Region:
    """One solution region of a file."""

    def __init__(self, path, stage, func, stub, begin_line, end_line, indent, begin_off, end_off):
        self.path = path
        self.stage = stage
        self.func = func
        self.stub = stub
        self.begin_line = begin_line  # 1-based line of the BEGIN marker
        self.end_line = end_line      # 1-based line of the END marker
        self.indent = indent
        self.begin_off = begin_off    # offset of the BEGIN line's start
        self.end_off = end_off        # offset just past the END line's newline
        self.function = None          # the Function it sits in

    def label(self):
        return f"{self.stage.upper()}: {self.func}"

    def body_lines(self, text):
        """The reference lines between the markers."""
        lines = text.splitlines()
        return lines[self.begin_line:self.end_line - 1]


def _line_bounds(text, off):
    start = text.rfind("\n", 0, off) + 1
    end = text.find("\n", off)
    return start, (len(text) if end < 0 else end + 1)


def find_regions(text, path, stages=None):
    """Every region of a file, checked.  Raises CutError on the first problem."""
    stages = stages or DEFAULT_STAGES
    tokens, comments = tokenize(text, path)
    depth, functions = parse_structure(tokens, path)
    starts = [t.start for t in tokens]

    # Any marker-like text must be one of the comments this function accepts.
    comment_spans = {}
    for start, end, line in comments:
        comment_spans[start] = (end, line)
    accepted_lines = set()

    regions = []
    open_region = None
    for start, end, line in comments:
        body = text[start:end]
        if not MARKER_TEXT.search(body):
            continue
        lstart, lend = _line_bounds(text, start)
        whole_line = text[lstart:lend].rstrip("\n")
        if text[lstart:start].strip() or text[end:lend].strip():
            raise CutError(path, line, "a solution marker must be alone on its line")
        if "\n" in body:
            raise CutError(path, line, "a solution marker must fit on one line")
        mb = MARKER_BEGIN.match(whole_line)
        me = MARKER_END.match(whole_line)
        if mb is None and me is None:
            raise CutError(path, line, "malformed solution marker (want "
                           "'/* BEGIN SOLUTION(stage, function) -> stub */' or '/* END SOLUTION */')")
        accepted_lines.add(line)
        if mb is not None:
            if open_region is not None:
                raise CutError(path, line, f"BEGIN SOLUTION inside the region opened at line {open_region.begin_line}")
            stage = mb.group("stage").strip()
            func = mb.group("func").strip()
            stub = mb.group("stub").strip()
            if stage not in stages:
                raise CutError(path, line, f"unknown stage '{stage}' (stages: {', '.join(stages)})")
            if not IDENT.match(func):
                raise CutError(path, line, f"'{func}' is not a function name")
            if not stub:
                raise CutError(path, line, "the marker names no stub (-ENOSYS, NULL, nothing, panic or an expression)")
            if stub.replace(" ", "") in FORBIDDEN_STUBS:
                raise CutError(path, line, f"stub '{stub}' would look like success; use -ENOSYS or the contract's failure value")
            open_region = Region(path, stage, func, stub, line, None, mb.group("indent"), lstart, None)
            open_region._begin_comment = start
        else:
            if open_region is None:
                raise CutError(path, line, "END SOLUTION without a BEGIN SOLUTION")
            open_region.end_line = line
            open_region.end_off = lend
            open_region._end_comment = start
            regions.append(open_region)
            open_region = None
    if open_region is not None:
        raise CutError(path, open_region.begin_line, "BEGIN SOLUTION without an END SOLUTION")

    # Marker text anywhere else (in a string, or split over lines) is an error.
    for m in MARKER_TEXT.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line not in accepted_lines:
            raise CutError(path, line, "solution marker text outside a marker comment")

    for r in regions:
        _place_region(r, tokens, depth, functions, starts, path)

    file_stages = sorted({r.stage for r in regions})
    if len(file_stages) > 1:
        raise CutError(path, regions[0].begin_line,
                       f"regions of several stages in one file ({', '.join(file_stages)}); a file belongs to one stage")
    return regions, tokens, functions


def _token_index_at(starts, off):
    """Index of the first token at or after offset 'off'."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < off:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _place_region(r, tokens, depth, functions, starts, path):
    inside = [f for f in functions if f.body_open < r._begin_comment < f.body_close]
    if not inside:
        raise CutError(path, r.begin_line,
                       f"region for {r.func}() is not inside a function body")
    f = inside[0]
    if f.name != r.func:
        raise CutError(path, r.begin_line,
                       f"the marker names {r.func}() but the region is inside {f.name}()")
    if not (f.body_open < r._end_comment < f.body_close):
        raise CutError(path, r.end_line, f"END SOLUTION is outside {f.name}()")
    first = _token_index_at(starts, r._begin_comment)
    last = _token_index_at(starts, r._end_comment)  # first token after the region
    d0 = depth[first] if first < len(tokens) else 0
    d1 = depth[last] if last < len(tokens) else 0
    # Depth before the first token of the region equals depth after the region's end.
    if d0 != d1:
        raise CutError(path, r.end_line,
                       "END SOLUTION is not at the brace depth of its BEGIN (the region must be balanced)")
    for k in range(first, last):
        if depth[k] < d0 or (tokens[k].text == "}" and depth[k] == d0):
            raise CutError(path, tokens[k].line, "the region closes a block it did not open")
    r.function = f
    r.first_token = first
    r.last_token = last


# --- Manifests ------------------------------------------------------------------


def read_make_vars(path):
    """The variables a simple makefile sets (:=, =, ?=, +=), with continuations."""
    values = {}
    with open(path) as fh:
        text = fh.read().replace("\\\n", " ")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^([A-Za-z_][\w.-]*)\s*(:=|\?=|\+=|=)\s*(.*)$", line)
        if not m:
            continue
        name, op, value = m.groups()
        value = " ".join(value.split())
        if op == "+=" and name in values:
            values[name] = (values[name] + " " + value).strip()
        elif op == "?=" and name in values:
            continue
        else:
            values[name] = value
    return values


class Stage:
    """One stage's manifest: handout/stages/<stage>.mk."""

    def __init__(self, name, files, tests, doc, index, variables):
        self.name = name
        self.files = files    # student-owned files
        self.tests = tests    # test directories (or files)
        self.doc = doc        # the handout document
        self.rubric = variables.get(f"{name}_RUBRIC", f"grading/rubrics/{name}.toml")
        self.index = index    # position in course order
        self.variables = variables

    @property
    def switch(self):
        """Its config.mk switch: PROCS, DRIVERS, ..."""
        return self.name.upper()

    @property
    def glob(self):
        """The test-selection glob of its tests."""
        return self.name + ".*"


def course_stages(root):
    """Stage names in course order, from the Makefile's STAGES."""
    mk = os.path.join(root, "Makefile")
    if os.path.exists(mk):
        v = read_make_vars(mk)
        if v.get("STAGES"):
            return v["STAGES"].split()
    return list(DEFAULT_STAGES)


def read_manifests(root):
    """Every stage that has a manifest, in course order."""
    order = course_stages(root)
    stages = []
    for index, name in enumerate(order):
        path = os.path.join(root, "handout", "stages", name + ".mk")
        if not os.path.exists(path):
            continue
        v = read_make_vars(path)
        files = v.get(f"{name}_FILES", "").split()
        if not files:
            raise CutError(path, 1, f"{name}_FILES is empty")
        stages.append(Stage(name, files, v.get(f"{name}_TESTS", "").split(),
                            v.get(f"{name}_DOC", f"handout/{name}.md"), index, v))
    known = set(order)
    sdir = os.path.join(root, "handout", "stages")
    if os.path.isdir(sdir):
        for f in sorted(os.listdir(sdir)):
            if f.endswith(".mk") and f[:-3] not in known:
                raise CutError(os.path.join(sdir, f), 1,
                               f"stage '{f[:-3]}' is not in the Makefile's STAGES")
    return stages


# --- Cutting ----------------------------------------------------------------------


def stub_lines(region):
    """The lines that replace a region (without the (void) lines)."""
    ind = region.indent
    label = region.label()
    out = [f'{ind}NOT_YET_IMPLEMENTED("{label}");']
    stub = region.stub
    if stub == "nothing":
        pass
    elif stub == "panic":
        out.append(f'{ind}panic("{label} is not implemented");')
    else:
        out.append(f"{ind}return {stub};")
    return out


def possible_stub_line(line):
    """Whether a stripped line is one a stub can consist of."""
    return bool(re.match(r'^(NOT_YET_IMPLEMENTED\(".*"\);|panic\(".* is not implemented"\);|return .*;|\(void\)\w+;)$', line))


def _is_decl_site(tokens, k):
    """Whether tokens[k] (an identifier) looks like the name in a declaration."""
    if k == 0 or k + 1 >= len(tokens):
        return False
    prev, nxt = tokens[k - 1], tokens[k + 1]
    if nxt.text not in ("=", ";", ",", "["):
        return False
    if prev.kind == "id" and prev.text not in ("return", "case", "goto", "sizeof"):
        return True
    if prev.text == "*":
        # "type *name": the token before the stars must be a type name.
        j = k - 1
        while j >= 0 and tokens[j].text == "*":
            j -= 1
        return j >= 0 and tokens[j].kind == "id" and tokens[j].text not in ("return", "sizeof")
    return False


def _file_statics(tokens, depth, functions):
    """Names of file-scope statics (functions and variables) and where they are defined."""
    statics = {}
    for f in functions:
        if f.is_static:
            statics.setdefault(f.name, []).append((f.open_index, f.close_index))
    # Static variables and prototypes: top-level declarations that start with "static".
    k = 0
    n = len(tokens)
    in_func = set()
    for f in functions:
        in_func.update(range(f.first_token, f.close_index + 1))
    while k < n:
        if depth[k] == 0 and tokens[k].text == "static" and k not in in_func:
            j = k
            paren = 0
            while j < n and not (depth[j] == 0 and tokens[j].text == ";"):
                t = tokens[j]
                if t.text == "(":
                    paren += 1
                elif t.text == ")":
                    paren -= 1
                elif (t.kind == "id" and paren == 0 and depth[j] == 0 and j + 1 < n and
                      tokens[j + 1].text in ("=", ";", ",", "[", "(") and t.text != "__attribute__"):
                    statics.setdefault(t.text, [])
                j += 1
            k = j + 1
            continue
        k += 1
    return statics


def cut_text(text, path, select=None, stages=None):
    """The file with the selected regions (all, by default) replaced by stubs.

    Returns (new_text, regions_cut).  'select' is a predicate on Region.
    """
    regions, tokens, functions = find_regions(text, path, stages)
    chosen = [r for r in regions if select is None or select(r)]
    if not chosen:
        return text, []
    depth, _ = parse_structure(tokens, path)
    removed = set()
    for r in chosen:
        removed.update(range(r.first_token, r.last_token))

    kept_ids = {}
    for k, t in enumerate(tokens):
        if k not in removed and t.kind == "id":
            kept_ids.setdefault(t.text, []).append(k)

    statics = _file_statics(tokens, depth, functions)
    voids = {id(r): [] for r in chosen}
    voided = set()

    # File-scope statics that only the cut regions used.
    for r in chosen:
        used = [tokens[k].text for k in range(r.first_token, r.last_token) if tokens[k].kind == "id"]
        for name in dict.fromkeys(used):
            if name not in statics or name in voided:
                continue
            own = statics[name]
            uses = 0
            for k in kept_ids.get(name, []):
                if any(a <= k <= b for a, b in own):
                    continue  # recursion inside its own body
                if depth[k] > 0 or (k > 0 and tokens[k - 1].text in ("=", "&", ",", "(")):
                    uses += 1
            if uses == 0:
                voids[id(r)].append(name)
                voided.add(name)

    # Locals declared before a region that only the region used.
    for r in chosen:
        f = r.function
        body = range(f.open_index + 1, f.close_index)
        region_ids = {tokens[k].text for k in range(r.first_token, r.last_token) if tokens[k].kind == "id"}
        for name in sorted(region_ids):
            if name in voided:
                continue
            sites = [k for k in kept_ids.get(name, []) if k in body]
            if not sites:
                continue
            decls = [k for k in sites if _is_decl_site(tokens, k)]
            if not decls or decls[0] > r.first_token:
                continue
            rest = [k for k in sites if k not in decls]
            if all(tokens[k + 1].text == "=" for k in rest):
                voids[id(r)].append(name)
                voided.add(name)
        # A local the region declares must not be used after it.
        for k in range(r.first_token, r.last_token):
            if tokens[k].kind == "id" and _is_decl_site(tokens, k) and depth[k] == depth[r.first_token]:
                name = tokens[k].text
                later = [j for j in kept_ids.get(name, []) if r.last_token <= j < f.close_index]
                if later:
                    raise CutError(path, tokens[later[0]].line,
                                   f"'{name}' is declared in the region at line {tokens[k].line} "
                                   "and used after it; declare it before the region")

    out = []
    pos = 0
    for r in sorted(chosen, key=lambda r: r.begin_off):
        out.append(text[pos:r.begin_off])
        lines = stub_lines(r)
        extra = [f"{r.indent}(void){name};" for name in voids[id(r)]]
        lines = lines[:1] + extra + lines[1:]
        out.append("\n".join(lines) + "\n")
        pos = r.end_off
    out.append(text[pos:])
    new = "".join(out)
    new = _ensure_include(new, '"util/debug.h"')
    if any(r.stub.lstrip("(").startswith("-E") for r in chosen):
        new = _ensure_include(new, '"errno.h"')
    return new, chosen


def _ensure_include(text, header):
    if re.search(r'^\s*#\s*include\s+' + re.escape(header), text, re.M):
        return text
    lines = text.split("\n")
    last = None
    for i, l in enumerate(lines):
        if re.match(r"^\s*#\s*include\b", l):
            last = i
    if last is None:
        raise CutError("<cut>", 1, f"no #include to put {header} after")
    lines.insert(last + 1, f"#include {header}")
    return "\n".join(lines)


def scan_tree_file(path, rel, stages=None):
    """Regions of one file of the tree ([] for files that are not C sources)."""
    if not rel.endswith(SOURCE_SUFFIXES):
        return []
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if not MARKER_TEXT.search(text):
        return []
    regions, _, _ = find_regions(text, rel, stages)
    return regions


def open_text(text, path, select=None, stages=None):
    """The file with the selected regions' marker lines removed and their code
    kept (an earlier stage shipped as source).  Returns (new_text, regions)."""
    regions, _, _ = find_regions(text, path, stages)
    chosen = [r for r in regions if select is None or select(r)]
    drop = set()
    for r in chosen:
        drop.update((r.begin_line, r.end_line))
    lines = text.split("\n")
    return "\n".join(l for i, l in enumerate(lines, 1) if i not in drop), chosen
