from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class OnbuildForbiddenTrigger(Rule):
    """`ONBUILD` wraps an instruction it may not trigger.

    ## What it does
    Flags `ONBUILD ONBUILD …`, `ONBUILD FROM …` and `ONBUILD MAINTAINER …`.

    Stages: all: the build fails in any stage.

    ## Why is this bad?
    Docker refuses these triggers: chaining ONBUILD is not allowed, and FROM and MAINTAINER
    cannot run as triggers. The image fails to build (or to be used as a base).

    ## Example
    ```dockerfile
    ONBUILD FROM debian:12
    ```

    Use instead:
    ```dockerfile
    ONBUILD RUN make install
    ```

    ## References
    - hadolint DL3043
    """

    code = "DL3043"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "onbuild-forbidden-trigger"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "`ONBUILD`, `FROM` or `MAINTAINER` cannot be triggered from within `ONBUILD`"

    def check(self, ctx: RuleContext):
        for ins in ctx.df.instructions:
            if ins.keyword == "ONBUILD" and ins.sub is not None and ins.sub.keyword in ("ONBUILD", "FROM", "MAINTAINER"):
                yield self.report(ins.sub.start, ins.sub.keyword_end,
                                  f"`{ins.sub.keyword}` cannot be triggered from within `ONBUILD`")
