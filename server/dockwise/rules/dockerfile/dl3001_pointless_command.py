from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

# Interactive tools, process/service managers and host administration: none of them does
# anything useful while an image is being built.
POINTLESS = ("free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim")


class PointlessCommand(Rule):
    """A `RUN` uses a command that makes no sense while building an image.

    ## What it does
    Flags `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` and
    `ifconfig` in `RUN` commands (also behind `sudo`, and in heredoc scripts).

    Stages: all (`ONBUILD RUN` too), as hadolint: such a command is as pointless in a builder
    stage.

    ## Why is this bad?
    A build step has no terminal, no init system and no running services; it is an isolated
    process whose only product is the file system it leaves behind. Interactive editors hang
    or do nothing, `service x start` starts a process that dies with the step, and `ps`,
    `free` or `top` report on a throw-away build container. The command is either a leftover
    or a sign that work meant for container start-up (an entrypoint) ended up in the build.

    ## Example
    ```dockerfile
    RUN service nginx start
    ```

    Use instead:
    ```dockerfile
    CMD ["nginx", "-g", "daemon off;"]
    ```

    ## References
    - hadolint DL3001
    """

    code = "DL3001"
    inputs = Inputs(keywords={"RUN"}, programs=POINTLESS, scope=Scope.STAGE)
    name = "pointless-command-in-build"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "`{program}` makes no sense in a build step"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        yield self.report(cmd.start, cmd.end, self.message.format(program=cmd.program))
