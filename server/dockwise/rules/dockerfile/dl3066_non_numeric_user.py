from __future__ import annotations

from ...dockerfile.stages import stage_env
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class NonNumericUser(Rule):
    """`USER` names a user instead of a numeric UID.

    ## What it does
    Flags `USER name` (or `name:group`) whose user part is not a number. Off by default: named
    users are common and fine when the host does not need to map them. Variables are expanded
    from `ARG`/`ENV` defaults as BuildKit does (`USER ${NB_UID}` with `ARG NB_UID=1000` is
    numeric, `USER ${user}` with `ARG user=jenkins` is not); a variable without a known value
    is not judged. Windows stages are skipped: Windows has no numeric user ids.

    Stages: all (`ONBUILD USER` too), as hadolint.

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
    inputs = Inputs(keywords={"USER"}, scope=Scope.STAGE)
    name = "non-numeric-user"
    category = Category.SECURITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Non-numeric user id may not be resolvable by the host system"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        if not ins.rest.strip():
            return
        stage = ins.stage
        if stage is not None and stage.windows:
            return
        user = ins.rest.strip()
        if "$" in user:
            if stage is None:
                return
            exp = expand(user, stage_env(df, stage, ins), df.escape)
            if exp.unknown or not exp.value:
                return
            user = exp.value
        if not user.split(":", 1)[0].isdigit():
            yield self.report(ins.rest_start, ins.rest_end)
