from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import repeated_in_stage


class MultipleEntrypoint(Rule):
    """A stage has more than one `ENTRYPOINT`.

    ## What it does
    Flags every `ENTRYPOINT` after the first in the same build stage.

    Stages: all, each stage on its own.

    ## Why is this bad?
    Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones are dead code that misleads
    readers about how the container starts.

    ## Example
    ```dockerfile
    ENTRYPOINT ["nginx"]
    ENTRYPOINT ["nginx", "-g", "daemon off;"]
    ```

    Use instead:
    ```dockerfile
    ENTRYPOINT ["nginx", "-g", "daemon off;"]
    ```

    ## References
    - hadolint DL4004
    - BuildKit check `MultipleInstructionsDisallowed`
    """

    code = "DL4004"
    inputs = Inputs(keywords={"ENTRYPOINT"}, scope=Scope.STAGE)
    name = "multiple-entrypoint"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Multiple `ENTRYPOINT` instructions in one stage: only the last one takes effect"
    buildkit_name = "MultipleInstructionsDisallowed"

    def check(self, ctx: RuleContext):
        for ins, earlier in repeated_in_stage(ctx.df, "ENTRYPOINT"):
            yield self.report(ins.start, ins.keyword_end, related=(earlier,))
