from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import repeated_in_stage


class MultipleCmd(Rule):
    """A stage has more than one `CMD`.

    ## What it does
    Flags every `CMD` after the first in the same build stage.

    Stages: all, each stage on its own.

    ## Why is this bad?
    Only the last `CMD` of a stage takes effect; the earlier ones are dead code that misleads
    readers about how the container starts.

    ## Example
    ```dockerfile
    CMD ["nginx"]
    CMD ["nginx", "-g", "daemon off;"]
    ```

    Use instead:
    ```dockerfile
    CMD ["nginx", "-g", "daemon off;"]
    ```

    ## References
    - hadolint DL4003
    - BuildKit check `MultipleInstructionsDisallowed`
    """

    code = "DL4003"
    inputs = Inputs(keywords={"CMD"}, scope=Scope.STAGE)
    name = "multiple-cmd"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Multiple `CMD` instructions in one stage: only the last one takes effect"
    buildkit_name = "MultipleInstructionsDisallowed"

    def check(self, ctx: RuleContext):
        for ins, earlier in repeated_in_stage(ctx.df, "CMD"):
            yield self.report(ins.start, ins.keyword_end, related=(earlier,))
