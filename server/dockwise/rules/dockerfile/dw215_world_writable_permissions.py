from __future__ import annotations

import re

from ...analysis.shipping import shipping
from ...dockerfile.stages import stage_env
from ...dockerfile.variables import expand
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ...lazy_regex import lazy_compile
from ..support.helpers import commands, instructions
from ..support.runs_as_root import PRIVILEGE_DROPPERS

# A toolchain's home, opened so that builds under any user (a CI runner's UID, `docker run -u`)
# can add crates, toolchains and modules: the official rust image's idiom for RUSTUP_HOME and
# CARGO_HOME, and the same for Go's module cache.
TOOLCHAIN_VARIABLES = frozenset({"CARGO_HOME", "RUSTUP_HOME", "GOPATH", "GOMODCACHE"})
TOOLCHAIN_DIRS = frozenset({".cargo", ".rustup"})

OCTAL = lazy_compile(r"^0?([0-7]?)([0-7])([0-7])([0-7])$")
SYMBOLIC = lazy_compile(r"^([ugoa]*)([+=])([rwxXst]*)$")


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
    fine, and so is a scratch directory the same `RUN` deletes again. A scratch folder the
    same `RUN` creates under `/tmp` or `/var/tmp` (`mkdir /tmp/app && chmod 777 /tmp/app`)
    is meant to be shared by whatever user the container runs as: the message then asks for
    the sticky bit (`1777`), without which any user can delete or replace the others' files;
    in an image where everything runs as root (no non-root `USER`, no `useradd`, no `gosu`)
    there are no other users' files there, and it is not reported.

    Only what reaches the image counts: a `chmod` in a stage that does not ship (a test or
    benchmark stage, a builder) is reported only when a `COPY --from` takes what it opened.
    A toolchain's home opened to every user on purpose is not reported either: `RUSTUP_HOME`
    and `CARGO_HOME` (or `~/.cargo`, `~/.rustup`) and Go's `GOPATH`/`GOMODCACHE`, which the
    official rust image makes writable so that builds running as any user (a CI runner's UID)
    can add crates and toolchains.

    Stages: shipped only — the final stage and the stages it is built `FROM`, and what a
    `COPY --from` takes out of another stage (see above).

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
    # whether a stage ships is decided by later stages: every RUN and COPY (shipping.py)
    inputs = Inputs(keywords={"RUN", "COPY", "ADD", "USER", "ENTRYPOINT", "CMD"})
    name = "world-writable-permissions"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "`chmod {mode}` makes files writable by every user"

    def check(self, ctx: RuleContext):
        df = ctx.df
        answer = shipping(df, ctx.settings.target)
        for ins, script, cmd in commands(df, "chmod"):
            pos = cmd.positional()
            if not (pos and pos[0].literal and world_writable(pos[0].value)) or _removed_later(df, script, cmd, pos[1:]):
                continue
            targets = [_target(df, ins, w.value) for w in pos[1:]]
            if targets and all(_toolchain_home(written, path) for written, path in targets):
                continue
            if not answer.ships(ins.stage) and not any(
                    path is None or answer.reaches_image(ins.stage, path) for _, path in targets):
                continue  # opened in a stage that is thrown away
            message = self.message.format(mode=pos[0].value)
            if targets and _scratch_folders(df, script, cmd, targets):
                if not _another_user_runs(df, answer):
                    continue  # every process is root: no user's files for another to delete
                message = (f"`chmod {pos[0].value}` opens a scratch folder under /tmp without the sticky bit: "
                           f"any user can delete or replace the others' files in it; use `chmod 1777`, as /tmp does")
            yield self.report(cmd.start, cmd.end, message)
        for ins in instructions(df, "COPY", "ADD"):
            flag = ins.flag("chmod")
            if flag is not None and flag.value and world_writable(flag.value):
                if not answer.ships(ins.stage) and ins.words and \
                        not answer.reaches_image(ins.stage, _target(df, ins, ins.words[-1].value)[1] or "/"):
                    continue
                yield self.report(flag.start, flag.end, self.message.format(mode=flag.value))


def _target(df, ins, written: str) -> tuple[str, str | None]:
    """(as written, the absolute path it names), the path None when a build-time value or a
    relative path leaves it unknown."""
    path = written.strip("\"'")
    if "$" in path and ins.stage is None:
        path = None  # a RUN before the first FROM (an invalid file): no stage, no variables
    elif "$" in path:
        done = expand(path, stage_env(df, ins.stage, ins), df.escape)
        path = None if done.unknown or done.dynamic else done.value
    return written, path if path is not None and path.startswith("/") else None


def _toolchain_home(written: str, path: str | None) -> bool:
    name = written.strip("\"'{}$")
    if name in TOOLCHAIN_VARIABLES:
        return True
    return path is not None and path.rstrip("/").rsplit("/", 1)[-1] in TOOLCHAIN_DIRS


def _removed_later(df, script, chmod, targets) -> bool:
    """Every path made world-writable is deleted later in the same RUN (a scratch directory such
    as nginx's `tempDir="$(mktemp -d)" && chmod 777 "$tempDir" … rm -rf "$tempDir"`): nothing
    world-writable reaches the layer."""
    def spelled(word) -> str:
        return df.text[word.start:word.end].strip("\"'")
    removed = {spelled(w) for c in script.commands[chmod.index + 1:] if c.program == "rm" for w in c.positional()}
    return bool(targets) and all(spelled(t) in removed for t in targets)


SCRATCH_ROOTS = ("/tmp/", "/var/tmp/")
# Commands that make or switch to another user: with none of them and no non-root `USER`,
# everything in the container runs as root.
OTHER_USER_PROGRAMS = frozenset({"useradd", "adduser", "su", "sudo"}) | \
    frozenset(p for p in PRIVILEGE_DROPPERS if " " not in p)  # the droppers DW200 knows, by name


def _scratch_folders(df, script, chmod, targets) -> bool:
    """Every path opened is a folder under /tmp or /var/tmp that an earlier `mkdir` of the same
    RUN created (LocalStack's `mkdir /tmp/localstack && chmod -R 777 /tmp/localstack`): shared
    scratch space, which wants the sticky bit rather than no write access for others."""
    made = {df.text[w.start:w.end].strip("\"'").rstrip("/")
            for c in script.commands[:chmod.index] if c.program == "mkdir" for w in c.positional()}
    return all(path is not None and path.startswith(SCRATCH_ROOTS) and written.strip("\"'").rstrip("/") in made
               for written, path in targets)


def _another_user_runs(df, answer) -> bool:
    """Whether a shipped stage runs as or makes a user other than root (a non-root `USER`, an
    unknown one, `useradd`, or a privilege dropper such as `gosu` in a RUN or the command)."""
    for stage in df.stages:
        if not answer.ships(stage):
            continue
        for ins in stage.instructions:
            if ins.keyword == "USER" and ins.rest.strip().split(":", 1)[0] not in ("root", "0"):
                return True
            if ins.keyword in ("RUN", "ENTRYPOINT", "CMD") and \
                    any(word in OTHER_USER_PROGRAMS for word in re.findall(r"[\w-]+", ins.rest)):
                return True
    return False
