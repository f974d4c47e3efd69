from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile
from ..support.packages import DNF


WHOLE_VARIABLE = lazy_compile(r"\$(\w+|\{[^}]*\})")


def judged_pinned(word) -> bool:
    """True unless `word` is a package name with no version."""
    v = word.value
    if v.endswith(".rpm") or re.search(r"-\d", v):
        return True
    if not word.literal:
        # `-${VERSION}` pins; `$PKGS`, `$(cat list)` hide what they hold
        return bool(WHOLE_VARIABLE.fullmatch(v) or "-$" in v or "$(" in v or "`" in v)
    return False


class DnfUnpinnedVersion(Rule):
    """`dnf install` of a package without a version.

    ## What it does
    Flags packages given to `dnf install` (also `dnf module install`, `microdnf install`) that
    carry no version (`name-1.2`: a dash followed by a digit; for `module install`, a stream:
    `nodejs:18`) and are not an `.rpm` file. A
    variable right after a dash is a version (`MariaDB-server-${MARIADB_VERSION}`); an argument
    that is wholly a variable (`$PKGS`) or a command substitution is not judged; a variable
    elsewhere in the name is judged by the rest (`php${V}-cli` is unpinned). Off by default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a pinned version each build may install something else, so builds stop being
    reproducible and can break without any change to the Dockerfile.

    ## Example
    ```dockerfile
    RUN dnf install -y httpd
    ```

    Use instead:
    ```dockerfile
    RUN dnf install -y httpd-2.4.57
    ```

    ## References
    - hadolint DL3041
    """

    code = "DL3041"
    inputs = Inputs(keywords={"RUN"}, programs=DNF, scope=Scope.STAGE)
    name = "dnf-unpinned-version"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `dnf install`: `dnf install -y <package>-<version>`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        words = cmd.positional()
        if not any(w.value == "install" for w in words):
            return
        at = words.index(next(w for w in words if w.value == "install"))
        packages = words[at + 1:]
        if any(w.value == "module" for w in words[:at]):  # `module install name:stream`
            bad = [w for w in packages if ":" not in w.value and not judged_pinned(w)]
        else:
            bad = [w for w in packages if not judged_pinned(w)]
        if bad:
            yield self.report(cmd.start, cmd.end,
                              f"Pin versions in `dnf install` (unpinned: {', '.join(w.value for w in bad)})")
