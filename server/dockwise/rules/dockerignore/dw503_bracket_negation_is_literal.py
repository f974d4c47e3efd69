from __future__ import annotations

import re

from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

BANG_CLASS = re.compile(r"(?<!\\)\[!")


class BracketNegationIsLiteral(Rule):
    """`[!…]` in a `.dockerignore` pattern does not negate the class.

    ## What it does
    Flags character classes written `[!…]`, the shell and gitignore way to say "none of".

    ## Why is this bad?
    Docker compiles patterns to Go regular expressions, where only `[^…]` negates: `[!a]`
    matches the characters `!` and `a`. So `*.[!m]d`, meant to exclude `*.ad`, `*.bd`…
    but keep `*.md`, excludes `x.!d` and `x.md`: the opposite of what was meant.

    ## Example
    ```text
    docs/[!_]*
    ```

    Use instead:
    ```text
    docs/[^_]*
    ```

    ## Fix safety
    Unsafe: `[^…]` changes which files are excluded (to what the pattern meant). In Docker,
    `[^…]` can also match `/`, unlike in a shell.
    """

    code = "DW503"
    name = "bracket-negation-is-literal"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    file_kind = "dockerignore"
    fix_availability = FixAvailability.ALWAYS
    message = "`[!…]` is not a negated class in Docker: it matches `!` or the listed characters; use `[^…]`"
    fix_title = "Write the negated class as `[^…]`"

    def check(self, ctx: RuleContext):
        for p in ctx.ignore.patterns:
            hits = list(BANG_CLASS.finditer(p.raw))
            if not hits:
                continue
            edits = [Edit(p.start + m.start() + 1, p.start + m.start() + 2, "^") for m in hits]
            yield self.report(p.start + hits[0].start(), p.end,
                              fix=self.make_fix(edits, Applicability.UNSAFE))
