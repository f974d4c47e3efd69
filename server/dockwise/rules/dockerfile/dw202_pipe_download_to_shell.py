from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

DOWNLOADERS = frozenset({"curl", "wget", "fetch", "http", "https"})
INTERPRETERS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "python", "python2", "python3",
                          "perl", "ruby", "node", "php", "pwsh", "powershell"})


_INLINE_CODE = frozenset({"-c", "-e", "-E", "-m", "-p", "-r", "--eval", "--print", "-Command", "-File"})


def runs_stdin(cmd) -> bool:
    """An interpreter that executes what it reads on stdin: `sh`, `bash -s -- x`, `python3 -`;
    not `python3 -c '…'` or `sh script.sh`, where the pipe is only data."""
    prog = cmd.program
    if not (prog in INTERPRETERS or (prog.startswith("python3.") and prog[8:].isdigit())):
        return False
    for w in cmd.unwrapped()[1:]:
        v = w.value
        if v in ("-s", "-", "--"):
            return True
        if v in _INLINE_CODE or (v.startswith("-") and not v.startswith("--") and "c" in v[1:] and prog in
                                 ("sh", "bash", "dash", "ash", "zsh", "ksh")):
            return False
        if not v.startswith("-"):
            return False  # a script file (or busybox applet) as first operand
    return True


class PipeDownloadToShell(Rule):
    """A downloaded script is piped straight into a shell or interpreter.

    ## What it does
    Flags `curl …  | sh` (also `wget -O- … | bash`, `| sudo bash -s --`, `| python3`…):
    a downloader whose output feeds, directly or through other commands in the same
    pipeline, a shell or script interpreter.

    Stages: all (`ONBUILD RUN` too): an unverified script run in a builder stage can tamper with
    everything it builds and hands over.

    ## Why is this bad?
    The build runs whatever the server returns that day, unreviewed and unpinned: a
    compromised or changed script, or a truncated download, runs as root in the build.
    Pipes also hide failures: without `pipefail` a failed download still "succeeds".

    ## Example
    ```dockerfile
    RUN curl -fsSL https://example.com/install.sh | sh
    ```

    Use instead:
    ```dockerfile
    ADD --checksum=sha256:… https://example.com/install.sh /tmp/install.sh
    RUN sh /tmp/install.sh && rm /tmp/install.sh
    ```
    """

    code = "DW202"
    inputs = Inputs(keywords={"RUN"}, programs=DOWNLOADERS, scope=Scope.STAGE)
    name = "pipe-download-to-shell"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "A downloaded script is piped into a shell or interpreter without being verified"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        target = cmd.pipes_into
        seen = 0
        while target is not None and not runs_stdin(target) and seen < 10:
            target = target.pipes_into
            seen += 1
        if target is None or not runs_stdin(target):
            return
        yield self.report(cmd.start, target.end,
                          f"A downloaded script is piped into `{target.program}` without being verified")
