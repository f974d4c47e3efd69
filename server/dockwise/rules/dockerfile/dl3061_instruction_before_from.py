from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class InstructionBeforeFrom(Rule):
    """An instruction other than `ARG` comes before the first `FROM`.

    ## What it does
    Flags every instruction before the first `FROM` that is not an `ARG`.

    Stages: file-wide: the instructions before the first `FROM`.

    ## Why is this bad?
    Only `ARG` (and parser directives and comments) may precede `FROM`; Docker rejects anything
    else with "no build stage in current context".

    ## Example
    ```dockerfile
    LABEL maintainer="me@example.com"
    FROM debian:12
    ```

    Use instead:
    ```dockerfile
    FROM debian:12
    LABEL maintainer="me@example.com"
    ```

    ## References
    - hadolint DL3061
    """

    code = "DL3061"
    inputs = Inputs(scope=Scope.STAGE)
    name = "instruction-before-from"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Invalid instruction order: a Dockerfile must begin with `FROM`, `ARG` or a comment"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.instructions:
            if ins.keyword == "FROM":
                return
            if ins.keyword != "ARG":
                yield self.report(ins.start, ins.keyword_end, f"`{ins.keyword}` before the first `FROM`")
