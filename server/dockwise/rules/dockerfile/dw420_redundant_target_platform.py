from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

REDUNDANT = ("$TARGETPLATFORM", "${TARGETPLATFORM}")


class RedundantTargetPlatform(Rule):
    """`FROM --platform=$TARGETPLATFORM` repeats the default.

    ## What it does
    Flags a `FROM` whose `--platform` is exactly `$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

    ## Why is this bad?
    A stage is built for the target platform anyway; the flag adds noise and suggests the
    stage is special when it is not.

    ## Example
    ```dockerfile
    FROM --platform=$TARGETPLATFORM alpine
    ```

    Use instead:
    ```dockerfile
    FROM alpine
    ```

    ## Fix safety
    Safe: the flag is removed, and the stage's platform stays the target platform.

    ## References
    - BuildKit `RedundantTargetPlatform`: https://docs.docker.com/reference/build-checks/redundant-target-platform/
    """

    code = "DW420"
    name = "redundant-target-platform"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "RedundantTargetPlatform"
    message = "Setting platform to predefined `$TARGETPLATFORM` in FROM is redundant as this is the default behavior"
    fix_title = "Remove `--platform=$TARGETPLATFORM`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        text = df.text
        for ins in df.instructions:
            if ins.keyword != "FROM":
                continue
            for flag in ins.flags_named("platform"):
                raw = text[flag.value_start:flag.value_end].strip("\"'")
                if raw not in REDUNDANT:
                    continue
                end = flag.end
                while end < len(text) and text[end] in " \t":
                    end += 1
                yield self.report(flag.start, flag.end, fix=self.make_fix([Edit.delete(flag.start, end)]))
