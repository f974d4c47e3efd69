"""Apply fixes like ruff: non-overlapping fixes per pass, re-check, repeat until stable."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .check import run
from .diagnostic import Applicability, Diagnostic, Edit, FileEdit, Fix

MAX_PASSES = 10


@dataclass
class FixOutcome:
    text: str
    applied: list[tuple[str, str]] = field(default_factory=list)   # (code, fix title)
    remaining: list[Diagnostic] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # could not apply (conflicts)
    passes: int = 0
    other_files: list[FileEdit] = field(default_factory=list)      # e.g. patterns for .dockerignore

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Edits must be sorted and non-overlapping."""
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def allowed(fix: Fix, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def select_compatible(fixes: list[tuple[str, Fix]]) -> tuple[list[tuple[str, Fix]], list[tuple[str, Fix]]]:
    """Greedy by position: take a fix unless its edits touch an edit already taken.
    The taken edits are disjoint, so sorted by start they are sorted by end too: one bisection
    per edit finds the only one it could touch (n log n for a file with a fix on every line)."""
    taken: list[tuple[str, Fix]] = []
    starts: list[int] = []
    ends: list[int] = []
    rest = []

    def touches(e: Edit) -> bool:
        i = bisect.bisect_right(starts, e.end)  # taken edits starting at or before e.end
        return i > 0 and ends[i - 1] >= e.start

    for code, fix in sorted(fixes, key=lambda cf: (cf[1].span, cf[0])):
        if any(touches(e) for e in fix.edits):
            rest.append((code, fix))
            continue
        taken.append((code, fix))
        for e in fix.edits:
            i = bisect.bisect_right(starts, e.start)
            starts.insert(i, e.start)
            ends.insert(i, e.end)
    return taken, rest


def _collect_other_files(outcome: FixOutcome, diags: list[Diagnostic], unsafe: bool, seen: set) -> None:
    """Edits to other files are gathered once (they do not change this text, so a re-check
    would offer them again); the caller writes them. One creation per file per run."""
    created = {fe.path for fe in outcome.other_files if fe.create}
    for d in diags:
        if d.fix is None or not d.fix.other_files or not allowed(d.fix, unsafe):
            continue
        for fe in d.fix.other_files:
            key = (fe.path, fe.create, tuple((e.start, e.end, e.text) for e in fe.edits))
            if key in seen or (fe.create and fe.path in created):
                continue
            seen.add(key)
            if fe.create:
                created.add(fe.path)
            outcome.other_files.append(fe)
            if not d.fix.edits:
                outcome.applied.append((d.code, d.fix.title))


def merged_file_edits(file_edits: list[FileEdit]) -> dict[str, tuple[bool, list[Edit]]]:
    """Per path: (may create, sorted edits), dropping edits that overlap an earlier one."""
    out: dict[str, tuple[bool, list[Edit]]] = {}
    for fe in file_edits:
        create, edits = out.get(fe.path, (False, []))
        for e in fe.edits:
            if any(e.start < o.end and o.start < e.end for o in edits):
                continue
            edits.append(e)
        out[fe.path] = (create or fe.create, edits)
    return {p: (c, _joined_insertions(sorted(es, key=lambda e: (e.start, e.end)))) for p, (c, es) in out.items()}


def _joined_insertions(edits: list[Edit]) -> list[Edit]:
    """Insertions at one offset as one edit. Each appends whole lines to a file that may lack a
    final newline, so each may start with the line break that closes the last line: once the
    first has closed it, the others must not open an empty line."""
    out: list[Edit] = []
    for e in edits:
        last = out[-1] if out else None
        if last is not None and last.start == last.end == e.start == e.end:
            text = e.text
            if last.text.endswith("\n"):
                text = text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text
            out[-1] = Edit(e.start, e.end, last.text + text)
        else:
            out.append(e)
    return out


def fix_text(text: str, path: str, config=None, *, unsafe: bool = False, first=None, **kw) -> FixOutcome:
    """Apply fixes until none is left. `first`: the diagnostics of `text` under the same
    configuration, when the caller has them (the language server's last check): the first pass
    then does not check the text again."""
    outcome = FixOutcome(text)
    seen_texts = {text}
    seen_other: set = set()
    applied_at: set = set()
    for _ in range(MAX_PASSES):
        found = first if first is not None else run(outcome.text, path, config, **kw).diagnostics
        first = None
        _collect_other_files(outcome, found, unsafe, seen_other)
        fixes = []
        for d in found:
            if d.fix is None or not d.fix.edits or not allowed(d.fix, unsafe):
                continue
            # A fix offered again on the same line after it was applied did not cure its
            # finding (e.g. text appended inside a trailing comment): never apply it twice.
            key = (d.code, d.message, d.fix.title, d.line, tuple(e.text for e in d.fix.edits))
            if key in applied_at:
                outcome.skipped.append((d.code, d.fix.title))
                continue
            fixes.append((d.code, d.fix, key))
        outcome.remaining = found
        if not fixes:
            break
        keys = {id(f): key for _, f, key in fixes}
        taken, _ = select_compatible([(c, f) for c, f, _ in fixes])
        applied_at.update(keys[id(f)] for _, f in taken)
        edits = sorted((e for _, f in taken for e in f.edits), key=lambda e: (e.start, e.end))
        new_text = apply_edits(outcome.text, edits)
        outcome.passes += 1
        if new_text in seen_texts:  # a fix that undoes another: stop rather than loop
            outcome.skipped.extend((c, f.title) for c, f in taken)
            break
        seen_texts.add(new_text)
        outcome.applied.extend((c, f.title) for c, f in taken)
        outcome.text = new_text
    else:
        result = run(outcome.text, path, config, **kw)
        outcome.remaining = result.diagnostics
        outcome.skipped.extend((d.code, d.fix.title) for d in result.diagnostics
                               if d.fix is not None and allowed(d.fix, unsafe))
    return outcome
