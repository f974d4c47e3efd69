from __future__ import annotations

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import apt_get_subcommand, apt_option


class AptGetInstallRecommends(Rule):
    """`apt-get install` also installs every recommended package.

    ## What it does
    Flags `apt-get install` without `--no-install-recommends` (or the equivalent
    `-o APT::Install-Recommends=false`).

    Stages: all, as hadolint: recommended packages also slow down and bloat builder stages.

    ## Why is this bad?
    Debian and Ubuntu install "Recommends" by default: documentation, extra tools and
    libraries the named packages do not need. They often double the size of the layer and
    add packages to patch.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*
    ```

    ## Fix safety
    Unsafe: the flag changes what gets installed. Software that relied on a recommended
    package (a CA bundle, a locale, a helper binary) can break at run time.

    ## References
    - hadolint DL3015
    """

    code = "DL3015"
    inputs = Inputs(keywords={"RUN"}, programs={"apt-get"}, scope=Scope.STAGE)
    name = "apt-get-install-recommends"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = "`apt-get install` without `--no-install-recommends` also installs recommended packages"
    fix_title = "Add `--no-install-recommends`"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        install = apt_get_subcommand(cmd, "install")
        if install is None or cmd.has_flag("--no-install-recommends"):
            return
        if apt_option(cmd, "APT::Install-Recommends") in ("0", "false", "no", "off"):
            return
        fix = self.make_fix([Edit.insert(install.end, " --no-install-recommends")], Applicability.UNSAFE)
        yield self.report(cmd.start, cmd.end, fix=fix)
