from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class RedundantTargetPlatform(Rule):
    """`FROM --platform=$TARGETPLATFORM` repeats the default.

    ## What it does
    Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

    Stages: all: every `FROM`.

    ## Why is this bad?
    Stages are built for the target platform anyway; the flag adds noise and suggests a
    cross-compilation setup that is not there.

    ## Example
    ```dockerfile
    FROM --platform=$TARGETPLATFORM alpine:3.20
    ```

    Use instead:
    ```dockerfile
    FROM alpine:3.20
    ```

    ## Fix safety
    Safe: removing the flag builds for the same platform.

    ## References
    - hadolint DL3065
    - BuildKit `RedundantTargetPlatform`: https://docs.docker.com/reference/build-checks/redundant-target-platform/
    """

    code = "DL3065"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "platform-flag-is-target-platform"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`FROM --platform=$TARGETPLATFORM` is redundant: it is the default"
    fix_title = "Remove `--platform`"
    buildkit_name = "RedundantTargetPlatform"

    def check(self, ctx: RuleContext):
        text = ctx.df.text
        for ins in ctx.df.instructions:
            if ins.keyword != "FROM":
                continue
            flag = ins.flag("platform")
            if flag is None or (flag.value or "").strip("\"'") not in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
                continue
            end = flag.end
            while end < len(text) and text[end] in " \t":
                end += 1
            yield self.report(flag.start, flag.end, fix=self.make_fix([Edit.delete(flag.start, end)]))
