"""RUNs written as one `RUN <<EOF` script: `merge-style = "heredoc"` for the fixes that merge RUNs.

A heredoc RUN hands its body to the same shell as a shell-form RUN (`/bin/sh -c`, or the
stage's `SHELL`), one command per line. Unlike `a && b`, a script goes on after a failing
line, so every merged script starts with `set -e` (DW411 asks for the same).

A RUN can be written into such a script when BuildKit and the shell read it alike:
- the file's frontend knows heredocs (`frontend(df).heredocs`) and its escape character is `\\`;
- no carriage return in the RUN: BuildKit keeps the CR of CRLF lines in a heredoc's body, and
  `sh` then fails on `set -e\\r` (moby/buildkit#4282, open);
- the shell is a POSIX shell (`set -e` means something else to fish or PowerShell);
- a continuation line stays one to the shell: its break is not inside single quotes, a comment
  or after an escaped backslash; comment lines inside the continuation (which BuildKit drops)
  move above the command;
- an existing heredoc RUN only when it is `RUN <<EOF` alone (no `bash <<EOF`, no shebang, no
  `<<-`), starts with a `set` that turns on errexit and never turns it off, and does not end in
  a `&&`/`||` list (whose first part's failure a following line would hide).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...dockerfile.model import Dockerfile, Instruction
from ...dockerfile.shell import POSIX_SHELLS, Script, joins_lines_at, shell_of
from .buildkit import NEEDS_BUILDKIT, frontend

ERREXIT = "set -e"
MARKERS = ("EOF", "EOT", "SCRIPT")
HEREDOC_TITLE = f"Merge this RUN into the one before as a heredoc ({NEEDS_BUILDKIT})"


@dataclass(frozen=True)
class ScriptPart:
    """A RUN as lines of a heredoc script."""

    lines: tuple[str, ...]     # the script's lines, without line endings
    marker: str | None = None  # a heredoc RUN's own marker as written (`<<EOF`), else None
    name: str | None = None    # and its name (`EOF`)

    @property
    def is_heredoc(self) -> bool:
        return self.marker is not None


def heredoc_style(df: Dockerfile, merge_style: str) -> bool:
    """Whether merged RUNs are written as heredocs in this file."""
    return merge_style == "heredoc" and df.escape == "\\" and frontend(df).heredocs


def _posix_shell(df: Dockerfile, ins: Instruction) -> bool:
    shell = shell_of(df, ins)
    return not shell or shell[0].replace("\\", "/").rsplit("/", 1)[-1] in POSIX_SHELLS


def script_part(df: Dockerfile, ins: Instruction, script: Script) -> ScriptPart | None:
    """The RUN as heredoc script lines, or None when it cannot be written as one faithfully."""
    if "\r" in df.text[ins.start:ins.end] or not _posix_shell(df, ins):
        return None
    if ins.heredocs:
        return _heredoc_part(df, ins, script)
    return _shell_form_part(df, ins)


def _shell_form_part(df: Dockerfile, ins: Instruction) -> ScriptPart | None:
    """A shell-form RUN's script, one physical line per line, continuation lines kept."""
    line = ins.line
    start, end = ins.rest_index, ins.rest_index + len(ins.rest)
    first = bisect_right(line.starts, start) - 1
    last = bisect_left(line.starts, end) - 1
    bounds = list(line.starts[first + 1:last + 1])
    pieces = [line.text[max(a, start):min(b, end)] for a, b in zip([line.starts[first]] + bounds, bounds + [end])]
    for piece in pieces[:-1]:
        # `\\\\` then a newline: the shell reads an escaped backslash and ends the line there
        if (len(piece) - len(piece.rstrip("\\"))) % 2:
            return None
    if bounds and not joins_lines_at(ins.rest, [b - start for b in bounds]):
        return None
    lines = [p + "\\" for p in pieces[:-1]] + [pieces[-1]]
    # comment lines inside the continuation: BuildKit drops them, the shell would not
    comments = [raw.strip() for raw in df.text[ins.start:ins.end].split("\n")[1:] if raw.lstrip().startswith("#")]
    return ScriptPart(tuple(comments + lines))


def _heredoc_part(df: Dockerfile, ins: Instruction, script: Script) -> ScriptPart | None:
    if len(ins.heredocs) != 1 or not script.from_heredoc or script.has_error:
        return None
    doc = ins.heredocs[0]
    if doc.chomp or not doc.terminated or ins.rest != doc.marker.value or doc.content.startswith("#!"):
        return None
    top = [c for c in script.commands if not c.in_substitution]
    if not top or not turns_on_errexit(top[0]) or any(_turns_off_errexit(c) for c in top):
        return None
    if top[-1].operator_after == "&" or (len(top) > 1 and top[-2].operator_after in ("&&", "||")):
        return None
    return ScriptPart(tuple(doc.content.split("\n")[:-1]), doc.marker.value, doc.name)


def _set_options(cmd) -> list[str] | None:
    words = [w.value for w in cmd.argv]
    return words[1:] if words and words[0] == "set" else None


def turns_on_errexit(cmd) -> bool:
    """`set -e`, `set -eux`, `set -o errexit`…"""
    opts = _set_options(cmd)
    if opts is None:
        return False
    return any(o.startswith("-") and not o.startswith("--") and "e" in o[1:] for o in opts) \
        or any(a == "-o" and b == "errexit" for a, b in zip(opts, opts[1:]))


def _turns_off_errexit(cmd) -> bool:
    opts = _set_options(cmd)
    if opts is None:
        return False
    return any(o.startswith("+") and "e" in o[1:] for o in opts) \
        or any(a == "+o" and b == "errexit" for a, b in zip(opts, opts[1:]))


def only_errexit_and_trace(cmd) -> bool:
    """A `set` that turns on errexit and perhaps tracing and nothing else (`set -e`, `set -ex`):
    what follows it runs as it would alone (only failing sooner, traced)."""
    opts = _set_options(cmd)
    if not opts or not turns_on_errexit(cmd):
        return False
    it = iter(opts)
    for o in it:
        if o == "-o":
            if next(it, None) not in ("errexit", "xtrace"):
                return False
        elif not (o.startswith("-") and len(o) > 1 and set(o[1:]) <= {"e", "x"}):
            return False
    return True


def merged_heredoc(first: ScriptPart, between: list[str], second: ScriptPart) -> str:
    """The heredoc (from its `<<` marker to its terminator) that runs `first` then `second`,
    with the comment lines `between` them."""
    later = list(second.lines)
    if second.is_heredoc and later and later[0] == ERREXIT:
        later = later[1:]  # the script already starts with it
    lines = ([] if first.is_heredoc else [ERREXIT]) + list(first.lines) + between + later
    taken = set(lines)
    if first.is_heredoc and first.name not in taken:
        marker, name = first.marker, first.name
    else:
        name = next((m for m in MARKERS if m not in taken), None)
        n = 1
        while name is None or name in taken:
            name, n = f"EOF{n}", n + 1
        marker = f"<<{name}"
    return f"{marker}\n" + "".join(f"{line}\n" for line in lines) + name
