from __future__ import annotations

import re

from ...dockerfile.shell import shell_of
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import script_of
from ...lazy_regex import lazy_compile

PIPEFAIL_SHELLS = ("bash", "zsh", "ash", "ksh", "mksh")


def sets_pipefail(words: list[str]) -> bool:
    """`-o pipefail` (or `-eo pipefail`, `-euxo pipefail`) among shell options."""
    for a, b in zip(words, words[1:]):
        if b == "pipefail" and a.startswith("-") and not a.startswith("--") and a.endswith("o"):
            return True
    return "-opipefail" in words


def script_sets_pipefail(script) -> bool:
    """The script turns pipefail on (`set -o pipefail`, `set -euo pipefail`) before its first pipe."""
    first_pipe = min((c.start for c in script.commands if c.in_pipeline), default=None)
    for cmd in script.commands:
        if first_pipe is not None and cmd.start > first_pipe:
            break
        if cmd.program == "set" and sets_pipefail([w.value for w in cmd.argv[1:]]):
            return True
    return False


# Commands that feed a pipe without a failure worth catching: what they print is fixed.
CANNOT_FAIL = frozenset({"echo", "printf", "yes", "true", ":", "uname", "arch"})
# Programs that print a fixed answer only with exactly these arguments (`dpkg -l` can fail;
# `dpkg --print-architecture | sed …` is the architecture idiom of Debian-based images).
CANNOT_FAIL_WITH = {
    "dpkg": (("--print-architecture",),),
    "apk": (("--print-arch",),),
}


def cannot_fail(cmd) -> bool:
    """`cmd` prints a fixed answer: one of CANNOT_FAIL, or a CANNOT_FAIL_WITH form."""
    program = cmd.program
    if program in CANNOT_FAIL:
        return True
    forms = CANNOT_FAIL_WITH.get(program)
    return forms is not None and tuple(w.value for w in cmd.unwrapped()[1:]) in forms


def status_discarded(cmd, script) -> bool:
    """`cmd` runs in a command substitution that is an argument of another command
    (`rpm -i pkg-$(uname -m | sed …).rpm`): the substitution's status is thrown away, so no
    failure inside it can fail the RUN, with or without pipefail. (In a bare assignment,
    `ARCH=$(dpkg … | sed …)`, the status is the assignment's, and it counts.)"""
    if not cmd.in_substitution:
        return False
    return any(c is not cmd and c.argv and c.start < cmd.start and cmd.end <= c.end for c in script.commands)


# An awk program whose END block exits non-zero unless it saw what it looks for
# (`END { if (!found) { print "FIPS is not active"; exit 1 } }`): a producer that fails and
# prints nothing fails the pipe anyway.
_AWK_END_CHECK = lazy_compile(r"\bEND\s*\{.*\bexit\s+[1-9]", re.DOTALL)


def fails_without_input(cmd) -> bool:
    """The pipe's last command exits non-zero on empty input: a grep for a pattern, or an awk
    check."""
    last = cmd
    while last.pipes_into is not None and last.pipes_into is not last:
        last = last.pipes_into
    if last.program in ("grep", "egrep", "fgrep") and not any(
            w.value.startswith("-") and not w.value.startswith("--") and "v" in w.value or w.value == "--invert-match"
            for w in last.args):
        return True  # `producer | grep PATTERN`: no input, no match, exit 1
    if last.program not in ("awk", "gawk", "mawk", "nawk", "busybox"):
        return False
    return any(_AWK_END_CHECK.search(w.value) for w in last.args)


class PipeWithoutPipefail(Rule):
    """A `RUN` with a pipe hides failures of all but the last command.

    ## What it does
    Flags a shell-form (or heredoc) `RUN` containing a pipe when neither the stage's `SHELL` sets
    `-o pipefail` nor the script runs `set -o pipefail` before its first pipe. A pipe fed only
    by commands that print fixed text (`echo "$SUM *f" | sha256sum -c -`, `printf … | tee`,
    `dpkg --print-architecture | sed …`, `uname -m | sed …`, `arch`, `apk --print-arch`) is
    not flagged: only its last command can fail, so `pipefail` would change nothing. Nor is a
    pipe inside a command substitution that is an argument of another command
    (`rpm -i code-server-$(uname -m | sed 's/x86_64/amd64/').rpm`): the substitution's status
    is thrown away, so it never fails the `RUN`. Nor is a pipe into an awk check whose `END`
    block exits non-zero unless it found what it looks for (`openssl list -providers | awk
    '… END { if (!found) exit 1 }'`), or into a `grep` for a pattern (`locale -a | grep
    en_US.utf8`, `ldd app | grep -q libvips`; not `grep -v`): a producer that fails prints
    nothing, and the check fails (or answers "not found") by itself (hadolint reports all
    of these).

    Stages: all (`ONBUILD RUN` too), as hadolint: a failure hidden in a pipe goes unnoticed in a
    builder stage as well, and breaks what it hands over.

    ## Why is this bad?
    A pipeline's status is that of its last command: in `RUN wget -O- $URL | tar xz` a failed
    download still "succeeds" and the build goes on with a broken layer.

    ## Example
    ```dockerfile
    RUN wget -O - https://example.com/install.sh | sh
    ```

    Use instead:
    ```dockerfile
    SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    RUN wget -O - https://example.com/install.sh | sh
    ```

    ## Fix safety
    Unsafe, and offered only when the stage's `SHELL` is bash (or zsh/ash/ksh) without pipefail:
    it prefixes the script with `set -o pipefail && `, so a failing command inside a pipe now
    fails the build. `pipefail` is not POSIX (older `dash` rejects it), hence no fix for the
    default `/bin/sh`.

    ## References
    - hadolint DL4006 (which does not accept `set -o pipefail` in the RUN itself; dockwise does)
    """

    code = "DL4006"
    inputs = Inputs(keywords={"RUN"}, scope=Scope.STAGE)
    name = "pipe-without-pipefail"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Set `-o pipefail` (in `SHELL` or the script) before a `RUN` with a pipe"
    fix_title = "Prefix the script with `set -o pipefail && `"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        script = script_of(df, ins)
        if script is None:
            return
        feeders = [c for c in script.commands if c.in_pipeline and c.pipes_into is not None]
        if not feeders:
            return
        shell = shell_of(df, ins)
        if shell and sets_pipefail(shell):
            return
        pipes = [c for c in feeders if not cannot_fail(c) and not status_discarded(c, script)
                 and not fails_without_input(c)]
        if not pipes or script_sets_pipefail(script):
            # `echo "$SUM *f" | sha256sum -c -` (only the last command can fail), or `set -o
            # pipefail` in the script: hadolint reports both, so its pragmas there are used
            yield self.report(feeders[0].start, feeders[0].end, hadolint_only=True)
            return
        fix = None
        name = shell[0].rsplit("/", 1)[-1] if shell else ""
        if name in PIPEFAIL_SHELLS and not script.from_heredoc and not ins.heredocs and not script.has_error:
            fix = self.make_fix([Edit.insert(ins.rest_start, "set -o pipefail && ")], Applicability.UNSAFE)
        yield self.report(pipes[0].start, pipes[0].end, fix=fix)
