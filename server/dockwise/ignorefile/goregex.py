"""Translate the subset of Go (RE2) regular expressions that moby/patternmatcher generates
into an equivalent Python ``re`` pattern, reporting Go's compile errors.

patternmatcher turns a pattern into a Go regexp by rewriting ``*``, ``**`` and ``?`` and
escaping ``.+()|{}$``; ``[``, ``]``, ``^`` and ``\\``-escapes are passed to Go's regexp
parser untouched. So a user's ``[...]`` is a *Go regexp* class (``[!a]`` means "``!`` or
``a``", ``[[:alpha:]]`` is a POSIX class, ``[z-a]`` fails to compile) and ``\\d`` is a digit.
Python's ``re`` differs in all of those details, so classes and escapes are re-parsed here
with Go's rules and emitted as explicit code-point ranges.

Unsupported (reported as :class:`GoRegexError` with ``unsupported=True``): ``\\p{...}``
Unicode classes, which Python's ``re`` cannot express.
"""

from __future__ import annotations

__all__ = ["GoRegexError", "translate"]

_MAX_RUNE = 0x10FFFF


class GoRegexError(ValueError):
    def __init__(self, message: str, *, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


def _r(a: str, b: str | None = None) -> tuple[int, int]:
    return (ord(a), ord(b if b is not None else a))


_POSIX: dict[str, list[tuple[int, int]]] = {
    "alnum": [_r("0", "9"), _r("A", "Z"), _r("a", "z")],
    "alpha": [_r("A", "Z"), _r("a", "z")],
    "ascii": [(0, 0x7F)],
    "blank": [_r("\t"), _r(" ")],
    "cntrl": [(0, 0x1F), (0x7F, 0x7F)],
    "digit": [_r("0", "9")],
    "graph": [_r("!", "~")],
    "lower": [_r("a", "z")],
    "print": [_r(" ", "~")],
    "punct": [_r("!", "/"), _r(":", "@"), _r("[", "`"), _r("{", "~")],
    "space": [_r("\t", "\r"), _r(" ")],
    "upper": [_r("A", "Z")],
    "word": [_r("0", "9"), _r("A", "Z"), _r("a", "z"), _r("_")],
    "xdigit": [_r("0", "9"), _r("A", "F"), _r("a", "f")],
}
_PERL: dict[str, list[tuple[int, int]]] = {
    "d": [_r("0", "9")],
    "s": [_r("\t", "\n"), _r("\f", "\r"), _r(" ")],
    "w": [_r("0", "9"), _r("A", "Z"), _r("a", "z"), _r("_")],
}


def _negate(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    nxt = 0
    for lo, hi in sorted(ranges):
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = max(nxt, hi + 1)
    if nxt <= _MAX_RUNE:
        out.append((nxt, _MAX_RUNE))
    return out


def _esc(cp: int) -> str:
    c = chr(cp)
    if c.isascii() and c.isalnum():
        return c
    if cp < 0x10000:
        return "\\u%04x" % cp
    return "\\U%08x" % cp


def _class(ranges: list[tuple[int, int]], negated: bool = False) -> str:
    if not ranges:
        # An empty class matches nothing; a negated empty class matches anything.
        return "[^\\x00-\\U0010ffff]" if not negated else "[\\x00-\\U0010ffff]"
    body = "".join(_esc(lo) if lo == hi else _esc(lo) + "-" + _esc(hi) for lo, hi in ranges)
    return "[" + ("^" if negated else "") + body + "]"


def _is_octal(c: str) -> bool:
    return "0" <= c <= "7"


def _unhex(c: str) -> int:
    try:
        return int(c, 16) if c and c in "0123456789abcdefABCDEF" else -1
    except ValueError:
        return -1


def _parse_escape(s: str, i: int) -> tuple[int, int]:
    """Go's parseEscape: ``s[i] == '\\\\'``. Returns (code point, next index)."""
    start = i
    i += 1
    if i >= len(s):
        raise GoRegexError("error parsing regexp: trailing backslash at end of expression: ``")
    c = s[i]
    i += 1
    if c.isascii() and not c.isalnum():
        return ord(c), i
    if c in "1234567" and not (i < len(s) and _is_octal(s[i])):
        pass  # a backreference: not supported by Go
    elif c in "01234567":
        r = ord(c) - 48
        for _ in range(2):
            if i < len(s) and _is_octal(s[i]):
                r = r * 8 + ord(s[i]) - 48
                i += 1
            else:
                break
        return r, i
    elif c == "x":
        if i < len(s):
            c2 = s[i]
            i += 1
            if c2 == "{":
                r = 0
                nhex = 0
                while i < len(s):
                    d = s[i]
                    i += 1
                    if d == "}":
                        if nhex:
                            return r, i
                        break
                    v = _unhex(d)
                    if v < 0:
                        break
                    r = r * 16 + v
                    if r > _MAX_RUNE:
                        break
                    nhex += 1
            else:
                x = _unhex(c2)
                y = _unhex(s[i]) if i < len(s) else -1
                i += 1
                if x >= 0 and y >= 0:
                    return x * 16 + y, i
    elif c in "afnrtv":
        return ord({"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}[c]), i
    raise GoRegexError(f"error parsing regexp: invalid escape sequence: `{s[start:i]}`")


def _parse_class(s: str, i: int) -> tuple[str, int]:
    """Go's parseClass: ``s[i] == '['``. Returns (python class, next index)."""
    whole_start = i
    i += 1
    negated = False
    if i < len(s) and s[i] == "^":
        negated = True
        i += 1
    ranges: list[tuple[int, int]] = []
    first = True
    while i >= len(s) or s[i] != "]" or first:
        first = False
        if i >= len(s):
            raise GoRegexError(f"error parsing regexp: missing closing ]: `{s[whole_start:]}`")
        if s.startswith("[:", i) and len(s) - i > 2:
            end = s.find(":]", i + 2)
            if end >= 0:
                name = s[i + 2 : end]
                neg = name.startswith("^")
                group = _POSIX.get(name[1:] if neg else name)
                if group is None:
                    raise GoRegexError(
                        f"error parsing regexp: invalid character class range: `{s[i:end + 2]}`"
                    )
                ranges.extend(_negate(group) if neg else group)
                i = end + 2
                continue
        if s[i] == "\\" and i + 1 < len(s):
            k = s[i + 1]
            if k in "pP":
                raise GoRegexError("Unicode class escapes (\\p) are not supported", unsupported=True)
            if k.lower() in _PERL:
                grp = _PERL[k.lower()]
                ranges.extend(_negate(grp) if k.isupper() else grp)
                i += 2
                continue
        lo, i = _class_char(s, i, whole_start)
        hi = lo
        if len(s) - i >= 2 and s[i] == "-" and s[i + 1] != "]":
            rng_start = i
            hi, i = _class_char(s, i + 1, whole_start)
            if hi < lo:
                raise GoRegexError(
                    f"error parsing regexp: invalid character class range: `{chr(lo)}{s[rng_start:i]}`"
                )
        ranges.append((lo, hi))
    return _class(ranges, negated), i + 1


def _class_char(s: str, i: int, whole_start: int) -> tuple[int, int]:
    if i >= len(s):
        raise GoRegexError(f"error parsing regexp: missing closing ]: `{s[whole_start:]}`")
    if s[i] == "\\":
        return _parse_escape(s, i)
    return ord(s[i]), i + 1


def translate(go_re: str) -> str:
    """Python ``re`` source (to be compiled with ``re.ASCII``) equivalent to ``go_re``.

    Raises :class:`GoRegexError` where Go's ``regexp.Compile`` fails.
    """
    out: list[str] = []
    i = 0
    n = len(go_re)
    # 'start' (nothing to repeat), 'atom', 'rep' (just repeated)
    state = "start"
    while i < n:
        c = go_re[i]
        if c in "*+?":
            if state == "rep" and c == "?" and out and out[-1] in "*+?":
                out.append("?")  # non-greedy
                state = "lazy"
                i += 1
                continue
            if state in ("rep", "lazy"):
                raise GoRegexError(
                    f"error parsing regexp: invalid nested repetition operator: `{go_re[i - 1:i + 1]}`"
                )
            if state == "start":
                raise GoRegexError(f"error parsing regexp: missing argument to repetition operator: `{c}`")
            out.append(c)
            state = "rep"
            i += 1
            continue
        if c == "(":
            out.append("(?:")
            state = "start"
            i += 1
            continue
        if c == "|":
            out.append("|")
            state = "start"
            i += 1
            continue
        if c == ")":
            out.append(")")
            state = "atom"
            i += 1
            continue
        if c == "^":
            out.append("(?:\\A)")
            state = "atom"
            i += 1
            continue
        if c == "$":
            out.append("(?:\\Z)")
            state = "atom"
            i += 1
            continue
        if c == ".":
            out.append("[^\\n]")
            state = "atom"
            i += 1
            continue
        if c == "[":
            cls, i = _parse_class(go_re, i)
            out.append(cls)
            state = "atom"
            continue
        if c == "\\" and i + 1 < n:
            k = go_re[i + 1]
            if k == "A":
                out.append("(?:\\A)")
                i += 2
                state = "atom"
                continue
            if k == "z":
                out.append("(?:\\Z)")
                i += 2
                state = "atom"
                continue
            if k in "bB":
                out.append("(?:\\" + k + ")")
                i += 2
                state = "atom"
                continue
            if k == "C":
                raise GoRegexError("error parsing regexp: invalid escape sequence: `\\C`")
            if k == "Q":
                end = go_re.find("\\E", i + 2)
                lit = go_re[i + 2 :] if end < 0 else go_re[i + 2 : end]
                i = n if end < 0 else end + 2
                for ch in lit:
                    out.append(_class([(ord(ch), ord(ch))]))
                    state = "atom"
                continue
            if k in "pP":
                raise GoRegexError("Unicode class escapes (\\p) are not supported", unsupported=True)
            if k.lower() in _PERL:
                grp = _PERL[k.lower()]
                out.append(_class(grp, negated=k.isupper()))
                i += 2
                state = "atom"
                continue
        if c == "\\":
            cp, i = _parse_escape(go_re, i)
            out.append(_esc(cp) if cp > 0x7F or chr(cp).isalnum() else "\\x%02x" % cp)
            state = "atom"
            continue
        cp = ord(c)
        out.append(_esc(cp) if cp > 0x7F or c.isalnum() else "\\x%02x" % cp)
        state = "atom"
        i += 1
    return "".join(out)
