"""Go's path helpers as Docker uses them: ``filepath.Clean``, ``filepath.Dir``,
``strings.TrimSpace`` and ``filepath.Match``, reimplemented on Python ``str``.

Only the Unix behaviour matters (the separator is always ``/``). Pure functions, no I/O.
"""

from __future__ import annotations

__all__ = ["BadPattern", "go_clean", "go_dir", "go_match", "go_pattern_error", "go_trim_space"]

# unicode.IsSpace: Latin-1 spaces plus the Unicode White_Space property. Python's
# str.strip() also strips U+001C..U+001F, which Go keeps, so the set is explicit.
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class BadPattern(ValueError):
    """Go's ``filepath.ErrBadPattern``."""

    def __init__(self, message: str = "syntax error in pattern") -> None:
        super().__init__(message)


def go_trim_space(s: str) -> str:
    return s.strip(_GO_SPACE)


def go_clean(path: str) -> str:
    """``filepath.Clean`` on Unix: lexical shortest equivalent path."""
    if path == "":
        return "."
    rooted = path[0] == "/"
    out: list[str] = []
    for part in path.split("/"):
        if part == "" or part == ".":
            continue
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            elif not rooted:
                out.append("..")
            continue
        out.append(part)
    joined = "/".join(out)
    if rooted:
        return "/" + joined
    return joined or "."


def go_dir(path: str) -> str:
    """``filepath.Dir`` on Unix."""
    i = path.rfind("/")
    return go_clean(path[: i + 1])


# --- filepath.Match -----------------------------------------------------------------


def _scan_chunk(pattern: str) -> tuple[bool, str, str]:
    star = False
    while pattern and pattern[0] == "*":
        pattern = pattern[1:]
        star = True
    inrange = False
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 < n:
                i += 1
        elif c == "[":
            inrange = True
        elif c == "]":
            inrange = False
        elif c == "*" and not inrange:
            break
        i += 1
    return star, pattern[:i], pattern[i:]


def _get_esc(chunk: str) -> tuple[str, str]:
    if not chunk or chunk[0] in "-]":
        raise BadPattern()
    if chunk[0] == "\\":
        chunk = chunk[1:]
        if not chunk:
            raise BadPattern()
    r, rest = chunk[0], chunk[1:]
    if not rest:
        raise BadPattern()
    return r, rest


def _match_chunk(chunk: str, s: str) -> tuple[str, bool]:
    """Returns (rest, ok); raises BadPattern. The whole chunk is parsed even after the
    match failed, so a malformed chunk is always an error."""
    failed = False
    while chunk:
        if not failed and not s:
            failed = True
        c = chunk[0]
        if c == "[":
            r = ""
            if not failed:
                r, s = s[0], s[1:]
            chunk = chunk[1:]
            negated = False
            if chunk and chunk[0] == "^":
                negated = True
                chunk = chunk[1:]
            matched = False
            nrange = 0
            while True:
                if chunk and chunk[0] == "]" and nrange > 0:
                    chunk = chunk[1:]
                    break
                lo, chunk = _get_esc(chunk)
                hi = lo
                if chunk[0] == "-":
                    hi, chunk = _get_esc(chunk[1:])
                if not failed and lo <= r <= hi:
                    matched = True
                nrange += 1
            if matched == negated:
                failed = True
        elif c == "?":
            if not failed:
                if s[0] == "/":
                    failed = True
                s = s[1:]
            chunk = chunk[1:]
        else:
            if c == "\\":
                chunk = chunk[1:]
                if not chunk:
                    raise BadPattern()
            if not failed:
                if chunk[0] != s[0]:
                    failed = True
                s = s[1:]
            chunk = chunk[1:]
    if failed:
        return "", False
    return s, True


def go_match(pattern: str, name: str, *, check_rest: bool = True) -> bool:
    """``filepath.Match``: shell pattern against a whole name; ``*`` and ``?`` never match
    ``/``; ``[...]`` with ``^`` negation and ``\\`` escapes. Raises :class:`BadPattern`.

    ``check_rest=True`` is current Go: a failed match still checks the chunks it did not
    reach, so any malformed pattern is an error. With ``False`` (the Go that built the
    patternmatcher of the conformance data) chunks after the first failing one are not
    checked: ``src/**/[`` passes ``New`` and fails later, at match time.
    """
    while pattern:
        star, chunk, pattern = _scan_chunk(pattern)
        if star and chunk == "":
            return "/" not in name
        t, ok = _match_chunk(chunk, name)
        if ok and (not t or pattern):
            name = t
            continue
        if star:
            i = 0
            advanced = False
            while i < len(name) and name[i] != "/":
                t, ok = _match_chunk(chunk, name[i + 1 :])
                if ok:
                    if not pattern and t:
                        i += 1
                        continue
                    name = t
                    advanced = True
                    break
                i += 1
            if advanced:
                continue
        if check_rest:
            while pattern:
                _, chunk, pattern = _scan_chunk(pattern)
                _match_chunk(chunk, "")
        return False
    return name == ""


def go_pattern_error(pattern: str, *, check_rest: bool = True) -> str | None:
    """The error message ``filepath.Match(pattern, ".")`` gives, or None."""
    try:
        go_match(pattern, ".", check_rest=check_rest)
    except BadPattern as exc:
        return str(exc)
    return None
