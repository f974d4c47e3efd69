from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import from_variable, operands, unpinned_message

VALUE_FLAGS = ("-c", "--config", "--installroot", "--enablerepo", "--disablerepo", "--setopt", "-x",
               "--exclude", "--releasever", "-d", "--debuglevel", "-e", "--errorlevel")


def is_pinned(word) -> bool:
    """`name-1.2[-3.el8]`, `name-2:1.2`, `name-${VERSION}` or an .rpm file (`yum-utils` is a
    name, not a version)."""
    spec = word.value
    if not word.literal and "-$" in spec:
        return True  # a variable right after a dash is the version
    return re.search(r"-\d", spec) is not None or spec.endswith(".rpm")


class YumInstallUnpinned(Rule):
    """`yum install` installs packages without pinned versions.

    ## What it does
    Flags `yum install` naming a package without a version (`httpd` rather than
    `httpd-2.4.6`), and `yum module install` naming a module without a stream
    (`nodejs` rather than `nodejs:18`). `.rpm` files and packages given by a variable are
    not flagged; a variable right after a dash is a version (`git-core-${GIT_VER}`). Off by
    default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a version the image gets whatever the repository holds on the day of the build.

    ## Example
    ```dockerfile
    RUN yum install -y httpd && yum clean all
    ```

    Use instead:
    ```dockerfile
    RUN yum install -y httpd-2.4.6 && yum clean all
    ```

    ## References
    - hadolint DL3033
    """

    code = "DL3033"
    inputs = Inputs(keywords={"RUN"}, programs={"yum"}, scope=Scope.STAGE)
    name = "yum-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `yum install` (`package-version`): {packages}"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        ops = operands(cmd, VALUE_FLAGS)
        values = [w.value for w in ops]
        if "install" not in values:
            return
        module = "module" in values
        words = [w for w in ops if not from_variable(w) and w.value not in ("install", "module")]
        if module:
            loose = [w for w in words if ":" not in w.value]
        else:
            loose = [w for w in words if not is_pinned(w)]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
