"""Docker's ``.dockerignore`` reading and matching, reproduced exactly.

This mirrors moby/patternmatcher (``New``, ``MatchesOrParentMatches``) and
moby/patternmatcher/ignorefile (``ReadAll``), which both the Docker CLI and BuildKit use.
Pure: text in, verdicts out.

Public API::

    parse_ignore_file(text: str) -> IgnoreFile
    IgnoreFile.patterns: list[IgnorePattern]      # in file order, Docker's cleaned form
    IgnoreFile.errors: list[IgnoreError]          # non-empty: Docker rejects the file
    IgnoreFile.is_valid -> bool
    IgnoreFile.matches(path) -> bool              # excluded? raises IgnoreMatchError where Docker fails
    IgnoreFile.verdict(path) -> Verdict           # never raises
    IgnoreFile.explain(path) -> IgnorePattern | None
    IgnoreFile.dir_state(parent_state, dirpath)   # incremental matching for walkers
    IgnoreFile.verdict_in(parent_state, path) -> Verdict
    IgnoreFile.can_prune(dirpath) -> bool         # no exception can re-include below dirpath
    IgnoreFile.with_patterns(extra: Iterable[str]) -> IgnoreFile
    ignore_file_from_patterns(patterns: Iterable[str]) -> IgnoreFile

Quirks reproduced (each is Docker's behaviour, not a bug here):

* ``#`` starts a comment only as the first character of a line (before trimming): ``foo # x``
  is one pattern, and so is `` # x``.
* Patterns are cleaned like Go's ``filepath.Clean`` and a leading ``/`` is dropped, so
  ``/foo``, ``./foo`` and ``foo/`` are all ``foo``; ``/!foo`` becomes ``!foo``, an exception.
* A pattern matches a path or any of its parent directories; ``*`` and ``?`` never cross
  ``/``, so ``*.md`` only matches at the root; ``**`` crosses directories.
* The last matching pattern wins; ``!`` re-includes.
* ``[...]`` is a Go *regexp* class: ``[!a]`` matches ``!`` or ``a``, only ``[^a]`` negates
  (and may match ``/``).
* A lone ``!`` (also ``! /``) is an error; so is a pattern ``filepath.Match`` rejects when it
  checks it against ``"."``; a pattern that gets through that check but does not compile
  as a Go regexp (for instance ``a/[``) makes *matching* fail, only for the paths whose
  evaluation reaches it (verdict ``error``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..lazy_regex import lazy_compile
from .gopath import _GO_SPACE, go_clean, go_dir, go_pattern_error, go_trim_space
from .goregex import GoRegexError, translate

__all__ = [
    "IgnoreError",
    "IgnoreFile",
    "IgnoreMatchError",
    "IgnorePattern",
    "Verdict",
    "ignore_file_from_patterns",
    "parse_ignore_file",
]

_BOM = "\ufeff"
# bufio.Scanner's MaxScanTokenSize: a longer line makes ReadAll fail.
_MAX_LINE_BYTES = 64 * 1024


class IgnoreMatchError(ValueError):
    """Docker's matcher fails on this path (``filepath.ErrBadPattern`` at match time)."""

    def __init__(self, path: str, pattern: IgnorePattern) -> None:
        super().__init__(f"syntax error in pattern {pattern.pattern!r} (line {pattern.line + 1})")
        self.path = path
        self.pattern = pattern


@dataclass(frozen=True)
class IgnoreError:
    """A problem that makes Docker reject the ignore file. ``line`` is 0-based,
    ``start``/``end`` are character offsets into the original text."""

    line: int
    start: int
    end: int
    message: str


@dataclass
class IgnorePattern:
    """One pattern line. ``raw`` is the trimmed line text (``text[start:end]``), including a
    leading ``!``; ``pattern`` is what Docker matches (cleaned, without ``!``)."""

    index: int
    line: int
    start: int
    end: int
    raw: str
    pattern: str
    exclusion: bool
    # How Docker evaluates it: 'exact', 'prefix', 'suffix', 'regexp', or 'bad' (matching fails).
    kind: str = "exact"
    # Python regex equivalent to the pattern (None for 'bad').
    regex: str | None = None
    compile_error: str | None = None
    _fullmatch: object = field(default=None, repr=False, compare=False)

    @property
    def is_bad(self) -> bool:
        return self.kind == "bad"

    def match(self, path: str) -> bool:
        """Does this single pattern match ``path`` itself (no parent logic)?"""
        if self._fullmatch is None:
            if self.regex is None:
                raise IgnoreMatchError(path, self)
            # compiled on first use: matching mostly goes through IgnoreFile's combined regex
            self._fullmatch = re.compile(self.regex, re.ASCII).fullmatch
        return self._fullmatch(path) is not None  # type: ignore[operator]

    def __str__(self) -> str:
        return ("!" if self.exclusion else "") + self.pattern


@dataclass(frozen=True)
class Verdict:
    """The decision for one path: ``excluded``; ``pattern`` is the last pattern that matched
    (None: no pattern matched, or an error); ``error`` is set where Docker's matching fails."""

    excluded: bool
    pattern: IgnorePattern | None = None
    error: str | None = None

    @property
    def sent(self) -> bool:
        return not self.excluded and self.error is None


# --- compiling one pattern like patternmatcher.(*Pattern).compile ---------------------


def _go_regex_source(pattern: str) -> tuple[str, str]:
    """moby's compile: (Go regexp source, match type)."""
    reg = ["^"]
    detected = "exact"
    i = 0
    n = len(pattern)
    # text/scanner drops a BOM at the very start of its input.
    if pattern.startswith(_BOM):
        i = 1
    it = 0
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                if i >= n:
                    if detected == "exact":
                        detected = "prefix"
                    else:
                        reg.append(".*")
                        detected = "regexp"
                else:
                    # `**/**/` matches what `**/` matches: repeated, the groups would make a
                    # backtracking matcher try every split of the path (exponential)
                    if reg[-1] != "(.*/)?":
                        reg.append("(.*/)?")
                    detected = "regexp"
                if it == 0:
                    detected = "suffix"
            else:
                reg.append("[^/]*")
                detected = "regexp"
        elif ch == "?":
            reg.append("[^/]")
            detected = "regexp"
        elif ch in ".+()|{}$":
            reg.append("\\" + ch)
        elif ch == "\\":
            if i < n:
                reg.append("\\" + pattern[i])
                i += 1
                detected = "regexp"
            else:
                reg.append("\\")
        elif ch in "[]":
            reg.append(ch)
            detected = "regexp"
        else:
            reg.append(ch)
        it += 1
    return "".join(reg) + "$", detected


def _compile(p: IgnorePattern) -> None:
    go_re, kind = _go_regex_source(p.pattern)
    cleaned = p.pattern
    if kind == "exact":
        rx = re.escape(cleaned)
    elif kind == "prefix":
        rx = re.escape(cleaned[:-2]) + "(?s:.*)"
    elif kind == "suffix":
        suffix = cleaned[2:]
        rx = "(?s:.*)" + re.escape(suffix)
        if suffix.startswith("/"):
            rx = "(?:" + rx + "|" + re.escape(suffix[1:]) + ")"
    else:
        try:
            rx = translate(go_re)
        except GoRegexError as exc:
            p.kind = "bad"
            p.compile_error = str(exc)
            return
    p.kind = kind
    p.regex = rx


# --- reading ----------------------------------------------------------------------------


def _iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(line number, offset of the line start, line text) like bufio.ScanLines: split on
    ``\\n`` and drop one trailing ``\\r``; no final empty line."""
    pos = 0
    line_no = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line = text[pos:end]
        line = line.removesuffix("\r")
        yield line_no, pos, line
        line_no += 1
        pos = end + 1


def _new_pattern(
    raw_pattern: str, index: int, line: int, start: int, end: int, raw: str
) -> tuple[IgnorePattern | None, str | None]:
    """patternmatcher.New for one entry: (pattern, None) or (None, error message) or
    (None, None) for a pattern that New drops (blank)."""
    p = go_trim_space(raw_pattern)
    if p == "":
        return None, None
    p = go_clean(p)
    exclusion = False
    if p[0] == "!":
        if len(p) == 1:
            return None, 'illegal exclusion pattern: "!"'
        exclusion = True
        p = p[1:]
    err = go_pattern_error(p, check_rest=False)
    if err is not None:
        return None, err
    pat = IgnorePattern(index=index, line=line, start=start, end=end, raw=raw, pattern=p, exclusion=exclusion)
    _compile(pat)
    return pat, None


def parse_ignore_file(text: str) -> IgnoreFile:
    """Read a ``.dockerignore`` like ``ignorefile.ReadAll`` then ``patternmatcher.New``.

    Never raises: problems that make Docker reject the file are in ``IgnoreFile.errors``
    (and the offending line is left out of ``patterns``).
    """
    patterns: list[IgnorePattern] = []
    errors: list[IgnoreError] = []
    for line_no, line_start, line in _iter_lines(text):
        offset = line_start
        if line_no == 0 and line.startswith(_BOM):
            line = line[1:]
            offset += 1
        if len(line.encode("utf-8", "surrogatepass")) + 1 > _MAX_LINE_BYTES:
            errors.append(IgnoreError(line_no, offset, offset + len(line),
                                      "error reading .dockerignore: bufio.Scanner: token too long"))
            break  # ReadAll stops there
        if line.startswith("#"):
            continue
        pattern = go_trim_space(line)
        if pattern == "":
            continue
        lead = len(line) - len(line.lstrip(_GO_SPACE))
        start = offset + lead
        end = start + len(pattern)
        invert = pattern[0] == "!"
        if invert:
            pattern = go_trim_space(pattern[1:])
        if pattern:
            pattern = go_clean(pattern)
            if len(pattern) > 1 and pattern[0] == "/":
                pattern = pattern[1:]
        if invert:
            pattern = "!" + pattern
        pat, err = _new_pattern(pattern, len(patterns), line_no, start, end, text[start:end])
        if err is not None:
            errors.append(IgnoreError(line_no, start, end, err))
        elif pat is not None:
            patterns.append(pat)
    return IgnoreFile(patterns, errors, text)


def ignore_file_from_patterns(patterns: Iterable[str]) -> IgnoreFile:
    """An IgnoreFile from already-read pattern strings (``patternmatcher.New`` only)."""
    return parse_ignore_file("")._extended(list(patterns))


# --- matching ---------------------------------------------------------------------------

_LITERAL_CHARS = lazy_compile(r"[*?\[\]\\]")


def _alternation(patterns: list) -> tuple:
    """(fullmatch of one alternation, group number -> pattern index). Latest pattern first:
    Python's regex tries alternatives in order, so the branch that fullmatches is the last
    pattern matching the path, the one deciding the verdict when no pattern is bad."""
    ordered = patterns[::-1]
    rx = re.compile("|".join("(" + p.regex + ")" for p in ordered), re.ASCII)
    return rx.fullmatch, [0] + [p.index for p in ordered]


def _literal_head(pattern: str) -> str | None:
    """The first segment of a pattern when every path it matches starts with exactly that
    segment (plain text, then `/` or the end), else None."""
    head = pattern.split("/", 1)[0]
    if not head or _LITERAL_CHARS.search(head) or head.startswith(_BOM):
        return None
    return head


_UNBUILT = object()
GROUP_FROM = 256  # patterns from which matching goes by groups (below: one regex is faster)


class IgnoreFile:
    """A parsed ignore file and its matcher. See the module docstring."""

    def __init__(self, patterns: list[IgnorePattern], errors: list[IgnoreError], text: str = "") -> None:
        self.text = text
        self.patterns = patterns
        self.errors = errors
        self.has_exclusions = any(p.exclusion for p in patterns)
        self._has_bad = any(p.is_bad for p in patterns)
        self._combined: object = _UNBUILT  # compiled on first match: many copies are never matched
        self._build_prune()

    # -- construction helpers

    def _extended(self, extra: list[str]) -> IgnoreFile:
        patterns = list(self.patterns)
        errors = list(self.errors)
        for raw in extra:
            pat, err = _new_pattern(raw, len(patterns), -1, -1, -1, raw)
            if err is not None:
                errors.append(IgnoreError(-1, -1, -1, err))
            elif pat is not None:
                patterns.append(pat)
        return IgnoreFile(patterns, errors, self.text)

    def with_patterns(self, extra: Iterable[str]) -> IgnoreFile:
        """A copy with more patterns appended (as ``patternmatcher.New`` reads them; they
        get ``line == -1``). Used for the builder's ``!Dockerfile`` rule and "what if" checks."""
        return self._extended(list(extra))

    @property
    def is_valid(self) -> bool:
        """False when Docker refuses this file (see ``errors``)."""
        return not self.errors

    def _build_fast(self) -> None:
        good = [p for p in self.patterns if not p.is_bad]
        self._groups: dict[str | None, list] = {}
        self._grouped = len(good) >= GROUP_FROM
        if not good:
            self._combined = None
        elif not self._grouped:
            self._combined, self._group_to_index = _alternation(good)
        else:
            # Grouped by their first path segment when it is plain text (`dir1/*.log` can only
            # match under `dir1`), the others in one group: a path is tried against its first
            # segment's group and the wildcard group, not against every pattern, and a group is
            # compiled when a path first needs it (100,000 patterns: no 100,000-way regex).
            for p in good:
                self._groups.setdefault(_literal_head(p.pattern), []).append(p)
            self._combined = {}

    def _group_match(self, key: str | None, s: str) -> int:
        compiled = self._combined.get(key)  # type: ignore[union-attr]
        if compiled is None:
            members = self._groups.get(key)
            compiled = self._combined[key] = _alternation(members) if members else (None, ())  # type: ignore[index]
        fullmatch, group_to_index = compiled
        if fullmatch is None:
            return -1
        m = fullmatch(s)
        return -1 if m is None else group_to_index[m.lastindex]

    def _last_match(self, s: str) -> int:
        """Index of the last (good) pattern matching ``s`` itself, or -1."""
        if self._combined is _UNBUILT:
            self._build_fast()
        if self._combined is None:
            return -1
        if not self._grouped:
            m = self._combined(s)  # type: ignore[operator]
            return -1 if m is None else self._group_to_index[m.lastindex]  # type: ignore[index]
        return max(self._group_match(s.partition("/")[0], s), self._group_match(None, s))

    def last_match(self, path: str) -> int:
        """The index (``IgnorePattern.index``) of the last pattern matching ``path`` itself,
        parents aside, or -1; for files without bad patterns."""
        return self._last_match(path)

    # -- matching a single path (MatchesOrParentMatches)

    def verdict(self, path: str) -> Verdict:
        """Docker's verdict for ``path`` (slash-separated, relative to the context)."""
        parent = go_dir(path)
        state = self.root_state()
        if parent != ".":
            prefix: str | None = None
            for part in parent.split("/"):
                prefix = part if prefix is None else prefix + "/" + part
                state = self.dir_state(state, prefix)
        return self.verdict_in(state, path)

    def matches(self, path: str) -> bool:
        """True if Docker excludes ``path`` from the build context. Raises
        :class:`IgnoreMatchError` where Docker's matcher fails on this path."""
        v = self.verdict(path)
        if v.error is not None:
            assert v.pattern is not None
            raise IgnoreMatchError(path, v.pattern)
        return v.excluded

    def explain(self, path: str) -> IgnorePattern | None:
        """The last pattern matching ``path`` or a parent: the one that decided its verdict
        (None if no pattern applies, or where matching fails)."""
        v = self.verdict(path)
        return None if v.error else v.pattern

    # -- incremental matching for walkers
    #
    # A "state" summarises the matches of a directory and all its ancestors, so a walker
    # computes it once per directory. Without bad patterns it is the index of the last
    # pattern matching any ancestor (or -1); with bad patterns it is a tuple of
    # per-pattern booleans and the sequential algorithm is used.

    def root_state(self) -> object:
        return () if self._has_bad else -1

    def dir_state(self, parent_state: object, dirpath: str) -> object:
        """State for the directory ``dirpath`` given its parent's state."""
        if not self._has_bad:
            return max(parent_state, self._last_match(dirpath))  # type: ignore[call-overload]
        prev: tuple = parent_state or (False,) * len(self.patterns)  # type: ignore[assignment]
        return tuple(
            prev[i] or (not p.is_bad and p.match(dirpath)) for i, p in enumerate(self.patterns)
        )

    def verdict_in(self, parent_state: object, path: str) -> Verdict:
        """Verdict for ``path`` whose parent directory has state ``parent_state``."""
        if not self._has_bad:
            idx = max(parent_state, self._last_match(path))  # type: ignore[call-overload]
            if idx < 0:
                return Verdict(False)
            p = self.patterns[idx]
            return Verdict(not p.exclusion, p)
        anc: tuple = parent_state or (False,) * len(self.patterns)  # type: ignore[assignment]
        matched = False
        decided: IgnorePattern | None = None
        for i, p in enumerate(self.patterns):
            if p.exclusion != matched:
                continue
            if p.is_bad:
                return Verdict(False, p, f"syntax error in pattern: {p.compile_error}")
            if p.match(path) or anc[i]:
                matched = not p.exclusion
                decided = p
        return Verdict(matched, decided)

    # -- pruning

    def _build_prune(self) -> None:
        # For each exception pattern, the leading path segments that are plain text; an
        # excluded directory can be skipped when no exception could match below it.
        self._exception_prefixes: list[tuple[list[str], bool] | None] = []
        for p in self.patterns:
            if not p.exclusion:
                continue
            if p.is_bad:
                self._exception_prefixes.append(None)
                continue
            segs = p.pattern.split("/")
            literal: list[str] = []
            for s in segs:
                if _LITERAL_CHARS.search(s) or s.startswith(_BOM):
                    break
                literal.append(s)
            fully_literal = len(literal) == len(segs) and p.kind == "exact"
            self._exception_prefixes.append((literal, fully_literal))

    def can_prune(self, dirpath: str) -> bool:
        """True when no exception pattern can match ``dirpath/<anything>``, so an excluded
        directory need not be walked (the contents would all stay excluded)."""
        if not self.has_exclusions:
            return True
        dsegs = dirpath.split("/")
        for entry in self._exception_prefixes:
            if entry is None:
                return False
            literal, fully_literal = entry
            if fully_literal and len(literal) <= len(dsegs):
                continue  # matches only itself, which is not below dirpath
            k = min(len(literal), len(dsegs))
            if literal[:k] == dsegs[:k]:
                return False
        return True
