"""Apply fixes like ruff: non-overlapping fixes per pass, re-check, repeat until stable.

A fix that would make the file fail to parse as BuildKit parses it is not applied, and one
that does not converge (offered again after it was applied, undone by another fix, still
offered when the passes run out) stops being applied: both are reported in
`FixOutcome.problems`, with the rule's code, for the CLI and the language server to show.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from .check import file_kind, run
from .diagnostic import Applicability, Diagnostic, Edit, FileEdit, Fix

MAX_PASSES = 10

BREAKS_PARSING = "breaks-parsing"
NO_CONVERGENCE = "no-convergence"


@dataclass(frozen=True)
class FixProblem:
    """A fix the fixer refused: a rule bug to report, never a silent skip."""
    code: str
    title: str
    kind: str    # BREAKS_PARSING or NO_CONVERGENCE
    detail: str  # one line: the parse error it would cause, or how it failed to converge

    def describe(self, path: str) -> str:
        what = "would make the file fail to parse" if self.kind == BREAKS_PARSING else "does not converge"
        return f"{path}: {self.code} fix \"{self.title}\" not applied: it {what} ({self.detail}); please report this dockwise bug"


@dataclass
class FixOutcome:
    text: str
    applied: list[tuple[str, str]] = field(default_factory=list)   # (code, fix title)
    remaining: list[Diagnostic] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # not applied: refused (see `problems`)
    passes: int = 0
    other_files: list[FileEdit] = field(default_factory=list)      # e.g. patterns for .dockerignore
    problems: list[FixProblem] = field(default_factory=list)       # fixes refused: broken or not converging

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


def to_apply(d: Diagnostic, unsafe: bool, prefer: tuple[str, ...] = ()) -> Fix | None:
    """The fix applied for `d`: its first alternative of a kind the user prefers (in the order
    preferred; naming the kind is the user's pick, so an unsafe one counts as chosen), else its
    own fix when `unsafe` allows it; None when neither may be applied."""
    for kind in prefer:
        for alt in d.alternatives:
            if alt.kind == kind and allowed(alt, True):
                return alt
    fix = d.fix
    if fix is not None and fix.kind and fix.kind in prefer and allowed(fix, True):
        return fix  # the preferred kind is the finding's only fix (no other was possible)
    return fix if fix is not None and allowed(fix, unsafe) else None


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


def _collect_other_files(outcome: FixOutcome, diags: list[Diagnostic], unsafe: bool, prefer: tuple[str, ...],
                         seen: set) -> None:
    """Edits to other files are gathered once (they do not change this text, so a re-check
    would offer them again); the caller writes them. One creation per file per run."""
    created = {fe.path for fe in outcome.other_files if fe.create}
    for d in diags:
        fix = to_apply(d, unsafe, prefer) if d.fix is not None else None
        if fix is None or not fix.other_files:
            continue
        for fe in fix.other_files:
            key = (fe.path, fe.create, tuple((e.start, e.end, e.text) for e in fe.edits))
            if key in seen or (fe.create and fe.path in created):
                continue
            seen.add(key)
            if fe.create:
                created.add(fe.path)
            outcome.other_files.append(fe)
            if not fix.edits:
                outcome.applied.append((d.code, fix.title))


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


def build_errors(text: str, kind: str, model=None) -> Counter:
    """What makes BuildKit refuse the file, by message: the parser's errors for a Dockerfile
    (the model's parser reports what BuildKit's does), rejected patterns for an ignore file."""
    return _parsed(text, kind, model)[0]


def _parsed(text: str, kind: str, model=None):
    """(build errors, the Dockerfile model or None): the model is handed to the next check."""
    if kind == "dockerfile":
        if model is None:
            from ..dockerfile import parse
            model = parse(text)
        return Counter(e.message for e in model.errors), model
    from ..ignorefile import parse_ignore_file
    ignore = parse_ignore_file(text)
    return Counter([e.message for e in ignore.errors] + [p.compile_error or "" for p in ignore.patterns if p.is_bad]), None


def _new_error(before: Counter, after: Counter) -> str | None:
    """The first error `after` has that `before` has not, or None."""
    return next(iter(after - before), None)


def fix_text(text: str, path: str, config=None, *, unsafe: bool = False, first=None, **kw) -> FixOutcome:
    """Apply fixes until none is left. `first`: the diagnostics of `text` under the same
    configuration, when the caller has them (the language server's last check): the first pass
    then does not check the text again. Alternatives of the kinds `config.prefer_fixes` names
    are applied instead of the findings' own fixes."""
    outcome = FixOutcome(text)
    prefer = config.prefer_fixes if config is not None else ()
    kind = file_kind(path)
    seen_texts = {text}
    seen_other: set = set()
    applied_at: set = set()
    refused: set = set()  # fixes reported in `problems`: never applied, never reported twice
    model = None  # the parsed current text, when known (the next check re-uses it)
    errors = None
    for _ in range(MAX_PASSES):
        if first is not None:
            found = first
        else:
            result = run(outcome.text, path, config, **_with_model(kw, model))
            found, model = result.diagnostics, result.model
        first = None
        _collect_other_files(outcome, found, unsafe, prefer, seen_other)
        fixes = []
        for d in found:
            fix = to_apply(d, unsafe, prefer) if d.fix is not None else None
            if fix is None or not fix.edits:
                continue
            # A fix offered again on the same line after it was applied did not cure its
            # finding (e.g. text appended inside a trailing comment): never apply it twice.
            key = (d.code, d.message, fix.title, d.line, tuple(e.text for e in fix.edits))
            if key in refused:
                continue
            if key in applied_at:
                _refuse(outcome, refused, key, d.code, fix.title, NO_CONVERGENCE,
                        "offered again on the same line after it was applied")
                continue
            fixes.append((d.code, fix, key))
        outcome.remaining = found
        if not fixes:
            break
        if errors is None:
            errors = build_errors(outcome.text, kind, model)
        taken, new_text, new_errors, new_model = _apply_parsing(outcome, fixes, kind, errors, refused)
        if not taken:  # every fix of this pass was refused: look again at the same findings
            first = found
            continue
        applied_at.update(key for _, _, key in taken)
        outcome.passes += 1
        if new_text in seen_texts:  # a fix that undoes another: stop rather than loop
            for c, f, key in taken:
                _refuse(outcome, refused, key, c, f.title, NO_CONVERGENCE,
                        "the fixes of a pass brought the text back to an earlier state")
            break
        seen_texts.add(new_text)
        outcome.applied.extend((c, f.title) for c, f, _ in taken)
        outcome.text, errors, model = new_text, new_errors, new_model
    else:
        result = run(outcome.text, path, config, **_with_model(kw, model))
        outcome.remaining = result.diagnostics
        for d in result.diagnostics:
            fix = to_apply(d, unsafe, prefer) if d.fix is not None else None
            if fix is not None and fix.edits:
                key = (d.code, d.message, fix.title, d.line, tuple(e.text for e in fix.edits))
                _refuse(outcome, refused, key, d.code, fix.title, NO_CONVERGENCE,
                        f"still offered after {MAX_PASSES} passes")
    return outcome


def _with_model(kw: dict, model) -> dict:
    return kw if model is None or "model" in kw else {**kw, "model": model}


def _apply_parsing(outcome: FixOutcome, fixes: list, kind: str, errors: Counter, refused: set):
    """Apply the compatible fixes of one pass, leaving out any whose edits make BuildKit
    refuse the file (each is tried alone to find it). Returns (taken, new text, its errors,
    its model)."""
    keys = {id(f): key for _, f, key in fixes}
    taken = [(c, f, keys[id(f)]) for c, f in select_compatible([(c, f) for c, f, _ in fixes])[0]]
    new_text = _applied(outcome.text, taken)
    new_errors, new_model = _parsed(new_text, kind)
    if _new_error(errors, new_errors) is None:
        return taken, new_text, new_errors, new_model
    kept = []
    for c, f, key in taken:
        alone = _new_error(errors, build_errors(_applied(outcome.text, [(c, f, key)]), kind))
        if alone is None:
            kept.append((c, f, key))
        else:
            _refuse(outcome, refused, key, c, f.title, BREAKS_PARSING, alone)
    new_text = _applied(outcome.text, kept)
    new_errors, new_model = _parsed(new_text, kind)
    broken = _new_error(errors, new_errors)
    if broken is not None:  # fixes harmless alone that break the file together: refuse them all
        for c, f, key in kept:
            _refuse(outcome, refused, key, c, f.title, BREAKS_PARSING, f"together with other fixes: {broken}")
        return [], outcome.text, errors, None
    return kept, new_text, new_errors, new_model


def _applied(text: str, taken: list) -> str:
    return apply_edits(text, sorted((e for _, f, _ in taken for e in f.edits), key=lambda e: (e.start, e.end)))


def _refuse(outcome: FixOutcome, refused: set, key, code: str, title: str, kind: str, detail: str) -> None:
    if key in refused:
        return
    refused.add(key)
    outcome.skipped.append((code, title))
    outcome.problems.append(FixProblem(code, title, kind, detail))
