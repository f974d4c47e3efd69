from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import commands


class CdInsteadOfWorkdir(Rule):
    """A `RUN` changes directory with `cd`.

    ## What it does
    Flags `cd` in `RUN` commands.

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
    stage_local = True
    reads = frozenset({"RUN"})
    programs = frozenset({"cd"})
    name = "cd-instead-of-workdir"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Use `WORKDIR` to switch to a directory instead of `cd`"

    def check(self, ctx: RuleContext):
        for _ins, _script, cmd in commands(ctx.df, "cd"):
            yield self.report(cmd.start, cmd.end)
