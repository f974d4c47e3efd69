"""Edits and facts for fixes that replace a `COPY`, `ARG` or `ENV` with a `RUN --mount`.

DW201 (a secret `ARG`/`ENV` → a secret mount with `env=`), DW222 (a credential file copied,
used and deleted → a secret mount with `target=`) and DW301 (a manifest copied only for the next
RUN → a bind mount) remove an instruction (or one of its words), drop a command from a RUN and
need to know the WORKDIR and the user a RUN runs in.
"""

from __future__ import annotations

import posixpath
import re

from ...dockerfile.model import Dockerfile, Instruction, Word
from ...dockerfile.stages import Stage, stage_env
from ...dockerfile.variables import expand
from ...engine.diagnostic import Edit
from ...lazy_regex import lazy_compile

# Users who can read a secret mount as it is by default (owner uid 0, mode 0400).
ROOT_USERS = frozenset({"root", "0"})


def whole_lines(df: Dockerfile, ins: Instruction) -> tuple[int, int]:
    """The span of an instruction's physical lines, its line break included (its comments are
    left: they are the user's text and may introduce a block, not only this line)."""
    starts = df.source.line_starts
    start = starts[df.source.line_of(ins.head)]
    text = df.text
    end = ins.end
    if text.startswith("\r\n", end):
        end += 2
    elif text.startswith(("\n", "\r"), end):
        end += 1
    elif start > 0:  # the last line, with no line break: take the one before it (the file still ends without)
        start -= 2 if text.startswith("\r\n", start - 2) else 1
    return start, end


def delete_instruction(df: Dockerfile, ins: Instruction) -> Edit:
    return Edit.delete(*whole_lines(df, ins))


def delete_word(words: tuple[Word, ...], word: Word) -> Edit:
    """Remove one of several whitespace-separated words (an `ARG`'s pair, a COPY source) with the
    blank before it (after it, for the first word); a line continuation between stays."""
    k = words.index(word)
    if k > 0:
        return Edit.delete(words[k - 1].end, word.end)
    return Edit.delete(word.start, words[1].start)


_JOINER = lazy_compile(r"(?:[ \t]|\\\r?\n)*(?:&&|;)(?:[ \t]|\\\r?\n)*")


def drop_command(df: Dockerfile, script, cmd) -> Edit | None:
    """The edit removing the simple command `cmd` with the `&&`/`;` that joins it to its
    neighbour; None when that cannot be done without changing what else runs (it is piped,
    in a condition or substitution, joined by `||`, or inside a group, loop or if)."""
    top = [c for c in script.commands if not c.in_substitution]
    if cmd not in top or cmd.in_pipeline or cmd.in_condition:
        return None
    k = top.index(cmd)
    text = df.text
    prev = top[k - 1] if k > 0 else None
    nxt = top[k + 1] if k + 1 < len(top) else None
    if nxt is not None:
        if not _JOINER.fullmatch(text[cmd.end:nxt.start]):
            return None
        if prev is not None and not _JOINER.fullmatch(text[prev.end:cmd.start]):
            return None
        return Edit.delete(cmd.start, nxt.start)
    if prev is None:
        return None  # the only command: the caller removes the whole RUN
    if not _JOINER.fullmatch(text[prev.end:cmd.start]):
        return None
    if text[cmd.end:script.end_to_source(len(script.text))].strip(" \t\r\n\\"):
        return None  # `… && rm x; fi`, `)`: the command closes a group
    return Edit.delete(prev.end, cmd.end)


def workdir_before(df: Dockerfile, stage: Stage, ins: Instruction) -> str | None:
    """The absolute WORKDIR `ins` runs in, following `FROM <stage>` chains; None when a variable
    or the base image decides it (an image's own WORKDIR is not known here)."""
    cwd: str | None = None
    for s in stage.lineage():
        for i in s.instructions:
            if i is ins:
                return cwd
            if i.keyword == "WORKDIR":
                value = i.rest.strip().strip("\"'")
                if "$" in value:
                    exp = expand(value, stage_env(df, s, i), df.escape)
                    value = exp.value if not exp.unknown else ""
                if not value:
                    cwd = None
                elif value.startswith("/"):
                    cwd = posixpath.normpath(value)
                elif cwd is not None:
                    cwd = posixpath.normpath(posixpath.join(cwd, value))
    return cwd


def setters_before(df: Dockerfile, stage: Stage, ins: Instruction | None) -> list[Instruction]:
    """The stage's USER/ENV/ARG instructions before `ins` (all of them when `ins` is None). Each
    stage's are gathered once per model: rules ask for each RUN they report, and a stage of
    10,000 RUNs would otherwise be walked 10,000 times."""
    by_stage = df.index.setters
    if by_stage is None:
        by_stage = df.index.setters = {}
    found = by_stage.get(stage.index)
    if found is None:
        found = by_stage[stage.index] = tuple(i for i in stage.instructions if i.keyword in ("USER", "ENV", "ARG"))
    return [i for i in found if ins is None or i.start < ins.start]


def user_instruction(df: Dockerfile, stage: Stage, ins: Instruction) -> Instruction | None:
    """The `USER` in force for `ins`: the stage's last one before it, else the last one of the
    nearest stage it is built FROM that has one; None when none sets a user."""
    for s in reversed(stage.lineage()):
        users = [i for i in setters_before(df, s, ins if s is stage else None) if i.keyword == "USER"]
        if users:
            return users[-1]
    return None


def user_before(df: Dockerfile, stage: Stage, ins: Instruction) -> str | None:
    """The user (name or id, group dropped) `ins` runs as: `root` when no USER is set in the
    stage or the stages it is built FROM (an external base image is taken to run as root),
    None when a variable decides it."""
    user = user_instruction(df, stage, ins)
    if user is None:
        return "root"
    exp = expand(user.rest.strip(), stage_env(df, user.stage, user), df.escape)
    return None if exp.unknown or not exp.value else exp.value.split(":", 1)[0]


def secret_id(name: str) -> str:
    """A secret id made of a variable's or file's name: `NPM_TOKEN` → `npm_token`,
    `.npmrc` → `npmrc`, `.aws/credentials` → `aws_credentials`."""
    return re.sub(r"[^a-z0-9_.-]+", "_", name.lower()).strip("._-") or "secret"


# Programs that read no credential — no token from their environment, no `.npmrc`, `.netrc` or
# SSH key from their home — unless told to by name: a RUN made only of these needs no secret
# mount (`apt-get install`, `mkdir`, `useradd`, an `if [ -z "$TAG" ]; then exit 1; fi`).
_READS_NO_CREDENTIALS = frozenset({
    "apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper", "dpkg", "rpm", "mkdir", "ln", "chmod", "chown",
    "chgrp", "rm", "cp", "mv", "touch", "echo", "printf", "true", "false", "exit", "export", "cd", "set",
    "useradd", "groupadd", "adduser", "addgroup", "usermod", "update-ca-certificates", "ldconfig", "locale-gen",
    "tar", "unzip", "gzip", "ls", "cat", "sed", "grep", "test", "[", "[[", "sleep", "date", "id", "whoami", "pwd"})


def reads_no_credentials(df: Dockerfile, run: Instruction) -> bool:
    """Whether every command of a shell-form RUN is a program that reads no credential unless
    named (the caller has checked that the RUN does not name the secret)."""
    script = df.script(run)
    return script is not None and bool(script.commands) and not script.has_error \
        and all(c.program in _READS_NO_CREDENTIALS for c in script.commands)
