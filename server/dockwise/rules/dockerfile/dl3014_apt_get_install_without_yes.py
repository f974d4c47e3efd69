from __future__ import annotations

from ...dockerfile.shell import Command
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import apt_get_subcommand, apt_option


def _assumes_yes(cmd: Command) -> bool:
    if cmd.has_flag("-y", "--yes", "--assume-yes", "--force-yes"):
        return True
    for w in cmd.unwrapped()[1:]:
        v = w.value
        # quiet level 2 implies -y: `-qq`, `-q=2`, `--quiet=2`
        if v.startswith("-") and not v.startswith("--") and "=" not in v and v.count("q") >= 2:
            return True
        if v in ("-q=2", "--quiet=2", "-q2"):
            return True
    return apt_option(cmd, "APT::Get::Assume-Yes") in ("1", "true", "yes")


def fed_by_yes(script, cmd: Command) -> bool:
    """`yes | apt-get install …` answers the prompts."""
    return any(c.pipes_into is cmd and c.program == "yes" for c in script.commands)


class AptGetInstallWithoutYes(Rule):
    """`apt-get install` may stop at a confirmation prompt.

    ## What it does
    Flags `apt-get install` without `-y` (or `--yes`, `--assume-yes`, quiet level 2 such as
    `-qq`, which implies `-y`, or `-o APT::Get::Assume-Yes=true`). A command fed by
    `yes |` is not flagged.

    Stages: all (`ONBUILD RUN` too): a prompt stops the build in any stage.

    ## Why is this bad?
    A build has no terminal to answer "Do you want to continue? [Y/n]". Without `-y`,
    apt-get aborts as soon as it would install anything beyond the named packages, so the
    build fails or behaves differently depending on what the base image already contains.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y curl
    ```

    ## Fix safety
    Safe: `-y` only answers the prompt the build could not answer anyway.

    ## References
    - hadolint DL3014
    """

    code = "DL3014"
    inputs = Inputs(keywords={"RUN"}, programs={"apt-get"}, scope=Scope.STAGE)
    name = "apt-get-install-without-yes"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`apt-get install` without `-y` can stop at a prompt the build cannot answer"
    fix_title = "Add `-y`"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        install = apt_get_subcommand(cmd, "install")
        if install is None or _assumes_yes(cmd) or fed_by_yes(script, cmd):
            return
        yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(install.end, " -y")]))
