from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class WgetWithoutProgress(Rule):
    """`wget` without a progress setting floods the build log.

    ## What it does
    Flags `wget` without `--progress=…`, `-q`/`--quiet`, `-nv`/`--no-verbose`, or a log file
    (`-o`, `-a`).

    Stages: all (`ONBUILD RUN` too), as hadolint: the progress bars flood any stage's build log.

    ## Why is this bad?
    Without a terminal wget falls back to a dot progress display that prints a line per few
    kilobytes: a large download writes thousands of lines into the build log.

    ## Example
    ```dockerfile
    RUN wget https://example.com/big.tar.gz
    ```

    Use instead:
    ```dockerfile
    RUN wget --progress=dot:giga https://example.com/big.tar.gz
    ```

    ## Fix safety
    Safe: `--progress=dot:giga` only changes how progress is printed.

    ## References
    - hadolint DL3047
    """

    code = "DL3047"
    inputs = Inputs(keywords={"RUN"}, programs={"wget"}, scope=Scope.STAGE)
    name = "wget-without-progress"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = "`wget` without `--progress` (or `-q`/`-nv`) bloats the build log"
    fix_title = "Add `--progress=dot:giga`"

    def check_command(self, cmd, _ins, _script, ctx: RuleContext):
        if cmd.has_flag("--progress", "-q", "--quiet", "-o", "--output-file", "-a", "--append-output",
                        "--no-verbose", "-nv"):
            return
        prog = cmd.unwrapped()[0]
        yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(prog.end, " --progress=dot:giga")]))
