from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import subcommand
from ..support.packages import from_variable, operands, unpinned_message
from ..support.pip import PIP, PYTHONS, is_pip_install

# pip options whose value is a separate word.
VALUE_FLAGS = ("-b", "--build", "-e", "--editable", "--extra-index-url", "-f", "--find-links", "-i",
               "--index-url", "--implementation", "--no-binary", "--only-binary", "--platform", "--prefix",
               "--progress-bar", "--proxy", "--python-version", "--root", "--src", "-t", "--target",
               "--trusted-host", "--upgrade-strategy", "--abi", "--cert", "--client-cert", "--cache-dir",
               "--log", "--timeout", "--retries", "--exists-action", "--global-option", "--install-option",
               "--config-settings", "-C", "--report", "--python")
VERSION_OPERATORS = ("==", ">=", "<=", "!=", "~=", ">", "<", "===")
VCS = ("git+", "hg+", "svn+", "bzr+", "git:")


def is_pinned(spec: str) -> bool:
    if any(op in spec for op in VERSION_OPERATORS):
        return True
    if spec.startswith(VCS):
        return "@" in spec.split("://", 1)[-1]
    # local paths, URLs, archives and wheels name one exact artefact
    return "/" in spec or spec.startswith(".") or spec.endswith((".whl", ".tar.gz", ".zip", ".tgz"))


class PipInstallUnpinned(Rule):
    """`pip install` installs packages without pinned versions.

    ## What it does
    Flags `pip install` (and `pipx install`) naming a package without a version specifier
    (`flask` rather than `flask==3.0.3`). Requirement and constraint files (`-r`, `-c`), local paths (`.`,
    `./pkg`), URLs, wheels and archives, pinned VCS URLs (`git+https://…@v1`) and packages
    given by a variable are not flagged. Off by default.

    Stages: all (`ONBUILD RUN` too), as hadolint: an unpinned package changes a builder's output
    too.

    ## Why is this bad?
    An unpinned package is resolved at build time to the newest release, so rebuilding the
    same Dockerfile may install a different, possibly incompatible, version.

    ## Example
    ```dockerfile
    RUN pip install --no-cache-dir flask
    ```

    Use instead:
    ```dockerfile
    RUN pip install --no-cache-dir flask==3.0.3
    # or
    RUN pip install --no-cache-dir -r requirements.txt
    ```

    ## References
    - hadolint DL3013
    """

    code = "DL3013"
    inputs = Inputs(keywords={"RUN"}, programs={*PIP, *PYTHONS, "pipx"}, scope=Scope.STAGE)
    name = "pip-install-unpinned"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Pin versions in `pip install` (`package==version`), or install from a requirements file: {packages}"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if not (is_pip_install(cmd) or (cmd.program == "pipx" and subcommand(cmd) == "install")):
            return
        if cmd.has_flag("-r", "--requirement", "-c", "--constraint"):
            return
        ops = operands(cmd, VALUE_FLAGS)
        words = ops[ops.index(next(w for w in ops if w.value == "install")) + 1:] if any(
            w.value == "install" for w in ops) else []
        if any(w.value == "." for w in words):
            return
        loose = [w for w in words if not from_variable(w) and not is_pinned(w.value)]
        if loose:
            yield self.report(cmd.start, cmd.end, unpinned_message(self.message, loose))
