from __future__ import annotations

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import subcommand
from ..support.packages import SHARED_APT_SUBCOMMANDS


class AptInsteadOfAptGet(Rule):
    """A `RUN` uses `apt` instead of `apt-get`.

    ## What it does
    Flags the `apt` command in `RUN`.

    Stages: all (`ONBUILD RUN` too), as hadolint.

    ## Why is this bad?
    `apt` is the interactive front end: its command-line interface is not promised to stay
    stable, and it warns "apt does not have a stable CLI interface. Use with caution in
    scripts." Scripts and Dockerfiles should use `apt-get` (or `apt-cache` for queries).

    ## Example
    ```dockerfile
    RUN apt update && apt install -y curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Fix safety
    Unsafe: `apt-get` is offered for the subcommands both tools share (`install`, `update`,
    `remove`, …). Their defaults differ slightly (`apt` shows progress bars, and
    `apt upgrade` may install new dependencies where `apt-get upgrade` holds them back), so
    the output and, rarely, the result can change. `apt list`, `apt search`, `apt show` and
    similar queries have no `apt-get` twin and get no fix.

    ## References
    - hadolint DL3027
    """

    code = "DL3027"
    inputs = Inputs(keywords={"RUN"}, programs={"apt"}, scope=Scope.STAGE)
    name = "apt-instead-of-apt-get"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Use `apt-get` (or `apt-cache`) instead of `apt`, whose CLI is meant for people"
    fix_title = "Replace `apt` with `apt-get`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        word = cmd.unwrapped()[0]
        fix = None
        if subcommand(cmd) in SHARED_APT_SUBCOMMANDS and word.literal and ctx.df.text[word.start:word.end] == word.value:
            fix = self.make_fix([Edit.insert(word.end, "-get")], Applicability.UNSAFE)
        yield self.report(word.start, word.end, fix=fix)
