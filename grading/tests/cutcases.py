"""Cases for the handout generator's parser and cutter (grading/selftest).

GOOD is a file the cutter must accept; its cut must compile with the
kernel's flags (-Wall -Wextra -Werror) and hold the expected stubs.  Each
of BAD must be refused with an error that names the line and says why.
Markers are assembled from pieces so that this file never holds marker
text itself.
"""

B = "/* BEGIN " + "SOLUTION"
E = "/* END " + "SOLUTION */"

GOOD = f"""\
/* A file with every kind of region the cutter supports. */
#include "types.h"
#include "util/kprintf.h"

static int counter;
static int table[4] = {{1, 2, 3, 4}};

/* Used only by the solution of sum(): the stub must keep it alive. */
static int helper(int x)
{{
	return x + table[x % 4];
}}

int sum(int n)
{{
	{B}(procs, sum) -> -ENOSYS */
	int s = 0;
	for (int i = 0; i < n; i++) {{
		s += helper(i); /* a brace in a comment: {{ */
	}}
	counter++;
	return s;
	{E}
}}

const char *name_of(int x)
{{
	{B}(procs, name_of) -> NULL */
	static const char *names[] = {{"zero", "one {{", "two }}"}};
	return x >= 0 && x < 3 ? names[x] : "many";
	{E}
}}

void touch(int *p)
{{
	{B}(procs, touch) -> nothing */
	*p = '}}';
	{E}
}}

void stop(void) __attribute__((noreturn));
void __attribute__((noreturn)) stop(void)
{{
	{B}(procs, stop) -> panic */
	for (;;) {{
	}}
	{E}
}}

/* A region that covers part of a function: 'limit' is used only inside it. */
int partial(int n)
{{
	int limit = n * 2;
	int seen = 0;
	kprintf("partial %d\\n", n);
	{B}(procs, partial) -> -ENOSYS */
	while (seen < limit) {{
		seen++;
	}}
	{E}
	return seen;
}}

static inline int twice(int x)
{{
	return 2 * x;
}}

int count(void)
{{
	{B}(procs, count) -> -EINVAL */
	return twice(counter);
	{E}
}}
"""

GOOD_EXPECT = [
    'NOT_YET_IMPLEMENTED("PROCS: sum");',
    "(void)helper;",
    "return -ENOSYS;",
    'NOT_YET_IMPLEMENTED("PROCS: name_of");',
    "return NULL;",
    'NOT_YET_IMPLEMENTED("PROCS: touch");',
    'panic("PROCS: stop is not implemented");',
    'NOT_YET_IMPLEMENTED("PROCS: partial");',
    "(void)limit;",
    "return -EINVAL;",
    '#include "util/debug.h"',
    '#include "errno.h"',
]


def _fn(body, name="f", ret="int"):
    return f"{ret} {name}(void)\n{{\n{body}}}\n"


BAD = [
    ("wrong function",
     "int g(void)\n{\n\t" + B + "(procs, f) -> -ENOSYS */\n\treturn 1;\n\t" + E + "\n}\n",
     3, "names f() but the region is inside g()"),
    ("outside a function",
     B + "(procs, f) -> -ENOSYS */\nint x;\n" + E + "\n",
     1, "not inside a function body"),
    ("no END",
     _fn("\t" + B + "(procs, f) -> -ENOSYS */\n\treturn 1;\n"),
     3, "without an END SOLUTION"),
    ("END without BEGIN",
     _fn("\treturn 1;\n\t" + E + "\n"),
     4, "END SOLUTION without a BEGIN SOLUTION"),
    ("nested BEGIN",
     _fn("\t" + B + "(procs, f) -> -ENOSYS */\n\t" + B + "(procs, f) -> -ENOSYS */\n"
         "\treturn 1;\n\t" + E + "\n\t" + E + "\n"),
     4, "inside the region opened at line 3"),
    ("two stages in one file",
     _fn("\t" + B + "(procs, f) -> -ENOSYS */\n\treturn 1;\n\t" + E + "\n") +
     _fn("\t" + B + "(vfs, g) -> -ENOSYS */\n\treturn 1;\n\t" + E + "\n", "g"),
     3, "regions of several stages in one file"),
    ("unknown stage",
     _fn("\t" + B + "(kernel, f) -> -ENOSYS */\n\treturn 1;\n\t" + E + "\n"),
     3, "unknown stage 'kernel'"),
    ("a stub that looks like success",
     _fn("\t" + B + "(procs, f) -> -1 */\n\treturn 1;\n\t" + E + "\n"),
     3, "would look like success"),
    ("no stub",
     _fn("\t" + B + "(procs, f) -> */\n\treturn 1;\n\t" + E + "\n"),
     3, "names no stub"),
    ("malformed marker",
     _fn("\t/* BEGIN " + "SOLUTION procs f */\n\treturn 1;\n"),
     3, "malformed solution marker"),
    ("marker not alone on its line",
     _fn("\treturn 1; " + B + "(procs, f) -> -ENOSYS */\n\t" + E + "\n"),
     3, "alone on its line"),
    ("marker text in a string",
     _fn('\tconst char *s = "BEGIN ' + 'SOLUTION";\n\treturn s != 0;\n'),
     3, "marker text outside a marker comment"),
    ("region closes its block",
     "int f(int x)\n{\n\tif (x) {\n\t\t" + B + "(procs, f) -> -ENOSYS */\n\t\treturn 1;\n"
     "\t} else {\n\t\t" + E + "\n\t\treturn 2;\n\t}\n\treturn 0;\n}\n",
     6, "closes a block it did not open"),
    ("region ends deeper than it began",
     "int f(int x)\n{\n\t" + B + "(procs, f) -> -ENOSYS */\n\tif (x) {\n\t\treturn 1;\n\t\t"
     + E + "\n\t}\n\treturn 0;\n}\n",
     6, "brace depth"),
    ("local declared in the region, used after it",
     "int f(void)\n{\n\t" + B + "(procs, f) -> -ENOSYS */\n\tint n = 3;\n\t" + E
     + "\n\treturn n;\n}\n",
     6, "declared in the region"),
]
