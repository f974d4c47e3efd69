from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import zypper_subcommand


def zypper_pinned(value: str) -> bool:
    return any(op in value for op in ("=", "<", ">")) or value.endswith(".rpm")


class ZypperUnpinnedVersion(Rule):
    """`zypper install` of a package without a version.

    ## What it does
    Flags packages given to `zypper install` (`in`) without a version (`name=1.2`, `name>=1.2`)
    or an `.rpm` file. Arguments holding variables are not judged. Off by default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a pinned version each build may install something else, so builds stop being
    reproducible and can break without any change to the Dockerfile.

    ## Example
    ```dockerfile
    RUN zypper install -y curl
    ```

    Use instead:
    ```dockerfile
    RUN zypper install -y curl=8.6.0
    ```

    ## References
    - hadolint DL3037
    """

    code = "DL3037"
    inputs = Inputs(keywords={"RUN"}, programs={"zypper"}, scope=Scope.STAGE)
    name = "zypper-unpinned-version"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `zypper install`: `zypper install -y <package>=<version>`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        sub = zypper_subcommand(cmd)
        if sub is None or sub.value not in ("install", "in"):
            return
        packages = [w for w in cmd.positional() if w is not sub]
        bad = [w for w in packages if w.literal and not zypper_pinned(w.value)]
        if bad:
            yield self.report(cmd.start, cmd.end,
                              f"Pin versions in `zypper install` (unpinned: {', '.join(w.value for w in bad)})")
