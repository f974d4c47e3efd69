from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class MultipleHealthcheck(Rule):
    """A stage has more than one `HEALTHCHECK`.

    ## What it does
    Flags every `HEALTHCHECK` after the first in the same build stage.

    Stages: all, each stage on its own (its own `HEALTHCHECK`s, not those of its base stage).

    ## Why is this bad?
    Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones are dead code that
    a reader may take for the real check.

    ## Example
    ```dockerfile
    HEALTHCHECK CMD curl -f http://localhost/ || exit 1
    HEALTHCHECK CMD wget -q -O- http://localhost/health || exit 1
    ```

    Use instead:
    ```dockerfile
    HEALTHCHECK CMD wget -q -O- http://localhost/health || exit 1
    ```

    ## References
    - hadolint DL3012
    """

    code = "DL3012"
    inputs = Inputs(keywords={"HEALTHCHECK"}, scope=Scope.STAGE)
    name = "multiple-healthcheck"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Multiple `HEALTHCHECK` instructions in one stage: only the last one takes effect"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            checks = stage.of("HEALTHCHECK")
            for ins in checks[1:]:
                first = checks[0]
                yield self.report(ins.start, ins.keyword_end,
                                  related=(Related("first HEALTHCHECK", None, first.start, first.keyword_end),))
