"""Re-parse a Dockerfile after one text edit, re-tokenising only the instructions it touches.

`reparse(old, new_text, start, old_end, new_len)`: the edit replaced `old.text[start:old_end]`
with `new_len` characters. Instructions before the edit are reused as they are; the scan
restarts one instruction before the edit and stops at the first old instruction boundary after
the edit where the fresh scan is in a clean state (top level, no pending comments) at exactly
the shifted offset. From there BuildKit's parser only reads forward with the same state
(escape character, directives done), so the old instructions are still right once their
offsets move by the length delta. Anything unusual falls back to a full `parse()`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter

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
    Word,
)


def reparse(old: Dockerfile, new_text: str, start: int, old_end: int, new_len: int) -> Dockerfile:
    try:
        result = _reparse(old, new_text, start, old_end, new_len)
    except Exception:  # noqa: BLE001 - never worse than a full parse
        result = None
    return result if result is not None else parser.parse(new_text)


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
    starts.extend([s + delta for s in old_starts[b:]])
    line_delta = len(starts) - len(old_starts)
    source = Source(new_text)
    source._line_starts = starts

    instructions = old.instructions
    n_old = len(instructions)
    # First instruction reaching the edit (instructions are ordered, so are their ends), then
    # one more back: the scan starts there.
    k = max(0, bisect_left(instructions, start, key=attrgetter("end")) - 1)
    if k == 0:
        region_line = first_free
    else:
        ins = instructions[k]
        region_line = ins.comments[0].line if ins.comments else bisect_right(old_starts, ins.head) - 1
    region_start = old_starts[region_line]
    if region_start > start:  # only when nothing precedes; be safe
        return None

    # Old clean boundaries after the edit: where instruction j (with its comments) begins.
    boundaries: list[tuple[int, int]] = []
    for j in range(k, n_old):
        ins = instructions[j]
        bline = ins.comments[0].line if ins.comments else bisect_right(old_starts, ins.head) - 1
        bpos = old_starts[bline]
        if bpos >= old_end and bpos > region_start:
            boundaries.append((bpos, j))

    lines = parser._Lines.__new__(parser._Lines)
    lines.text = new_text
    lines.starts = starts
    lines.count = len(starts)
    if lines.count > 1 and starts[-1] == len(new_text):
        lines.count -= 1
    state = parser._State()
    state.escape = old.escape
    state.directives_done = True
    state.directives = dict(old.directives)
    middle: list[Instruction] = []
    middle_comments: list[Comment] = []
    i = region_line
    bi = 0
    resume_at = n_old  # old instruction index from which the suffix is reused
    resume_pos = len(old_text)
    while True:
        if bi >= len(boundaries):
            r = parser._scan(lines, i, state, middle, middle_comments)
            break
        bpos, j = boundaries[bi]
        target = bpos + delta
        r = parser._scan(lines, i, state, middle, middle_comments, stop_at=target)
        if r >= 0:
            break  # reached the end of the text
        i = -r - 1
        pos = starts[i]
        if pos == target:
            resume_at, resume_pos = j, bpos
            break
        while bi < len(boundaries) and boundaries[bi][0] + delta < pos:
            bi += 1
    if state.directives != old.directives or state.escape != old.escape:
        return None

    # Comments and errors: keep those before the region, take the scan's, shift those after.
    cmap: dict[int, Comment] = {}
    comments = [c for c in old.comments if c.start < region_start]
    comments.extend(middle_comments)
    for c in old.comments[bisect_left([c.start for c in old.comments], resume_pos):] if old.comments else ():
        nc = Comment(c.text, c.start + delta, c.end + delta, c.line + line_delta)
        cmap[id(c)] = nc
        comments.append(nc)
    errors = [e for e in old.errors if e.start < region_start]
    errors.extend(state.errors)
    errors.extend(ParseError(e.code, e.message, e.start + delta, e.end + delta)
                  for e in old.errors if e.start >= resume_pos)

    out = instructions[:k]
    out.extend(middle)
    out.extend(_shift_instruction(ins, delta, cmap) for ins in instructions[resume_at:])
    for idx in range(k, len(out)):
        out[idx].index = idx
    df = Dockerfile(source, out, comments, dict(old.directives), errors, escape=old.escape,
                    directives_end=old.directives_end, had_bom=old.had_bom,
                    invalid_utf8=old.invalid_utf8)
    df.reparsed = (len(middle), k, resume_at)  # type: ignore[attr-defined]  # for tests/metrics
    return df


def _w(w: Word, d: int) -> Word:
    return Word(w.value, w.start + d, w.end + d)


def _shift_instruction(ins: Instruction, d: int, cmap: dict[int, Comment], sub: bool = False) -> Instruction:
    new = object.__new__(Instruction)
    state = dict(ins.__dict__)
    new.__dict__.update(state)
    new.start = ins.start + d
    new.end = ins.end + d
    new.keyword_end = ins.keyword_end + d
    if not sub:  # the parser leaves ONBUILD's inner head/tail at 0
        new.head = ins.head + d
        new.tail = ins.tail + d
    new.line = ins.line.shifted(d) if isinstance(ins.line, Joined) else ins.line
    if ins.flags:
        new.flags = tuple(Flag(f.name, f.value, f.start + d, f.end + d, f.value_start + d, f.value_end + d)
                          for f in ins.flags)
    if ins.words:
        new.words = tuple(Word(w.value, w.start + d, w.end + d) for w in ins.words)
    if ins.pairs:
        new.pairs = tuple(KeyValue(_w(p.key, d), _w(p.value, d) if p.value is not None else None, p.equals)
                          for p in ins.pairs)
    if ins.heredocs:
        new.heredocs = tuple(Heredoc(h.name, h.chomp, h.quoted, h.fd, _w(h.marker, d), h.content,
                                     h.body_start + d, h.body_end + d, h.end + d, h.terminated)
                             for h in ins.heredocs)
    if ins.comments:
        new.comments = tuple(cmap.get(id(c)) or Comment(c.text, c.start + d, c.end + d, c.line) for c in ins.comments)
    if ins.sub is not None:
        new.sub = _shift_instruction(ins.sub, d, cmap, True)
        if ins.sub.heredocs and ins.heredocs:
            new.sub.heredocs = new.heredocs  # the parser shares one tuple between the two
    new.stage = None
    # the shell analysis depends only on the instruction's own text: move it with the text
    new._script = ins._script.shifted(d) if ins._script is not None else None
    return new
