from __future__ import annotations

import re

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import commands, instructions

OCTAL = re.compile(r"^0?([0-7]?)([0-7])([0-7])([0-7])$")
SYMBOLIC = re.compile(r"^([ugoa]*)([+=])([rwxXst]*)$")


def world_writable(mode: str) -> bool:
    """True when `mode` gives everyone write access (sticky directories such as 1777 excepted)."""
    m = OCTAL.match(mode)
    if m:
        special, other = m.group(1), int(m.group(4))
        sticky = special != "" and int(special) & 1
        return bool(other & 2) and not sticky
    clauses = [SYMBOLIC.match(c) for c in mode.split(",")]
    if any(c and c.group(2) in "+=" and "t" in c.group(3) for c in clauses):
        return False  # sticky: the /tmp idiom
    return any(c and "w" in c.group(3) and c.group(2) in "+=" and ("o" in c.group(1) or "a" in c.group(1))
               for c in clauses)


class WorldWritablePermissions(Rule):
    """`chmod` makes files writable by every user.

    ## What it does
    Flags `chmod 777`, `666`, `o+w`, `a+rwx` and any mode that gives "others" write access,
    in `RUN` and in `COPY`/`ADD --chmod`. Sticky modes such as `1777` (the `/tmp` idiom) are
    fine, and so is a scratch directory the same `RUN` deletes again.

    ## Why is this bad?
    Any process in the container, whatever user it runs as, can then replace the program,
    script or configuration, which turns a small compromise (or a mistake) into code running
    as the application's owner or as root. Give ownership to the user that needs to write
    (`chown`, `COPY --chown`) and keep modes like `755`/`644`.

    ## Example
    ```dockerfile
    RUN chmod -R 777 /app
    ```

    Use instead:
    ```dockerfile
    RUN chown -R app:app /app && chmod -R u+rwX,go+rX,go-w /app
    ```

    ## References
    - CWE-732 (incorrect permission assignment); no checkov/trivy Dockerfile check covers it
    """

    code = "DW215"
    stage_local = True
    reads = frozenset({"RUN", "COPY", "ADD"})
    programs = frozenset({"chmod"})
    name = "world-writable-permissions"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "`chmod {mode}` makes files writable by every user"

    def check(self, ctx: RuleContext):
        for ins, script, cmd in commands(ctx.df, "chmod"):
            pos = cmd.positional()
            if pos and pos[0].literal and world_writable(pos[0].value) and not _removed_later(ctx.df, script, cmd, pos[1:]):
                yield self.report(cmd.start, cmd.end, self.message.format(mode=pos[0].value))
        for ins in instructions(ctx.df, "COPY", "ADD"):
            flag = ins.flag("chmod")
            if flag is not None and flag.value and world_writable(flag.value):
                yield self.report(flag.start, flag.end, self.message.format(mode=flag.value))


def _removed_later(df, script, chmod, targets) -> bool:
    """Every path made world-writable is deleted later in the same RUN (a scratch directory such
    as nginx's `tempDir="$(mktemp -d)" && chmod 777 "$tempDir" … rm -rf "$tempDir"`): nothing
    world-writable reaches the layer."""
    def spelled(word) -> str:
        return df.text[word.start:word.end].strip("\"'")
    removed = {spelled(w) for c in script.commands[chmod.index + 1:] if c.program == "rm" for w in c.positional()}
    return bool(targets) and all(spelled(t) in removed for t in targets)
