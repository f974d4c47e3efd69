from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class NonNumericUser(Rule):
    """`USER` names a user instead of a numeric UID.

    ## What it does
    Flags `USER name` (or `name:group`) whose user part is not a number. Off by default: named
    users are common and fine when the host does not need to map them.

    ## Why is this bad?
    Kubernetes' `runAsNonRoot` and hosts mapping container users cannot resolve a name to a UID
    without looking into the image, so they refuse or mis-map it.

    ## Example
    ```dockerfile
    USER app
    ```

    Use instead:
    ```dockerfile
    USER 10001
    ```

    ## References
    - hadolint DL3066
    """

    code = "DL3066"
    name = "non-numeric-user"
    category = Category.SECURITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Non-numeric user id may not be resolvable by the host system"
    default_enabled = False

    def check(self, ctx: RuleContext):
        for ins in ctx.df.all_instructions():
            if ins.keyword != "USER" or not ins.rest:
                continue
            user = ins.rest.strip().split(":", 1)[0]
            if not user.isdigit():
                yield self.report(ins.rest_start, ins.rest_end)
