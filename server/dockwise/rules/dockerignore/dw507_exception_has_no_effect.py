from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...ignorefile import IgnoreFile
from ...lazy_regex import lazy_compile
from ..support.dockerignore import is_literal

_STAR_ONLY = lazy_compile(r"[?\[\\]")


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
        # One combined matcher per kind of later pattern (the last pattern matching wins, as in
        # the ignore file itself), and running sets for the earlier ones: each exception costs
        # the length of its path, not the number of patterns (100,000-line files stay linear).
        excluding = [q for q in pats if not q.exclusion]
        any_later = IgnoreFile(excluding, [])
        star_later = IgnoreFile([q for q in excluding if not _STAR_ONLY.search(q.pattern)], [])
        earlier_count, earlier_wild = 0, False
        earlier_literal: set[str] = set()      # literal patterns above
        earlier_parents: set[str] = set()      # and each of their parent folders
        for i, p in enumerate(pats):
            if not p.exclusion:
                earlier_count += 1
                if is_literal(p.pattern):
                    earlier_literal.add(p.pattern)
                    parts = p.pattern.split("/")
                    earlier_parents.update("/".join(parts[:k]) for k in range(1, len(parts)))
                else:
                    earlier_wild = True
                continue
            later = _last_cover(p, i, pats, any_later, star_later)
            if later is not None:
                yield self.report(p.start, p.end, f"`{p.raw}` is cancelled by `{later.raw}` on line "
                                  f"{later.line + 1}: the last matching pattern wins, so it stays excluded; "
                                  "move the exception below it")
                continue
            if not earlier_count:
                yield self.report(p.start, p.end, f"`{p.raw}` re-includes nothing: no pattern above it "
                                  "excludes anything (exceptions only undo earlier lines)", unnecessary=True)
            elif is_literal(p.pattern) and not earlier_wild and p.pattern not in earlier_parents \
                    and not any(prefix in earlier_literal for prefix in _prefixes(p.pattern)):
                yield self.report(p.start, p.end, f"`{p.raw}` re-includes nothing: no pattern above it "
                                  f"excludes `{p.pattern}`", unnecessary=True)


def _prefixes(target: str):
    parts = target.split("/")
    return ("/".join(parts[:k]) for k in range(1, len(parts) + 1))


def _last_cover(p, i: int, pats, any_later: IgnoreFile, star_later: IgnoreFile):
    """The last pattern after `i` that covers the exception `p`: one that matches everything
    `p` matches, or a parent of it. Exact for a literal `p`; for a `p` with `*`, only patterns
    using `*`/`**` alone are compared."""
    target = p.pattern
    if is_literal(target):
        matcher = any_later
    elif _STAR_ONLY.search(target):
        return None
    else:
        matcher = star_later
    last = max((matcher.last_match(prefix) for prefix in _prefixes(target)), default=-1)
    return pats[last] if last > i else None
