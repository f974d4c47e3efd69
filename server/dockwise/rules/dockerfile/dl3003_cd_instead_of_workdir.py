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
    a variable set while the RUN runs, a folder an earlier `mkdir`/`cp`/`rsync`… names, or
    one an earlier command of the RUN is handed exactly, such as `bench init /home/frappe/bench`
    or `composer create-project vendor/app /app`, unless it only reads or changes a path, such as
    `chown`), or back to `/` or up with `..`.

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


# Commands that make directories whose names the command line does not give (an unpacked
# tarball, a clone, a source package): a `cd` after one of them in the same RUN usually enters
# what it made, which no WORKDIR could do.
UNNAMED_MAKERS = frozenset({"tar", "bsdtar", "unzip", "7z", "git", "mktemp", "docker-php-source", "svn", "hg",
                            "dpkg-source", "apt-get", "cargo"})
# Commands that make the directories their arguments name (`mkdir -p /src/app`, `cp -r x /opt/x`,
# `wget -P /tmp/dl`): a `cd` after one enters what it made only when an argument names it.
NAMED_MAKERS = frozenset({"mkdir", "cp", "mv", "ln", "wget", "curl", "install", "rsync"})
# Commands that only read or change a path that exists already: naming the `cd`'s target does
# not make it. Any other command handed exactly that path most likely makes it (`bench init
# /home/frappe/frappe-bench`, `composer create-project x /app`, `django-admin startproject`).
NOT_MAKERS = frozenset({"cd", "chown", "chmod", "chgrp", "ls", "cat", "rm", "test", "[", "stat", "find", "du",
                        "grep", "sed", "echo", "printf", "source", ".", "touch", "pwd", "realpath", "readlink"})


def _workdir_could_do_it(script, cmd) -> bool:
    """The `cd` names a fixed directory that exists before the RUN: `WORKDIR` would say it better."""
    targets = cmd.positional()
    if len(targets) != 1 or (not targets[0].literal and _set_while_running(script, targets[0].value)):
        return False  # `cd "$tempDir"`, `cd $(mktemp -d)`: only known while the RUN runs
    target = targets[0].value
    if target in ("/", "-", ".", "..", "~") or target.startswith(("..", "~")):
        return False  # back to the root or home, or up: leaves a directory rather than choosing one
    for c in script.commands[:cmd.index]:
        if c.program in UNNAMED_MAKERS:
            return False
        if c.program in NAMED_MAKERS and any(_may_make(w.value, target) for w in c.argv[1:]):
            return False
        if c.program not in NOT_MAKERS and _handed_exactly(c, target):
            return False
    return True


def _handed_exactly(cmd, target: str) -> bool:
    """Whether an argument (or an option's `=value`) is exactly the absolute `target`."""
    target = target.rstrip("/")
    if not target.startswith("/"):
        return False
    for w in cmd.argv[1:]:
        value = w.value.split("=", 1)[1] if w.value.startswith("--") and "=" in w.value else w.value
        if value.rstrip("/") == target:
            return True
    return False


def _may_make(word: str, target: str) -> bool:
    """Whether a maker's argument may name the `cd`'s target or a directory inside it (made with
    its parents: `mkdir -p /opt/app/static` makes `/opt/app`) or around it (`cp -r app /opt`).
    A relative argument is taken as the target's last parts (the directory of the RUN is not
    known here): `mkdir build && cd /src/build`."""
    word, target = word.rstrip("/") or "/", target.rstrip("/") or "/"
    if word.startswith("-") or "://" in word:
        word = word.split("=", 1)[1] if word.startswith("--") and "=" in word else ""  # --directory=/x
        if not word or "://" in word:
            return False
    if not word.startswith("/") or not target.startswith("/"):
        tail = "/" + target.lstrip("./")
        relative = "/" + word.lstrip("./")
        return (relative + "/") in (tail + "/") or not target.startswith("/")
    return word == target or word.startswith(target + "/") or target.startswith(word + "/")


def _set_while_running(script, target: str) -> bool:
    """The directory comes from the RUN itself (`$(mktemp -d)`, a variable the script assigns),
    not from an `ENV`/`ARG` a `WORKDIR` could use too."""
    if "$(" in target or "`" in target or re.search(r"\$\{\w+[^}\w]", target):
        return True  # a command's output, or shell-only expansions such as `${PHP_INI_DIR%/php}`
    names = re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", target)
    return not names or any(re.search(rf"(^|[\s;&|(]){name}=", script.text) for name in names)
