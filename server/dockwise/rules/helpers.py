"""Small pieces many rules share: walking RUN commands, cache mounts, text edits."""

from __future__ import annotations

from typing import Iterator

from ..dockerfile.model import Dockerfile, Instruction
from ..dockerfile.shell import Command, Script


def runs(df: Dockerfile) -> Iterator[tuple[Instruction, Script]]:
    """Every RUN (including ONBUILD RUN) whose shell script can be analysed."""
    for ins in df.all_instructions():
        if ins.keyword == "RUN":
            script = df.script(ins)
            if script is not None:
                yield ins, script


def commands(df: Dockerfile, *programs: str) -> Iterator[tuple[Instruction, Script, Command]]:
    """Commands running one of `programs` (by base name, after sudo/env wrappers)."""
    wanted = set(programs)
    for ins, script in runs(df):
        for cmd in script.commands:
            if not wanted or cmd.program in wanted:
                yield ins, script, cmd


def subcommand(cmd: Command) -> str:
    """The first non-flag argument: `apt-get -q install x` → "install"."""
    pos = cmd.positional()
    return pos[0].value if pos else ""


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
                    value = kv.value.value.strip("\"'")
    return value


def truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() not in ("", "0", "false", "no", "off")


def final_stage(df: Dockerfile):
    return df.stages[-1] if df.stages else None
