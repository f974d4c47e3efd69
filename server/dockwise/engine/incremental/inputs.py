"""Findings kept between checks of an edited document, for rules that say what they read.

A rule whose `inputs` name instruction keywords judges a file from the instructions with those
keywords plus the skeleton every rule may lean on (FROM, ARG, ENV, SHELL and ONBUILD: the
stages and the variables). With `programs` as well, it reads RUN instructions only through
commands running one of those programs. After an edit, the instructions it touched (as they
were and as they are) are compared with what each such rule reads; a rule that reads none of
them gets its findings of the last check back, moved by the edit, without running.

Most keystrokes land in one RUN: the rules about COPY, LABEL, FROM tags, ports or users — and
those about programs the RUN does not run — then cost nothing. `tests/engine/test_input_memo.py`
holds every declaration to it over the corpus (instructions deleted, repeated, inserted and
rewritten) and random edits to the memo against fresh checks.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter

from ...dockerfile import Dockerfile
from ...dockerfile.model import Instruction
from ...source import common_prefix, common_suffix
from ..diagnostic import Diagnostic
from ..dispatch import programs_run
from ..rule import SKELETON, Inputs, Rule, inputs_of
from .stages import moved, spans


@dataclass(frozen=True, slots=True)
class Change:
    """How one text became another: `text[start:old_end]` was replaced, moving what followed by
    `delta`. `keywords` of the instructions in that span before and after, and `programs` the
    RUNs among them run; None where that is not known (then every rule runs again)."""

    start: int
    old_end: int
    delta: int
    keywords: frozenset[str] | None
    programs: frozenset[str] | None

    def spares(self, reads: Inputs) -> bool:
        """Whether the findings of a rule reading `reads` cannot have changed (apart from moving)."""
        if reads.keywords is None or self.keywords is None:
            return False
        touched = self.keywords & (reads.keywords | SKELETON)
        if not touched:
            return True
        return (touched == {"RUN"} and reads.programs is not None and self.programs is not None
                and not (self.programs & reads.programs))


def change_between(old: Dockerfile, new: Dockerfile) -> Change:
    a, b = old.text, new.text
    start = common_prefix(a, b)
    same_end = common_suffix(a, b, min(len(a), len(b)) - start)
    old_end, new_end = len(a) - same_end, len(b) - same_end
    delta = len(b) - len(a)
    unknown = Change(start, old_end, delta, None, None)
    if (old.escape != new.escape or old.directives != new.directives or old.had_bom != new.had_bom
            or old.source.newline != new.source.newline  # fixes insert lines with it
            or start <= max(old.directives_end, new.directives_end)):
        return unknown
    i, j = _touching(old.instructions, start, old_end)
    k, m = _touching(new.instructions, start, new_end)
    # The same instructions before the span; after it, the same ones moved by `delta`: from an
    # instruction's beginning at the same place in the same text on, the parser reads alike.
    if i != k or len(old.instructions) - j != len(new.instructions) - m:
        return unknown
    if j < len(old.instructions):
        before, after = old.instructions[j], new.instructions[m]
        if _begin(before) + delta != _begin(after) or before.keyword != after.keyword:
            return unknown
    changed = [(old, ins) for ins in old.instructions[i:j]] + [(new, ins) for ins in new.instructions[k:m]]
    keywords: set[str] = set()
    programs: set[str] | None = set()
    for df, ins in changed:
        for one in (ins, ins.sub):
            if one is None:
                continue
            keywords.add(one.keyword)
            if one.keyword == "RUN" and programs is not None:
                script = df.script(one)
                programs = None if script is None else programs | programs_run(script)
    return Change(start, old_end, delta, frozenset(keywords), None if programs is None else frozenset(programs))


def _touching(instructions: list[Instruction], start: int, end: int) -> tuple[int, int]:
    """[i, j): the instructions an edit of [start, end) may have touched. Those before i end
    (line break excluded) before `start`; those from j on begin (with the comments above them)
    at `end` or later."""
    i = j = bisect_left(instructions, start, key=attrgetter("end"))  # in text order, so are their ends
    while j < len(instructions) and _begin(instructions[j]) < end:
        j += 1
    return i, j


def _reach(d: Diagnostic) -> tuple[int, int]:
    """The lowest and highest offset a finding holds in this file."""
    if d.fix is None and not d.related:
        return d.start, d.end
    held = list(spans(d))
    return min(a for a, _ in held), max(b for _, b in held)


def _begin(ins: Instruction) -> int:
    return ins.comments[0].start if ins.comments else ins.head


class InputMemo:
    """The last check's findings of rules that declare what they read, for one document."""

    def __init__(self) -> None:
        self.signature: object = None
        self.model: Dockerfile | None = None
        self.found: dict[str, list[Diagnostic]] = {}
        self._change: Change | None = None
        self._next: dict[str, list[Diagnostic]] = {}
        self._current: Dockerfile | None = None
        self.spared: list[str] = []  # the rules the last check did not run (for tests and benchmarks)

    def begin(self, df: Dockerfile, signature: object) -> None:
        """A check of `df` starts; `signature` names what else findings depend on."""
        if signature != self.signature:
            self.signature = signature
            self.model, self.found = None, {}
        self._current, self._change, self._next = df, None, {}
        self.spared = []

    def reuse(self, rule: Rule) -> list[Diagnostic] | None:
        """The rule's findings on the current model, if the last check's still hold."""
        kept = self.found.get(rule.code)
        reads = inputs_of(rule)
        if kept is None or reads.keywords is None or rule.needs_context or self.model is None:
            return None
        if self._change is None:
            self._change = change_between(self.model, self._current)
        change = self._change
        if not change.spares(reads):
            return None
        out = kept
        if change.delta or change.start != change.old_end:
            out = []
            start, old_end, high = change.start, change.old_end, len(self.model.text)
            for d in kept:
                low, top = _reach(d)
                if top < start:
                    out.append(d)  # wholly before the edit: as it was
                    continue
                # A finding, fix edit or pointer reaching the edited text was made from it: run again.
                if low <= old_end and (top >= start if d.fix is None and not d.related
                                       else any(a <= old_end and b >= start for a, b in spans(d))):
                    return None
                # Offsets before the edit stay, those after it move.
                m = moved(d, start, old_end + 1, high, change.delta)
                if m is None:
                    return None
                out.append(m)
        self.spared.append(rule.code)
        return out

    def keep(self, code: str, found: list[Diagnostic]) -> None:
        self._next[code] = found

    def end(self) -> None:
        """The check is done: what it kept is what the next one may reuse."""
        self.model, self.found = self._current, self._next
        self._current, self._next, self._change = None, {}, None
