"""Suppression comments, handled centrally (rules never see them).

- `# dockwise: ignore=CODE[,CODE]` on its own line above an instruction (that instruction);
- `# dockwise: global ignore=CODE[,CODE]` anywhere (the whole file);
- hadolint's `# hadolint ignore=…` and `# hadolint global ignore=…`;
- BuildKit's parser directive `# check=skip=A,B` (or `skip=all`).
Codes may be written as codes, rule names or BuildKit check names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable

from ..dockerfile.model import Comment, Dockerfile
from ..knowledge.buildkit_checks import (
    CONST_PLATFORM,
    SECRETS_USED_IN_ARG_OR_ENV,
    const_platform_check_fires,
    secrets_check_fires,
)
from ..lazy_regex import lazy_compile

PRAGMA = lazy_compile(r"^(dockwise:|hadolint)\s*(global\s+)?ignore\s*=\s*(.*)$", re.I)


@dataclass(eq=False)
class Pragma:
    comment: Comment | None       # None for the check=skip directive
    start: int
    end: int
    codes: dict[str, list[str]]   # selector as written → codes ([] unknown, ["*"] all)
    global_: bool
    applies_to: tuple[int, int] | None = None  # instruction span for a local pragma
    used: set[str] = field(default_factory=set)
    directive: bool = False
    hadolint: bool = False        # `# hadolint ignore=…`: also used where only hadolint would fire


def _codes(spec: str, resolve: Callable[[str], list[str]]) -> dict[str, list[str]]:
    out = {}
    for raw in re.split(r"[,\s]+", spec.strip()):
        if not raw:
            continue
        if raw.upper() == "ALL":
            out[raw] = ["*"]
            continue
        hits = resolve(raw)
        exact = [c for c in hits if c.lower() == raw.lower()]
        out[raw] = exact or hits if len(hits) <= 3 or exact else []  # a bare prefix is not a code
    return out


def collect(df: Dockerfile, resolve: Callable[[str], list[str]]) -> list[Pragma]:
    """The file's pragmas (`resolve` gives the codes a written selector means), each with
    nothing marked used yet: fresh ones on every call (callers mark them), read from the
    comments once per model and resolver (a rule may ask once per finding)."""
    cache = df.index.pragmas
    if cache is None:
        cache = df.index.pragmas = {}
    found = cache.get(resolve)
    if found is None:
        found = cache[resolve] = _collect(df, resolve)
    return [Pragma(p.comment, p.start, p.end, p.codes, p.global_, p.applies_to, set(), p.directive, p.hadolint)
            for p in found]


def _collect(df: Dockerfile, resolve: Callable[[str], list[str]]) -> list[Pragma]:
    pragmas: list[Pragma] = []
    for c in df.comments:
        m = PRAGMA.match(c.text)
        if not m:
            continue
        glob = bool(m.group(2))
        p = Pragma(c, c.start, c.end, _codes(m.group(3), resolve), glob, hadolint=m.group(1).lower() == "hadolint")
        if not glob:
            p.applies_to = _owner(df, c)
            if p.applies_to is None:
                continue  # not directly above an instruction: nothing to suppress
        pragmas.append(p)
    check = df.directives.get("check")
    if check:
        value, start, end = check
        for part in value.split(";"):
            key, _, val = part.strip().partition("=")
            if key.strip().lower() == "skip":
                codes = {"all": ["*"]} if val.strip().lower() == "all" else _codes(val.replace(",", " "), resolve)
                pragmas.append(Pragma(None, start, end, codes, True, directive=True))
    return pragmas


def mark_hadolint_use(pragmas: list[Pragma], code: str, start: int) -> None:
    """A finding hadolint makes where dockwise deliberately does not: a `# hadolint ignore=`
    naming it there is still needed by hadolint users, so it is not unused."""
    for p in pragmas:
        if not p.hadolint or (p.applies_to is not None and not (p.applies_to[0] <= start <= p.applies_to[1])):
            continue
        for written, codes in p.codes.items():
            if code in codes:
                p.used.add(written)


def mark_buildkit_use(pragmas: list[Pragma], df: Dockerfile) -> None:
    """A `# check=skip=<BuildKit check>` is read by `docker build`: it is used wherever
    BuildKit's check would fire, even where dockwise's rule for the same problem reports less
    (DW201 lets `RABBITMQ_PGP_KEY_ID` through; BuildKit's SecretsUsedInArgOrEnv does not; DW422
    does not report a donor stage's constant platform, FromPlatformFlagConstDisallowed does)."""
    for p in pragmas:
        if not p.directive:
            continue
        for written in p.codes:
            if written.lower() == SECRETS_USED_IN_ARG_OR_ENV and _secret_named_variable(df):
                p.used.add(written)
            elif written.lower() == CONST_PLATFORM and any(const_platform_check_fires(s) for s in df.stages):
                p.used.add(written)


def _secret_named_variable(df: Dockerfile) -> bool:
    return any(secrets_check_fires(kv.key.value)
               for ins in df.all_instructions() if ins.keyword in ("ARG", "ENV") for kv in ins.pairs)


_GENERATED = lazy_compile(r"\bgenerated\b", re.I)
_DO_NOT_EDIT = lazy_compile(r"\bdo\s+not\s+edit\b|\bdon'?t\s+edit\b", re.I)


def declares_generated(df: Dockerfile) -> bool:
    """Whether the comments above the first instruction say the file is generated and not to be
    edited (docker-library's `apply-templates.sh` output): its suppressions belong to the
    template, which may need them for other variants."""
    first = df.instructions[0].start if df.instructions else len(df.source.text)
    header = " ".join(c.text for c in df.comments if c.start < first)
    return bool(_GENERATED.search(header) and _DO_NOT_EDIT.search(header))


def _owner(df: Dockerfile, c: Comment) -> tuple[int, int] | None:
    """The span of the instruction a comment sits directly above, if any. Found by bisection,
    not by walking every instruction: an edited model moves an instruction's positions only
    when they are read (dockerfile/incremental.py)."""
    instructions = df.instructions
    i = bisect_left(instructions, c.start, key=attrgetter("end"))  # the first one ending after it
    if i < len(instructions):
        ins = instructions[i]
        if any(k.start == c.start for k in ins.comments):
            return ins.start, ins.end
    return None


def is_suppressed(pragmas: list[Pragma], code: str, start: int) -> bool:
    hit = False
    for p in pragmas:
        if p.applies_to is not None and not (p.applies_to[0] <= start <= p.applies_to[1]):
            continue
        for written, codes in p.codes.items():
            if code in codes or "*" in codes:
                p.used.add(written)
                hit = True
    return hit
