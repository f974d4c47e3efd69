"""Re-parse a Dockerfile after one text edit, re-tokenising only the instructions it touches:
how `parse(new_text, resume_from=old, edit=(start, old_end, new_len))` works.

`resume(old, new_text, start, old_end, new_len)`: the edit replaced `old.text[start:old_end]`
with `new_len` characters. Instructions before the edit are reused as they are; the scan
restarts one instruction before the edit and stops at the first old instruction boundary after
the edit where the fresh scan is in a clean state (top level, no pending comments) at exactly
the shifted offset. From there BuildKit's parser only reads forward with the same state
(escape character, directives done), so the old instructions are still right once their
offsets move by the length delta. Anything unusual falls back to a full `parse()`.

An edit costs what it touches: the instructions and comments after it are not copied. The new
model keeps them as runs of the old lists with the distance they moved (`Runs`), and makes its
`instructions` and `comments` lists only when something reads them (a check, once for all the
edits since the last one). Even then an instruction after the edit is a `Moved` stand-in that
copies its positions, moved, the first time one of them is read: rules that look only at
keywords and arguments never pay for moving it.
"""

from __future__ import annotations

import copy
import weakref
from bisect import bisect_left, bisect_right

from ..source import Source
from . import parser
from .joined import Joined
from .model import (
    Comment,
    Dockerfile,
    Flag,
    Heredoc,
    Instruction,
    KeyValue,
    ParseError,
    Resumed,
    Word,
)
from .stages import link_stages

# How many instructions had their positions moved (a `Moved` made real); for tests that bound
# the work an edit does.
moved_count = 0


def resume(old: Dockerfile, new_text: str, start: int, old_end: int, new_len: int) -> Dockerfile:
    try:
        result = _reparse(old, new_text, start, old_end, new_len)
    except Exception:  # noqa: BLE001 - never worse than a full parse
        result = None
    return result if result is not None else parser.parse(new_text)


class Runs:
    """A model's instructions (or comments) not made yet: runs `(items, lo, hi, delta, lines)`
    of lists already made, whose members lie `delta` characters and `lines` lines from where
    their own positions say. An edit cuts the runs at its ends and adds its delta to those
    after it: O(number of runs), never O(instructions)."""

    __slots__ = ("runs", "size")

    def __init__(self, runs: list[tuple[list, int, int, int, int]]) -> None:
        self.runs = [r for r in runs if r[2] > r[1]]
        self.size = sum(r[2] - r[1] for r in self.runs)

    @classmethod
    def of(cls, df: Dockerfile, name: str) -> "Runs":
        """The instructions or comments of a model, made or not, as runs."""
        resumed = df.resumed
        if resumed is not None and resumed.pending is not None:
            return resumed.pending[0 if name == "instructions" else 1]
        items = getattr(df, name)
        return cls([(items, 0, len(items), 0, 0)])

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i: int) -> tuple[object, int, int]:
        """(the item as stored, its delta, its line delta)."""
        if i < 0:
            i += self.size
        for items, lo, hi, d, ld in self.runs:
            if i < hi - lo:
                return items[lo + i], d, ld
            i -= hi - lo
        raise IndexError(i)

    def cut(self, a: int, b: int, delta: int = 0, lines: int = 0) -> list[tuple[list, int, int, int, int]]:
        """Runs covering items [a, b), moved by a further `delta` and `lines`."""
        out = []
        pos = 0
        for items, lo, hi, d, ld in self.runs:
            n = hi - lo
            x, y = max(a - pos, 0), min(b - pos, n)
            if x < y:
                out.append((items, lo + x, lo + y, d + delta, ld + lines))
            pos += n
            if pos >= b:
                break
        return out


def _make_instructions(runs: Runs) -> list[Instruction]:
    out: list[Instruction] = []
    for items, lo, hi, d, ld in runs.runs:
        # unmoved and at their own index (a list's indexes are consecutive): as they are
        if d == 0 and ld == 0 and items[lo].index == len(out):
            out.extend(items[lo:hi])
            continue
        for ins in items[lo:hi]:
            position = len(out)
            if d == 0 and ld == 0 and ins.index == position:
                out.append(ins)
            else:
                out.append(_moved(ins, d, ld, position))
    return out


def _make_comments(runs: Runs) -> list[Comment]:
    out: list[Comment] = []
    for items, lo, hi, d, ld in runs.runs:
        if d == 0 and ld == 0:
            out.extend(items[lo:hi])
        else:
            out.extend(Comment(c.text, c.start + d, c.end + d, c.line + ld) for c in items[lo:hi])
    return out


def complete(df: Dockerfile) -> None:
    """Make a resumed model's lists and link its stages: the rest of its parse, done when
    something first reads them (`Dockerfile.__getattr__`)."""
    instructions, comments = df.resumed.pending
    df.resumed.pending = None
    df.instructions = _make_instructions(instructions)
    df.comments = _make_comments(comments)
    link_stages(df)


def _begin_line(ins: Instruction, d: int, ld: int, starts: list[int]) -> int:
    """The old line where an instruction (with the comments above it) begins."""
    return ins.comments[0].line + ld if ins.comments else bisect_right(starts, ins.head + d) - 1


def _reparse(old: Dockerfile, new_text: str, start: int, old_end: int, new_len: int) -> Dockerfile | None:
    old_text = old.text
    if not (0 <= start <= old_end <= len(old_text)) or start + new_len > len(new_text):
        return None
    delta = new_len - (old_end - start)
    if len(old_text) + delta != len(new_text) or old.had_bom != new_text.startswith("\ufeff"):
        return None
    old_starts = old.source.line_starts
    # The first line after the directives block may become a directive: parse it all again.
    first_free = bisect_right(old_starts, old.directives_end) - 1
    if first_free + 1 >= len(old_starts) or start < old_starts[first_free + 1] or start == 0:
        return None

    # New line index: unchanged before the edit, recomputed inside it, shifted after it.
    a = bisect_right(old_starts, start)
    starts = old_starts[:a]
    find = new_text.find
    p = find("\n", start, start + new_len)
    while p != -1:
        starts.append(p + 1)
        p = find("\n", p + 1, start + new_len)
    b = bisect_right(old_starts, old_end)
    starts.extend(map(delta.__add__, old_starts[b:]))
    line_delta = len(starts) - len(old_starts)
    source = Source(new_text)
    source._line_starts = starts

    instructions = Runs.of(old, "instructions")
    n_old = len(instructions)
    # First instruction reaching the edit (instructions are ordered, so are their ends), then
    # one more back: the scan starts there.
    k = max(0, bisect_left(instructions, start, key=lambda item: item[0].end + item[1]) - 1)
    if k == 0:
        region_line = first_free
    else:
        region_line = _begin_line(*instructions[k], old_starts)
    region_start = old_starts[region_line]
    if region_start > start:  # only when nothing precedes; be safe
        return None

    lines = parser._Lines(new_text, starts)
    state = parser._State(old.escape, old.directives)
    middle: list[Instruction] = []
    middle_comments: list[Comment] = []
    i = region_line
    j = k  # the next old instruction whose beginning may be a clean boundary
    resume_at = n_old  # old instruction index from which the suffix is reused
    resume_pos = len(old_text)
    while True:
        # The next old clean boundary after the edit: where instruction j (with its comments) begins.
        bpos = None
        while j < n_old:
            bpos = old_starts[_begin_line(*instructions[j], old_starts)]
            if bpos >= old_end and bpos > region_start:
                break
            j += 1
        if j >= n_old:
            parser._scan(lines, i, state, middle, middle_comments)
            break
        target = bpos + delta
        r = parser._scan(lines, i, state, middle, middle_comments, stop_at=target)
        if r >= 0:
            break  # reached the end of the text
        i = -r - 1
        pos = starts[i]
        if pos == target:
            resume_at, resume_pos = j, bpos
            break
        j += 1
        while j < n_old and old_starts[_begin_line(*instructions[j], old_starts)] + delta < pos:
            j += 1
    if state.directives != old.directives or state.escape != old.escape:
        return None

    # Comments and errors: keep those before the region, take the scan's, move those after.
    comments = Runs.of(old, "comments")
    before = bisect_left(comments, region_start, key=lambda item: item[0].start + item[1])
    after = bisect_left(comments, resume_pos, key=lambda item: item[0].start + item[1])
    errors = [e for e in old.errors if e.start < region_start]
    errors.extend(state.errors)
    errors.extend(ParseError(e.code, e.message, e.start + delta, e.end + delta)
                  for e in old.errors if e.start >= resume_pos)

    for idx, ins in enumerate(middle, k):
        ins.index = idx
    # The lists are made on first use (`complete`). What the edit replaced is kept for
    # analyses that may carry their answer over from the old model (`Resumed.edited`).
    pending = (Runs(instructions.cut(0, k) + [(middle, 0, len(middle), 0, 0)]
                    + instructions.cut(resume_at, n_old, delta, line_delta)),
               Runs(comments.cut(0, before) + [(middle_comments, 0, len(middle_comments), 0, 0)]
                    + comments.cut(after, len(comments), delta, line_delta)))
    return Dockerfile(source, None, None, dict(old.directives), errors, escape=old.escape,
                      directives_end=old.directives_end, had_bom=old.had_bom, invalid_utf8=old.invalid_utf8,
                      resumed=Resumed(weakref.ref(old), k, resume_at, len(middle), pending))


# The fields of an instruction that hold offsets or lines: a `Moved` copies them on first use.
POSITIONAL = ("start", "end", "keyword_end", "line", "flags", "words", "pairs", "heredocs", "comments",
              "head", "tail", "sub", "_script")
# Read lazily; `sub` is not, since every walk of `all_instructions()` asks whether there is one
# (an ONBUILD is moved at once instead).
LAZY = tuple(name for name in POSITIONAL if name != "sub")
# The others, which an edit elsewhere does not change: a `Moved` has them from the start.
PLAIN = ("keyword", "raw_keyword", "rest", "rest_index", "args", "json", "empty_continuation")


# Moved together: what one read needs (the offsets are cheap; a shell analysis is not).
GROUPS = {"start": "offsets", "end": "offsets", "keyword_end": "offsets", "head": "offsets", "tail": "offsets",
          "line": "line", "flags": "flags", "words": "words", "pairs": "pairs", "heredocs": "heredocs",
          "comments": "comments", "_script": "_script"}


class Moved(Instruction):
    """An instruction after an edit, made from the old one (`_moving`). Reading a positional
    field copies it (with the fields of its group), moved; once every group has been read the
    object becomes a plain Instruction. Keywords and arguments are read without any of that:
    most rules look at every instruction's keyword but at the flags, words or shell analysis
    of few."""

    _moving: "_Moving"

    def script_as_parsed(self):
        mine = self.__dict__
        return mine["_script"] if "_script" in mine else self._moving.origin._script

    def __repr__(self) -> str:
        for name in LAZY:
            getattr(self, name)
        return repr(self)


class _Moving:
    """What a `Moved` has still to copy: from `origin`, moved by `delta` characters and `lines`
    lines; `left` groups of fields are not copied yet."""

    __slots__ = ("origin", "delta", "lines", "left")


def _positional(name: str) -> property:
    """A positional field of a `Moved`: copied (moved) on first use. The copy is stored as the
    instance's own attribute, under the field's name: where the plain Instruction it becomes
    keeps it (the property, on `Moved` alone, hides it until then)."""
    group = GROUPS[name]

    def get(self):
        mine = self.__dict__
        if name in mine:
            return mine[name]
        _move_group(self, group)
        return mine[name]

    def put(self, value):
        if name not in self.__dict__:
            _move_group(self, group)
        self.__dict__[name] = value

    return property(get, put)


for _name in LAZY:
    setattr(Moved, _name, _positional(_name))
# The first field of each group: whether the group was copied.
FIRST = {group: next(name for name, g in GROUPS.items() if g == group) for group in set(GROUPS.values())}


def _move_group(new: Moved, group: str) -> None:
    """Copy one group of positional fields from the origin, moved; the last one makes `new` a
    plain Instruction."""
    global moved_count
    moving = new._moving
    if moving.left == GROUP_COUNT:
        moved_count += 1
    # stored as the instance's own attributes (not through setattr: the properties would move again)
    new.__dict__.update(_MOVERS[group](moving.origin, moving.delta, moving.lines))
    moving.left -= 1
    if not moving.left:
        del new._moving
        new.__class__ = Instruction


def _settle(new: Instruction) -> None:
    """Move every field now (tests, and anything that copies an instruction's state)."""
    if type(new) is Moved:
        for group, first in FIRST.items():
            if type(new) is Moved and first not in new.__dict__:
                _move_group(new, group)


def _moved(ins: Instruction, d: int, ld: int, index: int) -> Instruction:
    if type(ins) is Moved:  # still not made: move its origin by both edits at once
        moving = ins._moving
        d += moving.delta
        ld += moving.lines
        ins = moving.origin
    new = object.__new__(Moved)
    new.keyword = ins.keyword  # PLAIN: the same after an edit elsewhere
    new.raw_keyword = ins.raw_keyword
    new.rest = ins.rest
    new.rest_index = ins.rest_index
    new.args = ins.args
    new.json = ins.json
    new.empty_continuation = ins.empty_continuation
    new.index = index
    if ins.sub is not None:  # an ONBUILD: moved now
        global moved_count
        moved_count += 1
        new.__class__ = Instruction
        for name, value in _shifted_fields(ins, d, ld).items():
            setattr(new, name, value)
        return new
    new.sub = None
    moving = new._moving = _Moving()
    moving.origin = ins
    moving.delta = d
    moving.lines = ld
    moving.left = GROUP_COUNT
    return new


def _w(w: Word, d: int) -> Word:
    return Word(w.value, w.start + d, w.end + d)


def _shifted_fields(ins: Instruction, d: int, ld: int, sub: bool = False) -> dict:
    """The positional fields of `ins` moved by `d` characters and `ld` lines."""
    if d == 0 and ld == 0:
        return {name: getattr(ins, name) for name in POSITIONAL}
    ins.start  # noqa: B018 - a Moved origin (an ONBUILD's) settles first
    out = {"start": ins.start + d, "end": ins.end + d, "keyword_end": ins.keyword_end + d,
           "head": ins.head, "tail": ins.tail, "flags": ins.flags, "words": ins.words, "pairs": ins.pairs,
           "heredocs": ins.heredocs, "comments": ins.comments, "sub": None, "_script": None}
    if not sub:  # the parser leaves ONBUILD's inner head/tail at 0
        out["head"] = ins.head + d
        out["tail"] = ins.tail + d
    out["line"] = ins.line.shifted(d) if isinstance(ins.line, Joined) else ins.line
    if ins.flags:
        out["flags"] = tuple(Flag(f.name, f.value, f.start + d, f.end + d, f.value_start + d, f.value_end + d)
                             for f in ins.flags)
    if ins.words:
        out["words"] = tuple(Word(w.value, w.start + d, w.end + d) for w in ins.words)
    if ins.pairs:
        out["pairs"] = tuple(KeyValue(_w(p.key, d), _w(p.value, d) if p.value is not None else None, p.equals)
                             for p in ins.pairs)
    if ins.heredocs:
        out["heredocs"] = tuple(Heredoc(h.name, h.chomp, h.quoted, h.fd, _w(h.marker, d), h.content,
                                        h.body_start + d, h.body_end + d, h.end + d, h.terminated)
                                for h in ins.heredocs)
    if ins.comments:
        out["comments"] = tuple(Comment(c.text, c.start + d, c.end + d, c.line + ld) for c in ins.comments)
    if ins.sub is not None:
        inner = copy.copy(ins.sub)
        for name, value in _shifted_fields(ins.sub, d, ld, True).items():
            setattr(inner, name, value)
        inner.stage = None
        if ins.sub.heredocs and ins.heredocs:
            inner.heredocs = out["heredocs"]  # the parser shares one tuple between the two
        out["sub"] = inner
    # the shell analysis depends only on the instruction's own text: move it with the text
    out["_script"] = ins._script.shifted(d) if ins._script is not None else None
    return out


def _offsets(ins: Instruction, d: int, ld: int) -> dict:
    return {"start": ins.start + d, "end": ins.end + d, "keyword_end": ins.keyword_end + d,
            "head": ins.head + d, "tail": ins.tail + d}


def _line(ins: Instruction, d: int, ld: int) -> dict:
    return {"line": ins.line.shifted(d) if isinstance(ins.line, Joined) and d else ins.line}


def _flags(ins: Instruction, d: int, ld: int) -> dict:
    if not ins.flags or not d:
        return {"flags": ins.flags}
    return {"flags": tuple(Flag(f.name, f.value, f.start + d, f.end + d, f.value_start + d, f.value_end + d)
                           for f in ins.flags)}


def _words(ins: Instruction, d: int, ld: int) -> dict:
    if not ins.words or not d:
        return {"words": ins.words}
    return {"words": tuple(Word(w.value, w.start + d, w.end + d) for w in ins.words)}


def _pairs(ins: Instruction, d: int, ld: int) -> dict:
    if not ins.pairs or not d:
        return {"pairs": ins.pairs}
    return {"pairs": tuple(KeyValue(_w(p.key, d), _w(p.value, d) if p.value is not None else None, p.equals)
                           for p in ins.pairs)}


def _heredocs(ins: Instruction, d: int, ld: int) -> dict:
    if not ins.heredocs or not d:
        return {"heredocs": ins.heredocs}
    return {"heredocs": tuple(Heredoc(h.name, h.chomp, h.quoted, h.fd, _w(h.marker, d), h.content,
                                      h.body_start + d, h.body_end + d, h.end + d, h.terminated)
                              for h in ins.heredocs)}


def _comments(ins: Instruction, d: int, ld: int) -> dict:
    if not ins.comments or not (d or ld):
        return {"comments": ins.comments}
    return {"comments": tuple(Comment(c.text, c.start + d, c.end + d, c.line + ld) for c in ins.comments)}


def _script(ins: Instruction, d: int, ld: int) -> dict:
    # the shell analysis depends only on the instruction's own text: move it with the text
    script = ins._script
    return {"_script": script.shifted(d) if script is not None and d else script}


_MOVERS = {"offsets": _offsets, "line": _line, "flags": _flags, "words": _words, "pairs": _pairs,
           "heredocs": _heredocs, "comments": _comments, "_script": _script}
GROUP_NAMES = frozenset(_MOVERS)
GROUP_COUNT = len(GROUP_NAMES)
