from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import zypper_subcommand


class ZypperDistUpgrade(Rule):
    """`zypper dist-upgrade` in a Dockerfile.

    ## What it does
    Flags `zypper dist-upgrade` (and its alias `zypper dup`).

    Stages: all (`ONBUILD RUN` too), as hadolint.

    ## Why is this bad?
    A distribution upgrade inside a build swaps the base image's release underneath you: the
    result depends on the day you build, may change major versions, and belongs in a newer base
    image instead.

    ## Example
    ```dockerfile
    FROM opensuse/leap:15.5
    RUN zypper dist-upgrade -y
    ```

    Use instead:
    ```dockerfile
    FROM opensuse/leap:15.6
    ```

    ## References
    - hadolint DL3035
    """

    code = "DL3035"
    inputs = Inputs(keywords={"RUN"}, programs={"zypper"}, scope=Scope.STAGE)
    name = "zypper-dist-upgrade"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Do not use `zypper dist-upgrade`: use a newer base image instead"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        sub = zypper_subcommand(cmd)
        if sub is not None and sub.value in ("dist-upgrade", "dup"):
            yield self.report(cmd.start, cmd.end)
