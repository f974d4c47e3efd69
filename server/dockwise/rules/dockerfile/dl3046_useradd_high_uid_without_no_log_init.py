from __future__ import annotations

from ...dockerfile.stages import stage_env
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


def flag_value(cmd, short: str) -> str | None:
    words = cmd.unwrapped()[1:]
    for k, w in enumerate(words):
        if w.value == short and k + 1 < len(words):
            return words[k + 1].value
        if w.value.startswith(short) and not w.value.startswith("--") and len(w.value) > 2:
            return w.value[2:]
    return None


def resolved_uid(df, ins, word: str) -> str | None:
    """The UID a `-u` argument stands for: its digits, or the ARG/ENV default its variable
    holds; None when unknown (a build argument without default, a command substitution)."""
    if "$" not in word:
        return word
    if "$(" in word or "`" in word or ins.stage is None:
        return None
    exp = expand(word, stage_env(df, ins.stage, ins), df.escape)
    return None if exp.unknown else exp.value


class UseraddHighUidWithoutNoLogInit(Rule):
    """`useradd` with a high UID and without `-l` bloats the image.

    ## What it does
    Flags `useradd -u <uid>` with a UID of six digits or more, without `-l` (`--no-log-init`).
    A UID given by a variable (`-u "$APP_UID"`) is judged by the default of the `ARG`/`ENV`
    it names; a variable with no known value is not judged.

    Stages: all: the huge login records are written in any stage that runs `useradd`.

    ## Why is this bad?
    useradd records the user in `/var/log/lastlog` and `/var/log/faillog`, sparse files indexed
    by UID. Image layers do not keep them sparse, so a UID like 100000000 writes gigabytes of
    zeros into the layer.

    ## Example
    ```dockerfile
    RUN useradd -u 123456 app
    ```

    Use instead:
    ```dockerfile
    RUN useradd -l -u 123456 app
    ```

    ## References
    - hadolint DL3046
    """

    code = "DL3046"
    inputs = Inputs(keywords={"RUN"}, programs={"useradd"}, scope=Scope.STAGE)
    name = "useradd-high-uid-without-no-log-init"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "`useradd` with a high UID and without `-l` (`--no-log-init`) makes the image excessively large"

    def check_command(self, cmd, ins, _script, ctx: RuleContext):
        if cmd.has_flag("-l", "--no-log-init"):
            return
        uid = flag_value(cmd, "-u")
        if uid is None:
            for w in cmd.unwrapped()[1:]:
                if w.value.startswith("--uid="):
                    uid = w.value[6:]
            words = [w.value for w in cmd.unwrapped()[1:]]
            if uid is None and "--uid" in words and words.index("--uid") + 1 < len(words):
                uid = words[words.index("--uid") + 1]
        if uid is not None:
            uid = resolved_uid(ctx.df, ins, uid)
        if uid is not None and uid.isdigit() and len(uid) > 5:
            yield self.report(cmd.start, cmd.end)
