from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from .common import is_literal

_STAR_ONLY = re.compile(r"[?\[\\]")


def _covers(q, target: str) -> bool:
    """Does pattern `q` match everything `target` (a pattern text) matches, or a parent of it?
    Exact for a literal target; for a target with `*` only when `q` uses `*`/`**` alone."""
    if not is_literal(target) and (_STAR_ONLY.search(target) or _STAR_ONLY.search(q.pattern)):
        return False
    parts = target.split("/")
    for k in range(1, len(parts) + 1):
        if q.match("/".join(parts[:k])):
            return True
    return False


def _could_exclude(q, target: str) -> bool:
    """Could the pattern `q` exclude `target`, a parent of it or something below it?"""
    if not is_literal(q.pattern):
        return True
    return (q.pattern == target or target.startswith(q.pattern + "/") or q.pattern.startswith(target + "/"))


class ExceptionHasNoEffect(Rule):
    """An exception (`!path`) that re-includes nothing, or that a later pattern cancels.

    ## What it does
    Flags an exception when no earlier pattern excludes what it names (exceptions only undo
    earlier lines), or when a later pattern excludes it again (the last matching line wins).
    Without a view of the context only clear cases are flagged: a literal exception, or one
    with `*` against later patterns using `*`/`**` alone.

    ## Why is this bad?
    The file the exception was written for is not sent (cancelled), or the line is dead
    weight that misleads readers (nothing to re-include).

    ## Example
    ```text
    !README.md
    *.md
    ```

    Use instead:
    ```text
    *.md
    !README.md
    ```
    """

    code = "DW507"
    name = "exception-has-no-effect"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    file_kind = "dockerignore"
    fix_availability = FixAvailability.NEVER
    message = "This exception has no effect"

    def check(self, ctx: RuleContext):
        pats = ctx.ignore.patterns
        if any(p.is_bad for p in pats):
            return
        for i, p in enumerate(pats):
            if not p.exclusion:
                continue
            later = next((q for q in pats[i + 1:] if not q.exclusion and _covers(q, p.pattern)), None)
            if later is not None:
                yield self.report(p.start, p.end, f"`{p.raw}` is cancelled by `{later.raw}` on line "
                                  f"{later.line + 1}: the last matching pattern wins, so it stays excluded; "
                                  "move the exception below it")
                continue
            earlier = [q for q in pats[:i] if not q.exclusion]
            if not earlier:
                yield self.report(p.start, p.end, f"`{p.raw}` re-includes nothing: no pattern above it "
                                  "excludes anything (exceptions only undo earlier lines)", unnecessary=True)
            elif is_literal(p.pattern) and not any(_could_exclude(q, p.pattern) for q in earlier):
                yield self.report(p.start, p.end, f"`{p.raw}` re-includes nothing: no pattern above it "
                                  f"excludes `{p.pattern}`", unnecessary=True)
