"""Stage-local rule results kept between checks of an edited document (the language server).

A rule with `Scope.STAGE` inputs judges each stage from the stage's own text, the stages it is
built FROM (a Windows base, inherited settings) and the preamble (parser directives and
global ARGs before the first FROM); it judges the preamble from the preamble alone. So a file
splits into units — the preamble, then each stage from its FROM line to the next — and the
rule's findings on the file are the union of its findings on each unit's sub-file.
`tests/engine/test_stage_memo.py` holds every rule marked so to that, over the corpus and
over concatenations of corpus files.

An edit changes one unit (or a stage others are built FROM, which changes theirs too); the
memo re-checks those units' sub-files (a few dozen lines each) and re-uses the others'
findings, shifted when the edit moved them. On a 5,000-line file this turns most of the
rules' cost per keystroke into the cost of one stage.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ...dockerfile import Dockerfile, parse
from ..diagnostic import Diagnostic, DiagnosticDraft, Edit, Fix, Related
from ..check import run_rules
from ..rule import Rule, RuleContext

PREAMBLE, MIDDLE, LAST = "preamble", "middle", "last"


@dataclass(frozen=True, slots=True)
class Unit:
    """`parts`: the spans of the file its sub-file is made of, in order: the preamble, the
    stages it is built FROM, and last its own span."""

    parts: tuple[tuple[int, int], ...]
    kind: str  # PREAMBLE, MIDDLE or LAST (the last one also owns findings at the end of the file)

    @property
    def start(self) -> int:
        return self.parts[-1][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def units(df: Dockerfile) -> list[Unit]:
    """The preamble and each stage (with its ancestors), whose own spans cover the file; once
    per model (the stage memo and `per_stage` both ask)."""
    found = df.index.units
    if found is None:
        found = df.index.units = _units(df)
    return found


def _units(df: Dockerfile) -> list[Unit]:
    text = df.text
    stages = df.stages
    if not stages:
        return [Unit(((0, len(text)),), LAST)]
    bounds = []
    for stage in stages:
        # from the FROM's line: comments above it stay with the text before, else a stage's
        # first comments would open its sub-file and could read as parser directives there
        bounds.append(text.rfind("\n", 0, stage.from_.head) + 1)
    edges = bounds + [len(text)]
    preamble = ((0, bounds[0]),) if bounds[0] else ()
    out = [Unit(((0, bounds[0]),), PREAMBLE)]
    for stage in stages:
        chain = []
        base = stage.base_stage
        while base is not None:
            chain.append((edges[base.index], edges[base.index + 1]))
            base = base.base_stage
        own = (edges[stage.index], edges[stage.index + 1])
        kind = LAST if stage.index == len(stages) - 1 else MIDDLE
        out.append(Unit(preamble + tuple(reversed(chain)) + (own,), kind))
    return out


@dataclass(slots=True)
class Found:
    """What the rules found on one unit: `diagnostics` in file offsets (in rule order), and
    the rules the unit cannot judge alone (raised on the sub-file, or reached outside the unit
    and the preamble): the whole file judges those."""

    start: int                 # the unit's own start when found
    diagnostics: list[Diagnostic]
    undecided: frozenset[str]

    def moved_to(self, start: int, end: int, preamble_end: int) -> "Found":
        """The same findings for the unit now starting at `start` (the edit moved it)."""
        was = self.start
        out = []
        for d in self.diagnostics:
            m = moved(d, preamble_end, was, was + (end - start), start - was)
            if m is None:  # cannot happen for findings that were kept, but never guess
                return Found(start, [], frozenset(d.code for d in self.diagnostics) | self.undecided)
            out.append(m)
        return Found(start, out, self.undecided)


def check_unit(text: str, preamble_end: int, unit: Unit, rules: list[Rule], path: str, settings) -> Found:
    """The rules' findings on one unit's sub-file, in file offsets."""
    sub = "".join(text[a:b] for a, b in unit.parts)
    df = parse(sub)
    ctx = RuleContext(path=path, settings=settings, df=df, text=sub)
    own_start = len(sub) - (unit.end - unit.start)
    low = 0 if unit.kind == PREAMBLE else own_start
    high = len(sub) + (unit.kind == LAST)
    shift = unit.start - own_start
    found: list[Diagnostic] = []
    ran = run_rules(df, rules, ctx)
    undecided = set(ran.crashed)  # raised on the sub-file: judged on the whole file instead
    for code, diags in ran.found.items():
        mine = [moved(d, preamble_end, own_start, len(sub), shift) for d in diags if low <= d.start < high]
        if None in mine:
            undecided.add(code)
        else:
            found.extend(mine)
    return Found(unit.start, found, frozenset(undecided))


def spans(d: Diagnostic):
    """Every (start, end) range into the checked file a finding holds: its own, its fix's edits
    and its pointers into the same file."""
    yield d.start, d.end
    for fix in d.fixes:
        for e in fix.edits:
            yield e.start, e.end
    for r in d.related:
        if r.path is None:
            yield r.start, r.end


def _offsets(d: Diagnostic):
    """Every offset into the checked file a finding holds."""
    for a, b in spans(d):
        yield a
        yield b


def fits(d: Diagnostic, keep_below: int, low: int, high: int) -> bool:
    """Whether every offset of `d` lies in [low, high] or below `keep_below` (the preamble)."""
    if d.fix is None and not d.related:  # most findings: two offsets, no generators
        a, b = d.start, d.end
        return (low <= a <= high or a < keep_below) and (low <= b <= high or b < keep_below)
    return all(low <= x <= high or x < keep_below for x in _offsets(d))


def moved(d: Diagnostic, keep_below: int, low: int, high: int, shift: int) -> Diagnostic | None:
    """A copy of `d` whose offsets in [low, high] are moved by `shift` and those below
    `keep_below` (the preamble, the same text everywhere) kept; None if any lies elsewhere."""
    if not fits(d, keep_below, low, high):
        return None
    if d.fix is None and not d.related:  # most findings: their own span alone
        a, b = d.start, d.end
        m = DiagnosticDraft(d.code, d.message, a + shift if low <= a <= high else a,
                            b + shift if low <= b <= high else b, d.severity, None, d.name, (), d.unnecessary,
                            d.deprecated, d.url, extra=d.extra)
        m.__class__ = Diagnostic
        return m

    def at(x: int) -> int:
        return x + shift if low <= x <= high else x

    return _mapped(d, at)


class StageMemo:
    """Findings of stage-local rules per unit, for one document: the units of the last check,
    keyed by the texts their sub-files are made of. `signature` names what else findings
    depend on (the rules, the settings, the path); a new one empties the memo."""

    def __init__(self) -> None:
        self.signature: object = None
        self.entries: dict[tuple, Found] = {}
        self.parts = StageParts()  # whole-file rules' findings per stage (`per_stage`)

    def clear(self) -> None:
        self.signature = None
        self.entries = {}
        self.parts = StageParts()

    def findings(self, df: Dockerfile, rules: list[Rule], path: str, settings, signature: object,
                 whole_file) -> list[Diagnostic]:
        """The rules' findings on the whole file. `whole_file(rules)` checks the full model
        (leaving out rules that raise): used when the new units' sub-files add up to more than
        half the file (on open, after a paste, an edit to a stage many are built FROM), its
        findings then shared out to the units; and for rules a unit could not judge alone."""
        if signature != self.signature:
            self.signature = signature
            self.entries = {}
        text = df.text
        spans = units(df)
        preamble_end = spans[0].end if spans[0].kind == PREAMBLE else 0
        keys = [(tuple(text[a:b] for a, b in u.parts), u.kind) for u in spans]
        old = self.entries
        self.entries = {}
        new_size = sum(b - a for u, k in zip(spans, keys) if k not in old for a, b in u.parts)
        if new_size * 2 > len(text):  # checking the new units alone would cost about as much
            whole = whole_file(rules)
            for unit, key, found in zip(spans, keys, _split(whole, spans, preamble_end)):
                self.entries[key] = found
            return [d for ds in whole.values() for d in ds]
        out: list[Diagnostic] = []
        undecided: set[str] = set()
        for unit, key in zip(spans, keys):
            found = self.entries.get(key) or old.get(key)  # a file may repeat a stage word for word
            if found is None:
                found = check_unit(text, preamble_end, unit, rules, path, settings)
            elif found.start != unit.start:
                found = found.moved_to(unit.start, unit.end, preamble_end)
            self.entries[key] = found
            out.extend(found.diagnostics)
            undecided |= found.undecided
        if undecided:
            out = [d for d in out if d.code not in undecided]
            again = whole_file([r for r in rules if r.code in undecided])
            out.extend(d for ds in again.values() for d in ds)
        return out


def _split(found: dict[str, list[Diagnostic]], spans: list[Unit], preamble_end: int) -> list[Found]:
    """Whole-file findings shared out to the units their start falls in."""
    starts = [u.start for u in spans]
    per_unit = [Found(u.start, [], frozenset()) for u in spans]
    for code, diags in found.items():
        for d in diags:
            i = max(0, bisect_right(starts, d.start) - 1)
            unit = spans[i]
            if not fits(d, preamble_end, unit.start, unit.end):
                per_unit[i].undecided |= {code}
            else:
                per_unit[i].diagnostics.append(d)
    for f in per_unit:
        if f.undecided:
            f.diagnostics = [d for d in f.diagnostics if d.code not in f.undecided]
    return per_unit


class StageParts:
    """The memo behind `per_stage`, for one document: per tag, the findings of the stages met
    in the last check that used the tag, keyed by what they were found from. `signature` names
    what else findings depend on (the settings, the path); a new one empties it."""

    def __init__(self) -> None:
        self.signature: object = None
        self.checks = 0
        self.entries: dict[str, tuple[int, dict, dict]] = {}  # tag → (check, this one's, the last one's)
        self.computed = 0  # how many times `compute()` ran (for tests and benchmarks)
        self.asked = 0     # how many times findings were asked for

    def begin(self, signature: object) -> None:
        if signature != self.signature:
            self.signature = signature
            self.entries = {}
        self.checks += 1

    def findings(self, df: Dockerfile, stage, tag: str, compute, also=None) -> list[Diagnostic]:
        self.asked += 1
        if also is None:  # the stage's unit alone: its key once per model
            mine = df.index.stage_keys
            if mine is None:
                mine = df.index.stage_keys = {}
            got = mine.get(stage.index)
            if got is None:
                got = mine[stage.index] = _key(df, {stage.index})
            key, starts, parts = got
        else:
            key, starts, parts = _key(df, {stage.index, *also()})
        slot = self.entries.get(tag)
        if slot is None or slot[0] != self.checks:  # first use in this check: the last one's become old
            slot = self.entries[tag] = (self.checks, {}, slot[1] if slot is not None else {})
        _, current, previous = slot
        found = current.get(key) or previous.get(key)
        if found is not None:
            was, diags = found
            if was != starts:
                diags = [_relocated(d, was, starts) for d in diags]
            current[key] = (starts, diags)
            return diags
        self.computed += 1
        diags = list(compute())
        if _inside(diags, parts):
            current[key] = (starts, diags)
        return diags


def _key(df: Dockerfile, indexes: set[int]) -> tuple[tuple, tuple[int, ...], tuple[tuple[int, int], ...]]:
    """(the texts of the stages' unit parts, whether each part meets the next, and the stages'
    indexes; the parts' starts; the parts), once per model and set of stages."""
    cached = df.index.unit_keys
    if cached is None:
        cached = df.index.unit_keys = ([u.parts for u in units(df)[1:]], {}, {})
    all_parts, keys, texts = cached
    which = tuple(sorted(indexes))
    got = keys.get(which)
    if got is None:
        if len(which) == 1:
            parts = all_parts[which[0]]
        else:
            parts = tuple(sorted({p for i in which for p in all_parts[i]}))
        text = df.text
        for part in parts:  # one string per part however many stages are built on it
            if part not in texts:
                texts[part] = text[part[0]:part[1]]
        chain = tuple(sorted(_chains(df, which)))
        # adjacency too: an offset where two parts meet then belongs to either, wherever they are
        key = (tuple([texts[p] for p in parts]), tuple([p[1] == q[0] for p, q in zip(parts, parts[1:])]), chain)
        got = keys[which] = (key, tuple([a for a, _ in parts]), parts)
    return got


def _chains(df: Dockerfile, indexes) -> set[int]:
    """The indexes of the stages and of those they are built FROM."""
    out = set()
    for i in indexes:
        stage = df.stages[i]
        while stage is not None and stage.index not in out:
            out.add(stage.index)
            stage = stage.base_stage
    return out


def _inside(diags: list[Diagnostic], parts) -> bool:
    """Whether every offset the findings hold lies in one of the parts."""
    for d in diags:
        for x in _offsets(d):
            for a, b in parts:
                if a <= x <= b:
                    break
            else:
                return False
    return True


def _relocated(d: Diagnostic, was: tuple[int, ...], now: tuple[int, ...]) -> Diagnostic:
    """A copy of `d` whose offsets in the part that started at `was[i]` now lie in the same
    place of the part starting at `now[i]`."""

    def at(x: int) -> int:
        i = bisect_right(was, x) - 1
        return x - was[i] + now[i]

    return _mapped(d, at)


def _mapped(d: Diagnostic, at) -> Diagnostic:
    """A copy of `d` with every offset in this file (its span, its fix's edits, its pointers)
    passed through `at`."""
    fix, *alternatives = [Fix(f.title, tuple(Edit(at(e.start), at(e.end), e.text) for e in f.edits),
                              f.applicability, f.other_files, f.kind) for f in d.fixes] or [None]
    related = tuple(r if r.path is not None else Related(r.message, None, at(r.start), at(r.end))
                    for r in d.related)
    m = DiagnosticDraft(d.code, d.message, at(d.start), at(d.end), d.severity, fix, d.name, related,
                        d.unnecessary, d.deprecated, d.url, extra=d.extra, alternatives=tuple(alternatives))
    m.__class__ = Diagnostic
    return m
