"""RUNs written as one `RUN <<EOF` script: `merge-style = "heredoc"` for the fixes that merge RUNs.

A heredoc RUN hands its body to the same shell as a shell-form RUN (`/bin/sh -c`, or the
stage's `SHELL`), one command per line. Unlike `a && b`, a script goes on after a failing
line, so every merged script starts with `set -e` (DW411 asks for the same).

A RUN can be written into such a script when BuildKit and the shell read it alike:
- the file's frontend knows heredocs (`frontend(df).heredocs`) and its escape character is `\\`;
- no carriage return in the RUN: BuildKit keeps the CR of CRLF lines in a heredoc's body, and
  `sh` then fails on `set -e\\r` (moby/buildkit#4282, open);
- the shell is a POSIX shell (`set -e` means something else to fish or PowerShell);
- a continuation line stays one to the shell: its break is not inside single quotes or a
  comment (BuildKit never continues after `\\\\`, nor does the shell); comment lines inside
  the continuation (which BuildKit drops) move above the command;
- an existing heredoc RUN only when it is `RUN <<EOF` alone (no `bash <<EOF`, no shebang, no
  `<<-`) and starts with a `set` that turns on errexit and never turns it off.
Nothing is added after a script whose last statement holds `a && b`, `a || b` or `! a`
(`[ -f x ] && rm x`): `set -e` does not stop there, so a failure that failed the RUN would be
passed over by the next line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...dockerfile.model import Dockerfile, Instruction
from ...dockerfile.shell import POSIX_SHELLS, Script, joins_lines_at, last_statement_tolerates_failure, shell_of
from ...engine.diagnostic import Edit
from .buildkit import NEEDS_BUILDKIT, frontend

ERREXIT = "set -e"
MARKERS = ("EOF", "EOT", "SCRIPT")
HEREDOC_TITLE = f"Merge this RUN into the one before as a heredoc ({NEEDS_BUILDKIT})"


@dataclass(frozen=True)
class ScriptPart:
    """A RUN as lines of a heredoc script."""

    lines: tuple[str, ...]     # the script's lines, without line endings
    # its last statement holds `a && b`, `a || b` or `! a`, where `set -e` does not stop: a
    # line after it would run past a failure that failed the RUN (nothing may follow it)
    open_end: bool = False
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
    if "\r" in df.text[ins.start:ins.end + 1] or not _posix_shell(df, ins):  # (+1: its line's end)
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
    if bounds and not joins_lines_at(ins.rest, [b - start for b in bounds]):
        return None
    lines = [p + "\\" for p in pieces[:-1]] + [pieces[-1]]
    # comment lines inside the continuation: BuildKit drops them, the shell would not
    comments = [raw.strip() for raw in df.text[ins.start:ins.end].split("\n")[1:] if raw.lstrip().startswith("#")]
    return ScriptPart(tuple(comments + lines), last_statement_tolerates_failure(ins.rest))


def _heredoc_part(df: Dockerfile, ins: Instruction, script: Script) -> ScriptPart | None:
    if len(ins.heredocs) != 1 or not script.from_heredoc or script.has_error:
        return None
    doc = ins.heredocs[0]
    if doc.chomp or not doc.terminated or ins.rest != doc.marker.value or doc.content.startswith("#!"):
        return None
    top = [c for c in script.commands if not c.in_substitution]
    if not top or not turns_on_errexit(top[0]) or any(_turns_off_errexit(c) for c in top):
        return None
    if top[-1].operator_after == "&":
        return None
    return ScriptPart(tuple(doc.content.split("\n")[:-1]), last_statement_tolerates_failure(doc.content),
                      doc.marker.value, doc.name)


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


def _marker_name(first: ScriptPart, second: ScriptPart, lines: list[str]) -> str:
    """A heredoc's own marker name (the first's, else the second's) when no line of the merged
    script clashes with it, else the first of EOF, EOT, SCRIPT, EOF1, EOF2… that none does."""
    taken = set(lines)
    own = [p.name for p in (first, second) if p.is_heredoc and p.name not in taken]
    name = own[0] if own else next((m for m in MARKERS if m not in taken), None)
    n = 1
    while name is None or name in taken:
        name, n = f"EOF{n}", n + 1
    return name


def merge_edits(df: Dockerfile, first: Instruction, first_part: ScriptPart, between: list[str],
                second: Instruction, second_part: ScriptPart) -> list[Edit]:
    """The edits that make the RUN `first` one heredoc script running its commands, the lines
    `between` (comments, a blank line) and the commands of the RUN `second` right after it,
    which goes. Minimal: the lines each RUN's commands are on stay as they are (other fixes on
    them apply in the same pass), unless comment lines inside a continuation must move."""
    later = list(second_part.lines)
    drop_errexit = second_part.is_heredoc and later[:1] == [ERREXIT]  # the script starts with it already
    if drop_errexit:
        later = later[1:]
    opening = [] if first_part.is_heredoc else [ERREXIT]
    name = _marker_name(first_part, second_part, opening + list(first_part.lines) + between + later)
    edits = []
    # the opening: `<<EOF` and `set -e` before the first RUN's commands
    if first_part.is_heredoc:
        doc = first.heredocs[0]
        if name != first_part.name:
            edits.append(Edit(doc.marker.start, doc.marker.end, f"<<{name}"))
        join_start, join_text = doc.body_end, ""
    else:
        start, head = first.rest_start, f"<<{name}\n{ERREXIT}\n"
        after_flags = first.flags[-1].end if first.flags else first.keyword_end
        if "\n" in df.text[after_flags:first.rest_start]:  # `RUN \` alone: `<<EOF` goes on the RUN's line
            start, head = after_flags, " " + head
        body = "\n".join(first_part.lines)
        if body == df.text[first.rest_start:first.rest_end]:
            edits.append(Edit(start, first.rest_start, head))
        else:
            edits.append(Edit(start, first.rest_end, head + body))
        join_start, join_text = first.rest_end, "\n"
    # the join: from the end of the first script to the start of the second's commands
    join_text += "".join(f"{line}\n" for line in between)
    if second_part.is_heredoc:
        doc = second.heredocs[0]
        edits.append(Edit(join_start, doc.body_start + (len(ERREXIT) + 1 if drop_errexit else 0), join_text))
        if name != second_part.name:
            edits.append(Edit(doc.body_end, doc.end, name))
    else:
        body = "\n".join(second_part.lines)
        if body == df.text[second.rest_start:second.rest_end]:
            edits.append(Edit(join_start, second.rest_start, join_text))
            edits.append(Edit(second.rest_end, second.end, f"\n{name}"))
        else:
            edits.append(Edit(join_start, second.end, join_text + body + f"\n{name}"))
    return edits
