from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import APK_VALUE_FLAGS, packages_after, unpinned_message


class ApkAddUnpinned(Rule):
    """`apk add` installs packages without pinned versions.

    ## What it does
    Flags `apk add` naming a package without a version constraint (`curl` rather than
    `curl=8.5.0-r0` or `curl~8.5`). `.apk` files, the name after `--virtual`/`-t` and
    packages given by a variable are not flagged. Off by default: Alpine removes old package
    versions from its repositories, so exact pins break builds.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a version the image gets whatever the repository holds on the day of the build.

    ## Example
    ```dockerfile
    RUN apk add --no-cache curl
    ```

    Use instead:
    ```dockerfile
    RUN apk add --no-cache curl~8.5
    ```

    ## References
    - hadolint DL3018
    """

    code = "DL3018"
    inputs = Inputs(keywords={"RUN"}, programs={"apk"}, scope=Scope.STAGE)
    name = "apk-add-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `apk add` (`package=version` or `package~version`): {packages}"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        pkgs = packages_after(cmd, ("add",), APK_VALUE_FLAGS)
        if not pkgs:
            return
        loose = [w for w in pkgs if "=" not in w.value and "~" not in w.value and not w.value.endswith(".apk")]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
