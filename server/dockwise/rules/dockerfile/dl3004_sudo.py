from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import script_of


class Sudo(Rule):
    """A `RUN` uses `sudo`.

    ## What it does
    Flags `sudo` in `RUN` commands.

    Stages: all (`ONBUILD RUN` too), as hadolint: `sudo` is as out of place in a builder stage.

    ## Why is this bad?
    Build steps already run as the current `USER`; `sudo` adds a setuid binary to the image,
    needs a sudoers configuration, behaves differently with and without a TTY and changes the
    environment the command sees. To run a step as root, switch with `USER root` and back; to
    drop privileges at run time, use a tool made for it such as `gosu` or `su-exec`.

    ## Example
    ```dockerfile
    USER app
    RUN sudo apt-get install -y curl
    ```

    Use instead:
    ```dockerfile
    USER root
    RUN apt-get install -y curl
    USER app
    ```

    ## References
    - hadolint DL3004
    """

    code = "DL3004"
    # as written: `Command.program` looks through sudo
    inputs = Inputs(keywords={"RUN"}, programs={"sudo"}, scope=Scope.STAGE)
    name = "sudo-in-run"
    category = Category.SECURITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Do not use `sudo`: switch `USER` instead, or use `gosu` to drop privileges"

    def check_instruction(self, ins, ctx: RuleContext):
        # by the word as written: `Command.program` is what sudo runs
        script = script_of(ctx.df, ins)
        for cmd in script.commands if script is not None else ():
            if cmd.argv and (cmd.argv[0].value == "sudo" or cmd.argv[0].value.endswith("/sudo")):
                yield self.report(cmd.argv[0].start, cmd.argv[0].end)
