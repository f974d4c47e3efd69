from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import APT_GET_VALUE_FLAGS, packages_after, unpinned_message


class AptGetInstallUnpinned(Rule):
    """`apt-get install` installs packages without pinned versions.

    ## What it does
    Flags `apt-get install` naming a package without a version (`curl` rather than
    `curl=7.88.1-10+deb12u5`). Packages given by a variable (`$PKGS`), a release
    (`curl/bookworm-backports`) or a `.deb` file are not flagged. Off by default: pinning
    Debian packages trades reproducibility for builds that break when the archive drops the
    pinned version.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a version the image gets whatever the archive holds on the day of the build, so
    two builds of the same Dockerfile can differ, and a rebuild may pull in a regression.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
    ```

    ## References
    - hadolint DL3008
    """

    code = "DL3008"
    inputs = Inputs(keywords={"RUN"}, programs={"apt-get"}, scope=Scope.STAGE)
    name = "apt-get-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `apt-get install` (`package=version`): {packages}"

    VALUE_FLAGS = APT_GET_VALUE_FLAGS

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        pkgs = packages_after(cmd, ("install",), self.VALUE_FLAGS)
        if not pkgs:
            return
        loose = [w for w in pkgs if "=" not in w.value and "/" not in w.value and not w.value.endswith(".deb")]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
