from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import zypper_subcommand

# zypper subcommands that ask for confirmation (and their short aliases)
ZYPPER_CONFIRMING = ("install", "in", "remove", "rm", "source-install", "si", "patch")
ZYPPER_YES = ("--non-interactive", "-n", "--no-confirm", "-y")


class ZypperWithoutNonInteractive(Rule):
    """`zypper` may stop and wait for a confirmation nobody can give.

    ## What it does
    Flags `zypper install|in|remove|rm|source-install|si|patch` without `-y`
    (`--no-confirm`) or the global `-n` (`--non-interactive`).

    Stages: all (`ONBUILD RUN` too): a prompt stops the build in any stage.

    ## Why is this bad?
    A build has no terminal to answer zypper's questions: without a non-interactive switch the
    build aborts (or hangs) on the first prompt.

    ## Example
    ```dockerfile
    RUN zypper install curl
    ```

    Use instead:
    ```dockerfile
    RUN zypper install -y curl
    ```

    ## Fix safety
    Safe: `-y` answers "yes" to the question the build could not answer anyway.

    ## References
    - hadolint DL3034
    """

    code = "DL3034"
    inputs = Inputs(keywords={"RUN"}, programs={"zypper"}, scope=Scope.STAGE)
    name = "zypper-without-non-interactive"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`zypper` without a non-interactive switch (`-y` or `-n`) may wait for input"
    fix_title = "Add `-y`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if cmd.has_flag(*ZYPPER_YES):
            return
        sub = zypper_subcommand(cmd)
        if sub is None or sub.value not in ZYPPER_CONFIRMING:
            return
        yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(sub.end, " -y")]))
