from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class CdInsteadOfWorkdir(Rule):
    """A `RUN` changes directory with `cd`.

    ## What it does
    Flags `cd` in `RUN` commands to a fixed directory that a `WORKDIR` could name instead.
    Unlike hadolint, it does not flag a `cd` that no `WORKDIR` could replace: into a
    directory the same `RUN` just made (an unpacked tarball, a clone, `mktemp -d`, a path in
    a variable set while the RUN runs), or back to `/` or up with `..`.

    Stages: all (`ONBUILD RUN` too), as hadolint.

    ## Why is this bad?
    `cd` only lasts for the one `RUN`; the next instruction starts again in the `WORKDIR`.
    Chains of `cd dir && …` are harder to read than a `WORKDIR`, and a failing `cd` in a
    script without `set -e` lets the following commands run in the wrong directory.

    ## Example
    ```dockerfile
    RUN cd /usr/src/app && make
    ```

    Use instead:
    ```dockerfile
    WORKDIR /usr/src/app
    RUN make
    ```

    No automatic fix: moving the `cd` into a `WORKDIR` changes the directory of every later
    instruction, and a `cd` in the middle of a chain cannot be lifted out at all.

    ## References
    - hadolint DL3003
    """

    code = "DL3003"
    inputs = Inputs(keywords={"RUN"}, programs={"cd"}, scope=Scope.STAGE)
    name = "cd-instead-of-workdir"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Use `WORKDIR` to switch to a directory instead of `cd`"

    def check_command(self, cmd, _ins, script, ctx: RuleContext):
        if _workdir_could_do_it(script, cmd):
            yield self.report(cmd.start, cmd.end)


# Commands that make directories: a `cd` after one of them in the same RUN usually enters what
# it made (an unpacked tarball, a clone, a mktemp directory), which no WORKDIR could do.
DIRECTORY_MAKERS = frozenset({"tar", "bsdtar", "unzip", "7z", "git", "mkdir", "mktemp", "cp", "mv", "ln", "wget",
                              "curl", "docker-php-source", "svn", "hg", "dpkg-source", "apt-get", "cargo"})


def _workdir_could_do_it(script, cmd) -> bool:
    """The `cd` names a fixed directory that exists before the RUN: `WORKDIR` would say it better."""
    targets = cmd.positional()
    if len(targets) != 1 or (not targets[0].literal and _set_while_running(script, targets[0].value)):
        return False  # `cd "$tempDir"`, `cd $(mktemp -d)`: only known while the RUN runs
    target = targets[0].value
    if target in ("/", "-", ".", "..", "~") or target.startswith(("..", "~")):
        return False  # back to the root or home, or up: leaves a directory rather than choosing one
    earlier = script.commands[:cmd.index]
    return not any(c.program in DIRECTORY_MAKERS for c in earlier)


def _set_while_running(script, target: str) -> bool:
    """The directory comes from the RUN itself (`$(mktemp -d)`, a variable the script assigns),
    not from an `ENV`/`ARG` a `WORKDIR` could use too."""
    if "$(" in target or "`" in target or re.search(r"\$\{\w+[^}\w]", target):
        return True  # a command's output, or shell-only expansions such as `${PHP_INI_DIR%/php}`
    names = re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", target)
    return not names or any(re.search(rf"(^|[\s;&|(]){name}=", script.text) for name in names)
