from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class SlashBangIsException(Rule):
    """`/!name` is an exception (`!name`), not a pattern for a file named `!name`.

    ## What it does
    Flags patterns like `/!foo` or `./!foo`. Docker cleans the pattern and drops the leading
    `/` before it looks for `!`, so the line re-includes `foo`.

    ## Why is this bad?
    In gitignore, `/!foo` names a file called `!foo` at the root, and `!/foo` is the anchored
    exception. Docker reads both as the exception `!foo`: a file named `!foo` is still sent,
    and whatever `foo` names is re-included even if an earlier line excluded it.

    ## Example
    ```text
    docs
    /!docs/README.md
    ```

    Use instead:
    ```text
    docs
    !docs/README.md
    ```
    (or `\\!name` to exclude a file whose name starts with `!`)

    ## Fix safety
    Safe: `!docs/README.md` is exactly how Docker already reads the line; the fix only makes
    that visible. If a file named `!…` was meant, write `\\!…` instead.
    """

    code = "DW504"
    name = "slash-bang-is-exception"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    file_kind = "dockerignore"
    fix_availability = FixAvailability.ALWAYS
    message = "Docker reads this as an exception (`!…`): the leading `/` is dropped; escape it as `\\!` to name a file"
    fix_title = "Write the exception as `!…`"

    def check(self, ctx: RuleContext):
        for p in ctx.ignore.patterns:
            if not p.exclusion or p.raw.startswith("!"):
                continue
            bang = p.raw.find("!")
            if bang < 0:
                continue
            fix = self.make_fix([Edit.delete(p.start, p.start + bang)])
            yield self.report(p.start, p.end, f"`{p.raw}` is the exception `!{p.pattern}` in Docker: it "
                              f"re-includes `{p.pattern}`; write `\\!` to name a file starting with `!`", fix=fix)
