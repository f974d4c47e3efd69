from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

INSTALLS = ("install", "groupinstall", "localinstall")


class YumInstallWithoutYes(Rule):
    """`yum install` without `-y`.

    ## What it does
    Flags `yum install`, `yum groupinstall` and `yum localinstall` without `-y` or
    `--assumeyes`.

    Stages: all (`ONBUILD RUN` too): a prompt stops the build in any stage.

    ## Why is this bad?
    A build has no one to answer yum's "Is this ok [y/N]" prompt: yum reads end-of-file,
    takes it as "no" and exits with an error, and the build fails.

    ## Example
    ```dockerfile
    RUN yum install httpd && yum clean all
    ```

    Use instead:
    ```dockerfile
    RUN yum install -y httpd && yum clean all
    ```

    ## Fix safety
    Safe: `-y` only answers the confirmation prompt, which cannot be answered in a build.

    ## References
    - hadolint DL3030
    """

    code = "DL3030"
    inputs = Inputs(keywords={"RUN"}, programs={"yum"}, scope=Scope.STAGE)
    name = "yum-install-without-yes"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    message = "`yum {sub}` without `-y` waits for a confirmation no one can give"
    fix_title = "Add `-y`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        sub = next((w for w in cmd.unwrapped()[1:] if w.value in INSTALLS), None)
        if sub is None or cmd.has_flag("-y", "--assumeyes"):
            return
        fix = self.make_fix([Edit.insert(sub.end, " -y")])
        yield self.report(cmd.start, cmd.end, self.message.format(sub=sub.value), fix=fix)
