from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import packages_after, unpinned_message

# npm options whose value is the next word (`--loglevel verbose`), not a package
VALUE_FLAGS = ("--prefix", "--registry", "--cache", "--userconfig", "--globalconfig", "--tag", "-w", "--workspace",
               "--loglevel", "--omit", "--include", "--before", "--install-strategy", "--location")
GIT = ("git://", "git+ssh://", "git+http://", "git+https://")


def is_pinned(spec: str) -> bool:
    if spec.startswith(GIT):
        return "#" in spec
    if spec.endswith((".tar", ".tar.gz", ".tgz")) or spec.startswith(("/", "./", "../", "~/")):
        return True
    if spec.startswith("@"):  # @scope/name@version
        spec = spec.split("/", 1)[-1]
    return "@" in spec


class NpmInstallUnpinned(Rule):
    """`npm install` installs packages without pinned versions.

    ## What it does
    Flags `npm install <package>` naming a package without a version or tag (`typescript`
    rather than `typescript@5.4.5`). A bare `npm install` (from `package.json`), local folders,
    tarballs, git URLs with a `#commit` and packages given by a variable are not flagged; the
    values of options such as `--registry`, `--loglevel` or `--omit` are not packages.
    Off by default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    Without a version npm installs the newest release on the day of the build, so rebuilding
    the same Dockerfile may produce a different image.

    ## Example
    ```dockerfile
    RUN npm install -g typescript
    ```

    Use instead:
    ```dockerfile
    RUN npm install -g typescript@5.4.5
    ```

    ## References
    - hadolint DL3016
    """

    code = "DL3016"
    inputs = Inputs(keywords={"RUN"}, programs={"npm"}, scope=Scope.STAGE)
    name = "npm-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `npm install` (`package@version`): {packages}"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        pkgs = packages_after(cmd, ("install", "i"), VALUE_FLAGS)
        if not pkgs:
            return
        loose = [w for w in pkgs if not is_pinned(w.value)]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
