from __future__ import annotations

import itertools
import re

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile
from ..support.helpers import script_of
from ..support.heredoc_merge import HEREDOC_TITLE, heredoc_style, merge_edits, only_errexit_and_trace, script_part
from ..support.pragmas import TOOL_COMMENT

# Commands whose effect outlives them inside one shell: merged, they change what later
# commands see (cwd, variables, options, traps) or end the shell early.
STATEFUL = frozenset({"cd", "pushd", "popd", "export", "unset", "set", "umask", "source", ".", "ulimit", "shopt",
                      "alias", "unalias", "trap", "exec", "exit", "return", "eval", "readonly", "declare",
                      "typeset", "local", "shift", "hash", "enable", "builtin"})
_ASSIGNMENT = lazy_compile(r"(?:^|[;&|(){}]|\bthen\b|\bdo\b|\belse\b)\s*[A-Za-z_][A-Za-z0-9_]*=", re.MULTILINE)
_DECLARATION = lazy_compile(r"\b(?:export|readonly|declare|typeset|local|unset)\b")
# A pragma that silences this very rule does not end a group: the finding it silences must be
# made, or the pragma would look unused (DW490) while hadolint still needs it.
_OWN = lazy_compile(r"DL3059|consecutive-runs", re.IGNORECASE)


def _flags(ins) -> tuple:
    return tuple((f.name, f.value) for f in ins.flags)


def _mergeable(df, ins, heredocs: bool):
    """(script, its heredoc script lines or None) of a RUN that can take part in a merge, else
    None. With `heredocs` (merge-style "heredoc"), a `RUN <<EOF` script can too."""
    if ins.keyword != "RUN" or ins.json or ins.empty_continuation:
        return None
    script = script_of(df, ins)
    if script is None or script.has_error:
        return None
    if ins.heredocs or script.from_heredoc:
        part = script_part(df, ins, script) if heredocs else None
        return None if part is None else (script, part)
    if _top_level_count(script) > 1:
        return None  # already a chain: its author grouped it on purpose (hadolint's view too)
    if not script.commands and not _DECLARATION.search(script.text):
        return None  # `RUN export A=1` has no command but can still be merged (unsafely)
    end = script.text.rstrip()
    if not end or end[-1] in ";&|" + df.escape:
        return None
    last_end = max((c.end for c in script.commands), default=ins.rest_start)
    if "#" in df.text[last_end:ins.rest_end]:
        return None  # a trailing shell comment would swallow what follows
    return script, (script_part(df, ins, script) if heredocs else None)


def _as_script(first, second) -> bool:
    """Whether two RUNs merge into one heredoc script (merge-style "heredoc")."""
    return first is not None and second is not None and not first.open_end


def _top_level_count(script, most: int = 2) -> int:
    """Commands not inside a substitution, counted up to `most` (long chains stop early)."""
    n = 0
    for c in script.commands:
        if not c.in_substitution:
            n += 1
            if n == most:
                break
    return n


def changes_later_commands(script, part=None) -> bool:
    """Whether commands in this script could change how the next RUN's commands behave. A
    heredoc script's opening `set -e` (or `set -ex`) does not count: the merged script starts
    with `set -e` anyway."""
    commands = script.commands
    if part is not None and part.is_heredoc and commands and only_errexit_and_trace(commands[0]):
        commands = commands[1:]
    if any(c.program in STATEFUL or (c.argv and c.argv[0].value in STATEFUL) for c in commands):
        return True
    if any(c.operator_after == "&" for c in commands):
        return True
    # declarations and bare assignments are not commands to the shell parser
    return bool(_ASSIGNMENT.search(script.text) or _DECLARATION.search(script.text))


def plain_and_chain(script) -> bool:
    """Only `&&` and pipes between top-level commands: `A && <this>` fails exactly when
    either part fails (a `;` or `||` here would let the merged RUN recover from A's failure)."""
    return all(c.operator_after in ("&&", "|", "") and not c.in_condition for c in script.commands) \
        and not re.search(r"\b(?:if|while|until|for|case)\b|\|\||;|\n", script.text)


def _fails_alike_under_errexit(script) -> bool:
    """Whether `set -e` stops this RUN's script exactly where the RUN alone failed: only `&&`
    and pipes between its commands. A command inside `$(…)` does not count: `set -e` does not
    stop at its failure (`echo "$(node -v)"` goes on), and neither did the RUN."""
    return all(c.operator_after in ("&&", "|", "") and not c.in_condition
               for c in script.commands if not c.in_substitution) \
        and not re.search(r"\b(?:if|while|until|for|case)\b|\|\||;|\n", script.text)


def continuation_indent(df, ins) -> str:
    """The indentation of the first RUN's continuation lines, else 4 spaces."""
    lines = df.text[ins.start:ins.end].splitlines()
    for line in lines[1:]:
        stripped = line.lstrip(" \t")
        if stripped and not stripped.startswith("#"):
            return line[: len(line) - len(stripped)]
    return "    "


class ConsecutiveRuns(Rule):
    """Consecutive `RUN` instructions that could be one.

    ## What it does
    Flags a group of adjacent `RUN` instructions in the same stage (comment lines between
    them allowed) that could be merged: each a single command (a RUN that already chains
    commands was grouped on purpose — hadolint 2.15 draws the same line), all shell form, no
    heredocs (with `merge-style = "heredoc"`, `RUN <<EOF` scripts too: see Options), the same
    flags (`--mount`, `--network`, `--security`). A dockwise, hadolint or
    BuildKit pragma comment between two RUNs ends the group (it targets one RUN on purpose).
    One finding on each RUN that follows another, as hadolint reports them; each offers to
    join that RUN to the one before (applied together, as `--fix` does, they merge the whole
    group).

    Stages: all: each RUN is a layer, and a build step, in any stage.

    ## Why is this bad?
    Each RUN adds a layer and a cache step. Files created in one RUN and deleted in the
    next still take space, and many small layers slow pulls.

    ## Example
    ```dockerfile
    RUN apt-get update
    RUN apt-get install -y --no-install-recommends curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && \\
        apt-get install -y --no-install-recommends curl
    ```

    or, with `merge-style = "heredoc"`:
    ```dockerfile
    RUN <<EOF
    set -e
    apt-get update
    apt-get install -y --no-install-recommends curl
    EOF
    ```

    ## Options
    - `merge-style` (`"and"`, the default, or `"heredoc"`; `mergeStyle` in the editor): how the
      fix writes the merged RUN. `"heredoc"` writes one `RUN <<EOF` script that starts with
      `set -e` (without it a script goes on after a failing line: DW411), one command per line,
      continuation lines and the comments and a blank line between the RUNs kept (comment lines
      inside a continuation, which BuildKit drops, move above their command). A RUN that is
      already such a script (`RUN <<EOF` alone, starting with a `set -e`, `set -eux`…) takes the
      next RUN, and the one before, so with this style heredoc RUNs are flagged too. The
      `--mount`/`--network` flags stay on the merged RUN (the RUNs must have the same ones). The
      fix says "(needs BuildKit)" and falls back to `&&` where a heredoc would not work: a
      `# syntax=` frontend older than dockerfile 1.4, an `escape` directive other than the
      backslash, CRLF line endings (BuildKit keeps the `\\r` in a heredoc, and `sh` fails on
      `set -e\\r`: moby/buildkit#4282), a `SHELL` that is not a POSIX shell, a continuation
      line inside single quotes. Nothing is added after a statement `set -e` does not stop at
      (`[ -f x ] && rm x`, `! grep …`): its failure failed the RUN, and the next line would
      pass over it. Exec-form RUNs and `RUN bash <<EOF`, `<<-EOF` or shebang scripts are never
      merged.

    ## Fix safety
    The fix joins the scripts with ` && \\` and a new line indented like the first RUN's
    continuation lines (4 spaces by default), keeping every comment line in place.
    `RUN a` then `RUN b` behaves like `RUN a && b`: if `a` fails the build stops either way.
    Each join is safe only when nothing carries over between its two parts: unsafe when the
    earlier part changes the shell's state (`cd`, `export`, variable assignments, `set`, `umask`,
    `source`, `ulimit`, `shopt`, `alias`, `trap`, `exec`, `exit`, background `&`), or when a
    later part is not a plain `&&` chain (`;`, `||`, `if`…, where `a && b; c` would go on
    after `a` failed). Merging also changes layer caching: editing the last command
    re-runs the whole merged RUN.

    With `merge-style = "heredoc"` the same holds under `set -e`, and a heredoc join is also
    unsafe when a part that was a RUN of its own is a loop, an `if` or a `;`/`||` list
    (`set -e` now stops at a failure inside it that the RUN alone went past), or when a
    heredoc before it sets more than `-e`/`-x` (`set -eux`: `-u` then applies to the commands
    added after it). The fix joins neighbours: `--fix` applies it pass after pass until each
    group is one script (a group of n RUNs takes about log2(n) passes).

    ## References
    - hadolint DL3059
    """

    code = "DL3059"
    inputs = Inputs(scope=Scope.STAGE)
    name = "consecutive-runs"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = "Consecutive `RUN` instructions could be one"
    fix_title = "Merge this RUN into the one before"

    def check(self, ctx: RuleContext):
        df = ctx.df
        heredocs = heredoc_style(df, ctx.settings.merge_style)
        for stage in df.stages:
            group: list = []
            for ins in stage.instructions:
                found = _mergeable(df, ins, heredocs)
                if found is not None and group and self._joins(group[-1], (ins, *found)):
                    group.append((ins, *found))
                    continue
                if len(group) > 1:  # (a generator per instruction otherwise)
                    yield from self._finish(df, group)
                group = [(ins, *found)] if found is not None else []
            yield from self._finish(df, group)

    @staticmethod
    def _joins(prev, member) -> bool:
        """Whether `member` (ins, script, part) merges into the RUN `prev` right before it."""
        (before, _, before_part), (ins, _, part) = prev, member
        if before.index != ins.index - 1 or _flags(ins) != _flags(before):
            return False
        if any(TOOL_COMMENT.match(c.text) and not _OWN.search(c.text) for c in ins.comments):
            return False
        # a heredoc RUN merges only into (or with) a script
        heredoc = (before_part is not None and before_part.is_heredoc) or (part is not None and part.is_heredoc)
        return not heredoc or _as_script(before_part, part)

    def _finish(self, df, group):
        if len(group) < 2:
            return
        nl = df.source.newline
        indent = continuation_indent(df, group[0][0])
        # One finding per RUN that follows another (as hadolint reports them). Each fix joins
        # that RUN to the one before: applied together they merge the whole group, and a
        # report stays proportional to the group, not to its square.
        for (prev, prev_script, prev_part), (ins, script, part) in itertools.pairwise(group):
            if _as_script(prev_part, part):
                yield self.report(ins.start, ins.keyword_end, fix=self._heredoc_fix(df, prev, prev_script, prev_part,
                                                                                   ins, script, part))
                continue
            safe = not changes_later_commands(prev_script) and plain_and_chain(script)
            gap = df.text[prev.rest_end:ins.start]
            comments = [line.strip() for line in gap.splitlines() if line.strip().startswith("#")]
            text = f" && {df.escape}{nl}" + "".join(f"{indent}{c}{nl}" for c in comments) + indent
            fix = self.make_fix([Edit(prev.rest_end, ins.rest_start, text)],
                                Applicability.SAFE if safe else Applicability.UNSAFE)
            yield self.report(ins.start, ins.keyword_end, fix=fix)

    def _heredoc_fix(self, df, prev, prev_script, prev_part, ins, script, part):
        """`prev` and `ins` as one `RUN <<EOF` script (`prev` may be one already, and `ins`)."""
        # the comment lines between them, and one blank line where they had any (a script keeps
        # the grouping the RUNs had)
        between: list[str] = []
        for line in df.text[prev.end:ins.start].split("\n")[1:-1]:
            line = line.strip()
            if line.startswith("#") or (not line and between[-1:] != [""]):
                between.append(line)
        # Safe when nothing carries over from the first part and each part fails as it did alone:
        # a heredoc part ran under `set -e` already, a single command fails the same either way,
        # but `set -e` stops a `for` loop or `a; b` at a failure the RUN alone went past.
        safe = not changes_later_commands(prev_script, prev_part) \
            and (prev_part.is_heredoc or _fails_alike_under_errexit(prev_script)) \
            and (part.is_heredoc or _fails_alike_under_errexit(script))
        return self.make_fix(merge_edits(df, prev, prev_part, between, ins, part),
                             Applicability.SAFE if safe else Applicability.UNSAFE, title=HEREDOC_TITLE)
