from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class ShellSymlink(Rule):
    """`RUN ln … /bin/sh` replaces the default shell behind Docker's back.

    ## What it does
    Flags `ln` commands whose target is `/bin/sh`.

    Stages: all (`ONBUILD RUN` too), as hadolint.

    ## Why is this bad?
    Relinking `/bin/sh` changes the shell for every later `RUN` and for every program in the
    image that calls `sh`, invisibly. The `SHELL` instruction changes only what Docker runs.

    ## Example
    ```dockerfile
    RUN ln -sf /bin/bash /bin/sh
    ```

    Use instead:
    ```dockerfile
    SHELL ["/bin/bash", "-c"]
    ```

    ## References
    - hadolint DL4005
    """

    code = "DL4005"
    inputs = Inputs(keywords={"RUN"}, programs={"ln"}, scope=Scope.STAGE)
    name = "shell-symlink"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Use `SHELL` to change the default shell instead of relinking `/bin/sh`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if any(w.value == "/bin/sh" for w in cmd.positional()):
            yield self.report(cmd.start, cmd.end)
