"""Authenticated test results.

A kernel built for grading holds a key the grader made for this run
(KTEST_AUTH_KEY, compiled into the harness object only).  Each boot gets a
fresh nonce on its command line (ktest_nonce=), and the harness appends to
every result line "[auth=<seq>:<hmac>]", an HMAC-SHA256 under the key of

    "keel-ktest-1\\n" nonce "\\n" seq "\\n" number "\\n" outcome "\\n" name "\\n" directive

(kernel/test/ktest.c).  The grader accepts a result only if the MAC
verifies with this boot's nonce, the sequence number is the next one of
this boot, and the test number and name are those of the test the grader
asked the boot to run.  Any other line that looks like a result (a forged
"ok", a copy of a line from another boot, a line for another test) fails
the test it claims to be about.
"""

import hashlib
import hmac
import re
import secrets

# A line a TAP reader would take for a result, signed or not.
RESULT_LIKE = re.compile(r"^\s*(not ok|ok)\s+(\d+)(?:\s*-\s*(\S+))?")
SIGNED = re.compile(
    r"^(ok|not ok) (\d+) - (\S+)(?: # (.*?))? \[auth=(\d+):([0-9a-f]{64})\]$")
KEY_BYTES = 32


def new_key():
    """A fresh key, as the 64 hex digits KTEST_AUTH_KEY takes."""
    return secrets.token_hex(KEY_BYTES)


def new_nonce():
    """A fresh per-boot nonce (the kernel takes up to 64 characters)."""
    return secrets.token_hex(16)


def mac(key_hex, nonce, seq, number, outcome, name, directive):
    msg = "\n".join(["keel-ktest-1", nonce, str(seq), str(number), outcome, name, directive or ""])
    return hmac.new(bytes.fromhex(key_hex), msg.encode("utf-8", "surrogateescape"),
                    hashlib.sha256).hexdigest()


class Verdict:
    """What one console line says about the test results of a boot."""

    def __init__(self, kind, number=None, name=None, ok=None, directive=None, why=None):
        self.kind = kind          # "result", "forged" or None (not a result line)
        self.number = number
        self.name = name
        self.ok = ok
        self.directive = directive
        self.why = why            # for "forged": what is wrong with it


class BootChecker:
    """Checks the result lines of one boot.

    'expected' lists the names of the tests the boot runs, in the kernel's
    order, and 'start' is the TAP number of the first (start=N).
    """

    def __init__(self, key_hex, nonce, expected, start=1):
        self.key = key_hex
        self.nonce = nonce
        self.expected = list(expected)
        self.start = start
        self.seq = 0

    def check(self, line):
        m = SIGNED.match(line)
        if m is None:
            rm = RESULT_LIKE.match(line)
            if rm:
                return Verdict("forged", name=rm.group(3),
                               why="a result line without the harness's signature: " + _clip(line))
            return Verdict(None)
        outcome, number, name, directive, seq, tag = m.groups()
        number, seq = int(number), int(seq)
        want = mac(self.key, self.nonce, seq, number, outcome, name, directive)
        if not hmac.compare_digest(want, tag):
            return Verdict("forged", name=name,
                           why="a result line whose signature does not verify "
                               "(forged, or copied from another boot): " + _clip(line))
        if seq != self.seq:
            return Verdict("forged", name=name,
                           why=f"a signed result line out of sequence (#{seq}, expected #{self.seq})")
        k = number - self.start
        if k != seq or not 0 <= k < len(self.expected) or self.expected[k] != name:
            wanted = self.expected[seq] if seq < len(self.expected) else "no more results"
            return Verdict("forged", name=name,
                           why=f"a signed result for {name} (number {number}) where the grader "
                               f"expected {wanted}")
        self.seq += 1
        return Verdict("result", number=number, name=name, ok=(outcome == "ok"),
                       directive=directive)


def _clip(line, n=160):
    return line if len(line) <= n else line[:n] + "..."
