from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import subcommand

UPGRADES = {
    "apt-get": ("upgrade", "dist-upgrade", "full-upgrade"),
    "apt": ("upgrade", "dist-upgrade", "full-upgrade"),
    "aptitude": ("upgrade", "safe-upgrade", "full-upgrade", "dist-upgrade"),
    "apk": ("upgrade",),
    "yum": ("upgrade", "update", "distro-sync"),
    "dnf": ("upgrade", "update", "distro-sync"),
    "microdnf": ("upgrade", "update"),
    "zypper": ("update", "up", "dist-upgrade", "dup"),
}


class DistributionUpgrade(Rule):
    """`apt-get upgrade` (and friends) upgrades every package of the base image.

    ## What it does
    Flags whole-system upgrades: `apt-get upgrade`/`dist-upgrade`, `apk upgrade`,
    `yum`/`dnf update` or `upgrade` without package names, `zypper update`/`dup`. Upgrading
    named packages (`yum update openssl`, `apk upgrade openssl`) is not flagged.

    Off by default: hadolint retired its DL3005 because an upgrade in the image is often how
    security fixes reach it before a new base is published, so many careful Dockerfiles
    upgrade on purpose. Select it (`extend-select = ["DW219"]`) to hold builds to a
    pinned, fresh base instead.

    Stages: all (`ONBUILD RUN` too).

    ## Why is this bad?
    The image then contains whatever versions the mirrors had on the day of the build: two
    builds of the same Dockerfile differ, and the cache hides how old the upgrade is. It also
    duplicates a large part of the base image in a new layer. Security fixes belong in the base
    image: pull a fresh, pinned base (rebuild on its updates) instead. This is a judgement
    call, which is why the rule is off unless selected.

    ## Example
    ```dockerfile
    FROM debian:12
    RUN apt-get update && apt-get -y dist-upgrade
    ```

    Use instead:
    ```dockerfile
    FROM debian:12.7   # a current base, bumped by a bot
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## References
    - trivy DS024 (AVD-DS-0024, `apt-get dist-upgrade`)
    - hadolint DL3005 (removed)
    - checkov CKV_DOCKER_5 flags `update` run alone, a different problem
    """

    code = "DW219"
    inputs = Inputs(keywords={"RUN"}, programs=UPGRADES, scope=Scope.STAGE)
    name = "distribution-upgrade"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    message = "`{prog} {sub}` upgrades every package of the base image, so builds are not reproducible"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        prog = cmd.program
        sub = subcommand(cmd)
        if sub not in UPGRADES[prog]:
            return
        if prog in ("yum", "dnf", "microdnf", "zypper", "apk") and len(cmd.positional()) > 1:
            return  # named packages
        yield self.report(cmd.start, cmd.end, self.message.format(prog=prog, sub=sub))
