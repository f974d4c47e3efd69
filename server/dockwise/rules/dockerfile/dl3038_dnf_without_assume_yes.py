from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.packages import DNF

DNF_CONFIRMING = ("install", "groupinstall", "localinstall", "reinstall", "remove", "erase",
                  "upgrade", "update", "downgrade", "distro-sync", "autoremove")


def dnf_words(cmd):
    """The non-flag words after `dnf`: the subcommand first (`module install x` keeps both)."""
    return cmd.positional()


class DnfWithoutAssumeYes(Rule):
    """`dnf install` may stop and wait for a confirmation nobody can give.

    ## What it does
    Flags `dnf` commands that install, upgrade or remove packages without `-y`
    (`--assumeyes`). `microdnf` is not flagged: it never asks (its `-y` does nothing), which
    the official images built on it rely on.

    Stages: all (`ONBUILD RUN` too): a prompt stops the build in any stage.

    ## Why is this bad?
    A build has no terminal: dnf's "Is this ok [y/N]" prompt gets no answer and the build fails.

    ## Example
    ```dockerfile
    RUN dnf install httpd
    ```

    Use instead:
    ```dockerfile
    RUN dnf install -y httpd
    ```

    ## Fix safety
    Safe: `-y` answers "yes" to the question the build could not answer anyway.

    ## References
    - hadolint DL3038
    """

    code = "DL3038"
    inputs = Inputs(keywords={"RUN"}, programs=DNF, scope=Scope.STAGE)
    name = "dnf-without-assume-yes"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`dnf` without `-y` may wait for input"
    fix_title = "Add `-y`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if cmd.program == "microdnf" or cmd.has_flag("-y", "--assumeyes"):  # microdnf never asks
            return
        words = dnf_words(cmd)
        sub = next((w for w in words if w.value in DNF_CONFIRMING), None)
        if sub is None or words[0].value not in DNF_CONFIRMING + ("module", "group", "groups"):
            return
        yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(sub.end, " -y")]))
