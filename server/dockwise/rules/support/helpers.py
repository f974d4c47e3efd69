"""Small pieces many rules share: walking RUN commands, cache mounts, text edits."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ...dockerfile.model import Dockerfile, Instruction
from ...dockerfile.shell import Command, Script
from ...dockerfile.variables import unquote
from ...engine.diagnostic import Related


def instructions(df: Dockerfile, *keywords: str) -> list[Instruction]:
    """The instructions with one of `keywords`, in the order of `df.all_instructions()`. From
    an index built once per model, so that each rule does not walk every instruction. The list
    is shared: read it, never modify it."""
    by_keyword = df.index.by_keyword
    if by_keyword is None:
        by_keyword = df.index.by_keyword = {}
        for ins in df.all_instructions():
            by_keyword.setdefault(ins.keyword, []).append(ins)
    if len(keywords) == 1:
        return by_keyword.get(keywords[0], [])
    return [ins for ins in df.all_instructions() if ins.keyword in keywords]


def runs(df: Dockerfile) -> list[tuple[Instruction, Script]]:
    """Every RUN (including ONBUILD RUN) whose shell script can be analysed (computed once per model)."""
    cached = df.index.runs
    if cached is None:
        cached = [(ins, script_of(df, ins)) for ins in _runs_running(df, "")]
        df.index.runs = cached
    return cached


def script_of(df: Dockerfile, ins: Instruction) -> Script | None:
    """`df.script(ins)`, kept per model (`df.script` checks the SHELL and the base image again
    on every call)."""
    scripts = df.index.scripts
    if scripts is None:
        scripts = df.index.scripts = {}  # (instructions hash by identity: no id() ints)
    try:
        return scripts[ins]
    except KeyError:
        script = scripts[ins] = df.script(ins)
        return script


def _runs_running(df: Dockerfile, program: str) -> list[Instruction]:
    """The RUNs with a command running `program` ("": every RUN with a script), in the order of
    `df.all_instructions()`. Built once per model from which programs each RUN runs, known
    without moving the RUNs an edit moved (dockerfile/incremental.py): after an edit near the
    top of a long file, a rule about `apt-get` moves the RUNs that run it, not every RUN."""
    index = df.index.run_names
    if index is None:
        index = {"": []}
        for ins in instructions(df, "RUN"):
            names = df.run_names(ins)
            if names is None:
                continue
            index[""].append(ins)
            for name in names[0]:
                if name:  # ("" is the key of every RUN; a command may run a program named by an empty word)
                    index.setdefault(name, []).append(ins)
        df.index.run_names = index
    return index.get(program, [])


def _commands_running(df: Dockerfile, program: str) -> list[tuple[Instruction, Script, Command]]:
    """The commands running `program` ("": all), in file order, once per model and program."""
    index = df.index.commands
    if index is None:
        index = df.index.commands = {}
    found = index.get(program)
    if found is None:
        found = []
        for ins in _runs_running(df, program):
            script = script_of(df, ins)
            for cmd in script.commands:
                if not program or cmd.program == program:
                    found.append((ins, script, cmd))
        index[program] = found
    return found


def commands(df: Dockerfile, *programs: str) -> list[tuple[Instruction, Script, Command]]:
    """Commands running one of `programs` (by base name, after sudo/env wrappers), in file order.
    The list may be the shared index itself: read it, never modify it."""
    if not programs:
        return _commands_running(df, "")
    if len(programs) == 1:
        return _commands_running(df, programs[0])
    hits = [item for p in set(programs) for item in _commands_running(df, p)]
    if len(hits) > 1:
        hits.sort(key=lambda item: (item[0].index, item[0].start, item[2].start))
    return hits


def runs_any(df: Dockerfile, *programs: str) -> bool:
    """Whether a RUN runs one of `programs`: `bool(runs_with(df, *programs))` without listing them."""
    return any(_runs_running(df, p) for p in programs if p)


def cleaned_after(script: Script, install, cleans, caches: tuple[str, ...]) -> bool:
    """Whether a command after `install` cleans the package manager's cache (`cleans(cmd)`), or
    is an `rm` of one of `caches` or a path below it. Shared by DL3032, DL3036 and DL3040: a
    clean before the install leaves what the install adds."""
    return any(c.start > install.end and (cleans(c) or c.program == "rm" and any(
        w.value.startswith(caches) for w in c.args)) for c in script.commands)


def runs_with(df: Dockerfile, *programs: str) -> list[tuple[Instruction, Script]]:
    """The RUNs of `runs(df)` (same order) with a command running one of `programs`: a rule
    about one tool skips the other RUNs without looking at their commands."""
    having = {ins for p in programs if p for ins in _runs_running(df, p)}
    if not having:
        return []
    return [(ins, script_of(df, ins)) for ins in _runs_running(df, "") if ins in having]


# Options that take a separate value, so the value is not mistaken for the subcommand
# (`apt-get -o Dpkg::Options::=x install`, `apt-get -t bookworm-backports install`, `apk -X url add`).
OPTIONS_WITH_VALUES = frozenset({"-o", "--option", "-t", "--target-release", "-c", "--config-file",
                                 "-X", "--repository", "--root", "-p", "--keys-dir", "--repositories-file",
                                 "--setopt", "--installroot", "--releasever", "--enablerepo", "--disablerepo",
                                 "-R", "--repo"})


def subcommand(cmd: Command) -> str:
    """The first argument that is neither an option nor an option's value:
    `apt-get -q -o X=y install x` → "install"."""
    operands = cmd.operands(OPTIONS_WITH_VALUES)
    return operands[0].value if operands else ""


def cache_mount_targets(ins: Instruction) -> list[str]:
    """Targets of `RUN --mount=type=cache|tmpfs,target=…` (cached or thrown away, never in a layer)."""
    out = []
    for flag in ins.flags_named("mount"):
        opts = flag.options()
        if opts.get("type") in ("cache", "tmpfs"):
            target = opts.get("target") or opts.get("dst") or opts.get("destination")
            if target:
                out.append(target.rstrip("/") or "/")
    return out


def has_cache_mount(ins: Instruction, *paths: str) -> bool:
    """True when a cache/tmpfs mount covers one of `paths` (a mount on a parent covers it)."""
    targets = cache_mount_targets(ins)
    for p in paths:
        p = p.rstrip("/")
        for t in targets:
            if p == t or p.startswith(t + "/") or t == "/":
                return True
    return False


def env_set(df: Dockerfile, ins: Instruction, name: str) -> str | None:
    """Value of an ENV/ARG default visible to `ins` in its stage (None when unset)."""
    stage = ins.stage
    if stage is None:
        return None
    value = None
    for other in stage.instructions:
        if other is ins:
            break
        if other.keyword in ("ENV", "ARG"):
            for kv in other.pairs:
                if kv.key.value == name and kv.value is not None:
                    value = unquote(kv.value.value, df.escape)
    return value


@lru_cache(maxsize=256)
def close_matches(word: str, candidates: tuple[str, ...], n: int, cutoff: float) -> tuple[str, ...]:
    """`difflib.get_close_matches`, remembered: the same undefined name is looked up again on
    every edit, and difflib is slow."""
    import difflib  # only when a name is unknown
    return tuple(difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff))


def command_env(df: Dockerfile, cmd, name: str) -> str | None:
    """Value given to `name` for this one command: `NAME=value prog …` or `env NAME=value prog …`
    (None when the command sets no such variable). The shell model leaves prefix assignments out
    of argv, so they are read back from the source between the command's start and its name."""
    found = None
    if cmd.argv:
        for word in df.text[cmd.start:cmd.argv[0].start].split():
            key, eq, value = word.partition("=")
            if eq and key == name:
                found = unquote(value, df.escape)
    unwrapped = cmd.unwrapped()
    for word in cmd.argv[:len(cmd.argv) - len(unwrapped)]:
        key, eq, value = word.value.partition("=")
        if eq and key == name:
            found = value
    return found


def truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in ("", "0", "false", "no", "off")


def final_stage(df: Dockerfile, target: str | None = None):
    """The stage the image is: the one the configuration's `target` names (`docker build
    --target`), else the last."""
    if target and df.stages:
        from ...dockerfile.stages import stage_by_ref
        named = stage_by_ref(df, target)
        if named is not None:
            return named
    return df.stages[-1] if df.stages else None


def repeated_in_stage(df: Dockerfile, keyword: str) -> Iterator[tuple[Instruction, Related]]:
    """Each `keyword` instruction after the first in its stage, with a pointer to that first one.
    Shared by DL4003 (CMD) and DL4004 (ENTRYPOINT): only the last of a stage takes effect."""
    for stage in df.stages:
        found = stage.of(keyword)
        for ins in found[1:]:
            yield ins, Related(f"earlier `{keyword}`", None, found[0].start, found[0].keyword_end)


def image_lacks(df: Dockerfile, keyword: str, target: str | None = None):
    """The final stage when neither it nor a stage it is built FROM has a `keyword` instruction
    (else None). Shared by DL3057 (HEALTHCHECK) and DL3063 (USER): both settings are inherited."""
    final = stage = final_stage(df, target)
    while stage is not None:
        if stage.of(keyword):
            return None
        stage = stage.base_stage
    return final


def can_append_to_run(df: Dockerfile, ins: Instruction, script: Script) -> bool:
    """Whether ` && more` can be appended at the end of a shell-form RUN's script: no heredoc,
    no parse error, and the text after the last command (`fi`, `done`, `)`…) does not end in
    `;`, `&`, `|` or hold a comment (where the appended text would be swallowed)."""
    if script.from_heredoc or ins.heredocs or script.has_error or not script.commands:
        return False
    last_end = max(c.end for c in script.commands)
    if "#" in df.text[last_end:ins.rest_end]:
        return False
    end = script.text.rstrip()
    return bool(end) and end[-1] not in ";&|\\"


def keyword_like(raw: str, new: str) -> str:
    """`new` in the case style of `raw` (ADD → COPY, add → copy, Add → Copy)."""
    if raw.isupper():
        return new.upper()
    if raw.islower():
        return new.lower()
    return new.capitalize()


class QuietTexts:
    """Instruction texts known to hold nothing a rule reports, for a rule whose verdict on an
    instruction (or its first step) follows from the instruction's text alone: the language
    server checks every instruction again on each keystroke, and most hold nothing. Keyed by
    (keyword, text after it, escape character); bounded."""

    __slots__ = ("_texts", "_size")

    def __init__(self, size: int = 4096) -> None:
        self._texts: set[tuple[str, str, str]] = set()
        self._size = size

    @staticmethod
    def key(df: Dockerfile, ins: Instruction) -> tuple[str, str, str]:
        return ins.keyword, ins.rest, df.escape

    def __contains__(self, key: tuple[str, str, str]) -> bool:
        return key in self._texts

    def add(self, key: tuple[str, str, str]) -> None:
        if len(self._texts) >= self._size:
            self._texts.clear()
        self._texts.add(key)

    def found(self, df: Dockerfile, ins: Instruction, judge) -> list:
        """`judge()` (a list), or [] without calling it when `ins`'s text gave nothing before."""
        key = self.key(df, ins)
        if key in self._texts:
            return []
        out = judge()
        if not out:
            self.add(key)
        return out
