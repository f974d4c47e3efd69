"""Build stages, their base images, and the build arguments in scope (global vs per stage)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from .image import ImageRef, parse_image
from .model import Dockerfile, Instruction, Word
from .variables import expand

# BuildKit's automatic platform arguments: defined in the global scope without an ARG.
AUTOMATIC_ARGS = ("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM",
                  "BUILDOS", "BUILDARCH", "BUILDVARIANT")
WINDOWS_HINTS = ("windows", "servercore", "nanoserver", "mcr.microsoft.com/windows", "mcr.microsoft.com/dotnet/framework")


@dataclass(eq=False)
class Stage:
    index: int
    from_: Instruction
    image_word: Word | None          # the base image as written
    image: str                       # after expanding global build args
    unresolved: set[str] | frozenset[str]  # build args the base image depends on without a default
    ref: ImageRef | None             # None for a stage reference or an unresolvable name
    base_stage: "Stage | None"       # FROM <earlier stage>
    name: str | None = None          # lower-cased, as BuildKit compares them
    name_word: Word | None = None
    platform: str | None = None
    instructions: list[Instruction] = field(default_factory=list)
    # the first stage of the FROM chain when it is an earlier one (None: this stage), set once:
    # walking the chain on each question made 10,000 chained stages quadratic. Never `self`,
    # which would be a reference cycle that only a full garbage collection frees.
    _root: "Stage | None" = field(default=None, repr=False)
    # answers kept on the stage (declared, not `cached_property` or `__dict__` entries, which
    # would turn every stage's compact attributes into a dict)
    _windows: bool | None = field(default=None, repr=False)
    _shells: "list[tuple[int, list[str]]] | None" = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self._root is None and self.base_stage is not None:
            self._root = self.base_stage.root

    @property
    def root(self) -> "Stage":
        return self._root if self._root is not None else self

    @property  # asked for each RUN's script; a stage's image chain never changes
    def windows(self) -> bool:
        """A Windows base (shell rules must stay silent): the base or its root stage is Windows."""
        if self._windows is None:
            image = self.root.image.lower()
            self._windows = any(h in image for h in WINDOWS_HINTS)
        return self._windows

    @property
    def root_ref(self) -> ImageRef | None:
        return self.root.ref

    def of(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def lineage(self) -> "list[Stage]":
        """This stage and the stages it is built FROM, the first base first (a base is always an
        earlier stage: the chain ends)."""
        chain = []
        s: Stage | None = self
        while s is not None:
            chain.append(s)
            s = s.base_stage
        return chain[::-1]

    @property
    def label(self) -> str:
        return self.name or str(self.index)


def global_args(df: Dockerfile) -> dict[str, str | None]:
    """ARGs before the first FROM, with defaults expanded in order."""
    # automatic platform args are defined, but their value is only known at build time
    env: dict[str, str | None] = {name: None for name in AUTOMATIC_ARGS}
    for ins in df.instructions:
        if ins.keyword == "FROM":
            break
        if ins.keyword == "ARG":
            for kv in ins.pairs:
                env[kv.key.value] = expand(kv.value.value, env, df.escape).value if kv.value else env.get(kv.key.value)
    return env


_NONE: frozenset[str] = frozenset()  # the unresolved names of most stages (one object for all)


def link_stages(df: Dockerfile) -> None:
    """Set the model's global build arguments and stages, and each instruction's stage: the
    last step of parsing (`parse()`), never done again by reading the model."""
    df.global_args = global_args(df)
    df.stages = build_stages(df)


def build_stages(df: Dockerfile) -> list[Stage]:
    stages: list[Stage] = []
    by_name: dict[str, Stage] = {}
    env = df.global_args
    current: Stage | None = None
    back = None  # before the first FROM: no stage (a re-parse may reuse instructions that had one)
    for ins in df.instructions:
        if ins.keyword == "FROM":
            words = list(ins.words)
            image_word = words[0] if words else None
            exp = expand(image_word.value, env, df.escape) if image_word else None
            image = exp.value if exp else ""
            unresolved = (exp.unknown | exp.dynamic) if exp and (exp.unknown or exp.dynamic) else _NONE
            base_stage = by_name.get(image.lower())
            ref = None if base_stage is not None or unresolved else parse_image(image)
            stage = Stage(len(stages), ins, image_word, image, unresolved, ref, base_stage)
            if len(words) >= 3 and words[1].value.lower() == "as":
                stage.name_word = words[2]
                stage.name = words[2].value.lower()
                by_name.setdefault(stage.name, stage)
            platform = ins.flag("platform")
            stage.platform = platform.value if platform else None
            stages.append(stage)
            current = stage
            back = weakref.ref(stage)  # `Instruction.stage`'s reference, one for all its instructions
        if current is not None:
            current.instructions.append(ins)
        ins._stage_ref = back
        if ins.sub is not None:
            ins.sub._stage_ref = back
    return stages


def stage_by_ref(df: Dockerfile, ref: str, before: int | None = None) -> Stage | None:
    """A stage named or numbered by `ref` (COPY --from, RUN --mount from=), or None (an image)."""
    stages = df.stages
    limit = len(stages) if before is None else min(before, len(stages))
    if ref.isdigit():
        k = int(ref)
        return stages[k] if k < limit else None
    by_name = df.index.stages_by_name
    if by_name is None:  # once per model: a lookup per COPY --from
        by_name = df.index.stages_by_name = {}
        for s in stages:
            if s.name is not None:
                by_name.setdefault(s.name, s)
    found = by_name.get(ref.lower())
    return found if found is not None and found.index < limit else None


def iter_stage_env(df: Dockerfile, stage: Stage, start: dict[str, str | None] | None = None):
    """Yield (instruction, variables visible before it) in one forward pass.

    The dict is live and updated after each step: copy it if you keep it. One pass keeps
    whole-stage analyses linear (a 100,000-line stage of ENVs stays fast)."""
    glob = df.global_args
    env: dict[str, str | None] = dict(start or {})
    for ins in stage.instructions:
        yield ins, env
        if ins.keyword == "ARG":
            for kv in ins.pairs:
                name = kv.key.value
                if kv.value is not None:
                    env[name] = expand(kv.value.value, env, df.escape).value
                else:
                    env[name] = glob.get(name)
        elif ins.keyword == "ENV":
            for kv in ins.pairs:
                if kv.value is not None:
                    env[kv.key.value] = expand(kv.value.value, env, df.escape).value


def stage_env(df: Dockerfile, stage: Stage, upto: Instruction | None = None) -> dict[str, str | None]:
    """Variables visible at an instruction: redeclared global ARGs, stage ARGs and ENV."""
    env: dict[str, str | None] = {}
    for ins, live in iter_stage_env(df, stage):
        env = live
        if ins is upto:
            return dict(live)
    return dict(env)
