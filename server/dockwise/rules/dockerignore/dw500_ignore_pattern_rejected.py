from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class IgnorePatternRejected(Rule):
    """Docker rejects this `.dockerignore` pattern and the build fails.

    ## What it does
    Flags the lines that make Docker refuse the ignore file: a lone `!` (also `! /`), a
    pattern Go's `filepath.Match` rejects (for instance an unclosed `[` or a trailing `\\`),
    a line longer than 64 KiB; and patterns that pass that check but cannot be compiled,
    which make matching fail for every path that reaches them.

    ## Why is this bad?
    `docker build` stops before it sends anything, with an error such as
    `illegal exclusion pattern: "!"` or `syntax error in pattern`. A gitignore habit is a
    common cause: `foo\\ ` (an escaped trailing space in git) is trimmed to `foo\\` by Docker,
    which is an invalid pattern.

    ## Example
    ```text
    node_modules
    !
    docs/[abc
    ```

    Use instead:
    ```text
    node_modules
    docs/[abc]
    ```
    """

    code = "DW500"
    name = "ignore-pattern-rejected"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    file_kind = "dockerignore"
    fix_availability = FixAvailability.NEVER
    message = "Docker rejects this pattern: the build fails"

    def check(self, ctx: RuleContext):
        ign = ctx.ignore
        for e in ign.errors:
            if e.start < 0:
                continue
            if e.message.startswith("illegal exclusion pattern"):
                msg = "A lone `!` is not a pattern: Docker fails the build (`illegal exclusion pattern`)"
            else:
                msg = f"Docker rejects this pattern and the build fails: {e.message}"
            yield self.report(e.start, e.end, msg)
        for p in ign.patterns:
            if p.is_bad:
                yield self.report(p.start, p.end, f"Docker cannot match with `{p.raw}` ({p.compile_error}): "
                                                  "builds fail for every path that reaches this pattern")
