from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.dockerignore import line_bounds


class DuplicateIgnorePattern(Rule):
    """The same pattern appears twice; one of the two has no effect.

    ## What it does
    Flags a pattern (or exception) that repeats an earlier one, as Docker reads them
    (`/dist`, `./dist` and `dist/` are all `dist`). When only same-polarity lines sit between
    the two, the later one is redundant; when an opposite line sits between (`a`, `!a/b`, `a`),
    the earlier one is: the last matching pattern decides, and the later copy matches
    everything the earlier one does.

    ## Why is this bad?
    Duplicates make a long ignore file harder to read and to change: deleting one copy does
    nothing, which surprises whoever tries.

    ## Example
    ```text
    node_modules
    dist
    /node_modules
    ```

    Use instead:
    ```text
    node_modules
    dist
    ```

    ## Fix safety
    Safe: the deleted line never decides a verdict, so the same files are sent.
    """

    code = "DW506"
    name = "duplicate-ignore-pattern"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    file_kind = "dockerignore"
    fix_availability = FixAvailability.ALWAYS
    message = "Duplicate pattern"
    fix_title = "Remove the redundant line"

    def check(self, ctx: RuleContext):
        pats = ctx.ignore.patterns
        first: dict[tuple[str, bool], int] = {}
        for i, p in enumerate(pats):
            key = (p.pattern, p.exclusion)
            if key not in first:
                first[key] = i
                continue
            j = first[key]
            first[key] = i
            earlier = pats[j]
            between_opposite = any(q.exclusion != p.exclusion for q in pats[j + 1:i])
            redundant, other = (earlier, p) if between_opposite else (p, earlier)
            a, b = line_bounds(ctx.text, redundant.start)
            msg = (f"`{redundant.raw}` repeats line {other.line + 1}" if redundant is p else
                   f"`{redundant.raw}` has no effect: line {other.line + 1} repeats it after an opposite pattern")
            yield self.report(redundant.start, redundant.end, msg, fix=self.make_fix([Edit.delete(a, b)]),
                              unnecessary=True)
