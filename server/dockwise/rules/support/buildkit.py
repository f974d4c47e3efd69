"""What the Dockerfile frontend that builds a file accepts, for fixes that use BuildKit's syntax.

A `# syntax=docker/dockerfile:1.4` directive names the frontend image; without one BuildKit uses
the frontend built into it (Docker 23 and later: dockerfile 1.5 or newer, which has all of the
features below). The legacy builder (`DOCKER_BUILDKIT=0`) has none of them, which is why every
fix that uses them says in its title that it needs BuildKit.

Feature versions (docs.docker.com/build/dockerfile/release-notes/): `RUN --mount` is stable from
1.2 (in the `experimental` channel before); heredocs and `COPY --link` from 1.4 (heredocs in the
1.3 `labs` channel); `COPY --chmod` from 1.3 (octal modes only before 1.14).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...dockerfile.model import Dockerfile, Instruction
from ...engine.diagnostic import Edit
from ...lazy_regex import lazy_compile

# The official frontend images (a mirror prefix such as `docker.io/` is allowed).
_OFFICIAL = ("docker/dockerfile", "docker/dockerfile-upstream")
# Tags that follow the newest release (`master`, `latest`, `labs`; none at all means latest).
_NEWEST_TAGS = {"", "latest", "master", "labs", "mainline"}
_VERSION_TAG = lazy_compile(r"(\d+)(?:\.(\d+))?(?:\.\d+)?(-labs|-experimental)?")


@dataclass(frozen=True)
class Frontend:
    """What one file's frontend accepts."""

    mounts: bool
    heredocs: bool
    copy_link: bool
    copy_chmod: bool


# What the title of a fix that uses these features says, e.g. "Use a cache mount (needs BuildKit)".
NEEDS_BUILDKIT = "needs BuildKit"


# The frontend built into BuildKit (no syntax directive): every feature here.
BUILT_IN = Frontend(mounts=True, heredocs=True, copy_link=True, copy_chmod=True)
# A frontend whose version cannot be told (a digest only, a third-party image): nothing assumed.
UNKNOWN = Frontend(mounts=False, heredocs=False, copy_link=False, copy_chmod=False)


def frontend_of(syntax: str | None) -> Frontend:
    """The features of the frontend a `# syntax=` value names (None: no directive)."""
    if syntax is None:
        return BUILT_IN
    ref = syntax.strip()
    if ref.startswith("docker.io/"):
        ref = ref[len("docker.io/"):]
    ref, at, _digest = ref.partition("@")
    name, _, tag = ref.partition(":")
    if name not in _OFFICIAL or (at and not tag):
        return UNKNOWN  # a digest alone pins a version nothing here can tell
    if tag in _NEWEST_TAGS:
        return BUILT_IN
    if tag == "experimental":  # the old experimental channel: mounts, not heredocs
        return Frontend(mounts=True, heredocs=False, copy_link=False, copy_chmod=False)
    m = _VERSION_TAG.fullmatch(tag)
    if m is None:
        return UNKNOWN
    major = int(m.group(1))
    # `docker/dockerfile:1` follows the newest 1.x
    minor = int(m.group(2)) if m.group(2) is not None else 99
    version = (major, minor)
    channel = m.group(3) or ""
    return Frontend(
        mounts=version >= (1, 2) or channel == "-experimental",
        heredocs=version >= (1, 4) or (version >= (1, 3) and channel == "-labs"),
        copy_link=version >= (1, 4),
        copy_chmod=version >= (1, 3),
    )


def frontend(df: Dockerfile) -> Frontend:
    """The features of the frontend that builds `df` (its `# syntax=` directive, if any)."""
    directive = df.directives.get("syntax")
    return frontend_of(directive[0] if directive else None)


def add_run_flag(ins: Instruction, flag: str) -> Edit:
    """An edit that adds `flag` (e.g. `--mount=type=cache,target=/root/.npm`) to a RUN, after its
    other flags, so that the arguments keep their place: `RUN --network=host x` →
    `RUN --network=host --mount=… x`."""
    at = ins.flags[-1].end if ins.flags else ins.keyword_end
    return Edit.insert(at, " " + flag)
