from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class PasswordSetInRun(Rule):
    """A `RUN` sets a user's password.

    ## What it does
    Flags `chpasswd`, `passwd --stdin`, a `passwd` fed by a pipe, and `useradd`/`usermod`
    given `-p`/`--password`.

    Stages: all (`ONBUILD RUN` too): the password stays readable in the Dockerfile and the
    build's cache whichever stage sets it.

    ## Why is this bad?
    The password is written in the Dockerfile and kept in the image's history
    (`docker history`) and in `/etc/shadow` of every container: anyone with the image has it.
    Containers rarely need passwords at all; use `--mount=type=secret` if one is unavoidable,
    or lock the account (`passwd -l`).

    ## Example
    ```dockerfile
    RUN echo 'app:s3cret' | chpasswd
    ```

    Use instead:
    ```dockerfile
    RUN useradd --create-home app
    USER app
    ```

    ## References
    - checkov CKV2_DOCKER_17
    """

    code = "DW214"
    inputs = Inputs(keywords={"RUN"}, programs={"chpasswd", "passwd", "useradd", "usermod", "adduser"}, scope=Scope.STAGE)
    name = "password-set-in-run"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "`{prog}` bakes a password into the image"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        prog = cmd.program
        if prog == "chpasswd":
            hit = True
        elif prog == "passwd":
            hit = cmd.has_flag("--stdin") or any(c.pipes_into is cmd for c in script.commands)
        else:
            hit = prog in ("useradd", "usermod") and cmd.has_flag("-p", "--password")
        if hit:
            yield self.report(cmd.start, cmd.end, self.message.format(prog=prog))
