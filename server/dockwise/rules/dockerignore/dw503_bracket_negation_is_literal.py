from __future__ import annotations

from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...lazy_regex import lazy_compile
from ..support.dockerignore import pattern_takes_needed

BANG_CLASS = lazy_compile(r"(?<!\\)\[!")


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
    `[^…]` can also match `/`, unlike in a shell. When the build context is known and `[^…]`
    would newly exclude files that are neither junk nor secrets, the fix is only a suggestion.
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
            meant = p.pattern.replace("[!", "[^")
            needed = [] if p.exclusion else pattern_takes_needed(ctx, meant)
            if needed:  # `[^…]` would start excluding source or configuration: only suggest it
                msg = f"{self.message}; note that `{meant}` would also exclude `{needed[0].path}`, which is not junk"
                yield self.report(p.start + hits[0].start(), p.end, msg,
                                  fix=self.make_fix(edits, Applicability.SUGGESTION))
                continue
            yield self.report(p.start + hits[0].start(), p.end,
                              fix=self.make_fix(edits, Applicability.UNSAFE))
