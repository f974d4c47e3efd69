from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile

WINDOWS_ABSOLUTE = lazy_compile(r"^(?:[A-Za-z]:|\\)")


class WorkdirRelativePath(Rule):
    """`WORKDIR` is given a relative path.

    ## What it does
    Flags `WORKDIR` whose path is neither absolute (`/app`, `C:\\app`) nor starts with a
    variable (`$HOME/app`, `${APP_DIR}`), whose value cannot be judged statically.

    Stages: all (`ONBUILD WORKDIR` too): a relative `WORKDIR` depends on the base's in any
    stage.

    ## Why is this bad?
    A relative `WORKDIR` is resolved against whatever the previous working directory was,
    which the base image decides and may change between its versions. An absolute path
    says where files end up.

    ## Example
    ```dockerfile
    WORKDIR app
    ```

    Use instead:
    ```dockerfile
    WORKDIR /app
    ```

    ## References
    - hadolint DL3000
    - BuildKit check `WorkdirRelativePath`
    """

    code = "DL3000"
    inputs = Inputs(keywords={"WORKDIR"}, scope=Scope.STAGE)
    name = "workdir-relative-path"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Use an absolute path in `WORKDIR`"
    buildkit_name = "WorkdirRelativePath"

    def check_instruction(self, ins, ctx: RuleContext):
        if not ins.rest:
            return
        path = unquote(ins.rest.strip())
        if path.startswith(("$", "/")) or WINDOWS_ABSOLUTE.match(path):
            return
        yield self.report(ins.rest_start, ins.rest_end)
