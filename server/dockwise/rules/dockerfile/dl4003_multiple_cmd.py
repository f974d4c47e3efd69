from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Rule, RuleContext


class MultipleCmd(Rule):
    """A stage has more than one `CMD`.

    ## What it does
    Flags every `CMD` after the first in the same build stage.

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
    name = "multiple-cmd"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Multiple `CMD` instructions in one stage: only the last one takes effect"
    buildkit_name = "MultipleInstructionsDisallowed"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            found = stage.of("CMD")
            for ins in found[1:]:
                yield self.report(ins.start, ins.keyword_end,
                                  related=(Related("earlier `CMD`", None, found[0].start, found[0].keyword_end),))
