"""When BuildKit's own build checks fire, matched the way BuildKit matches.

dockwise's rules report less than some BuildKit checks on purpose (DW201 lets `GPG_KEY` and
`*_KEY_ID` through), but a `# check=skip=<BuildKit check>` directive is read by `docker build`,
not by dockwise: whether it is needed is BuildKit's question, answered with BuildKit's matching.
"""

from __future__ import annotations

from ..lazy_regex import lazy_compile

# SecretsUsedInArgOrEnv (frontend/dockerfile/dockerfile2llb): a deny word that is the whole
# key, or a word of it between `_` (case-insensitive), unless an allow word is also one.
# Older releases allow only `public`; newer ones also `file` and `version`. A skip that only
# the older releases need is still needed, so the oldest allow list is used.
_SECRET_DENY = lazy_compile(r"(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)"
                            r"(?:_|$)")
_SECRET_ALLOW = lazy_compile(r"(?i)(?:_|^)public(?:_|$)")

SECRETS_USED_IN_ARG_OR_ENV = "secretsusedinargorenv"
CONST_PLATFORM = "fromplatformflagconstdisallowed"


def secrets_check_fires(key: str) -> bool:
    """Whether BuildKit's SecretsUsedInArgOrEnv reports an `ARG`/`ENV` named `key`."""
    return bool(_SECRET_DENY.search(key)) and not _SECRET_ALLOW.search(key)


# containerd's platform normalisation, as far as the names go.
ARCH_ALIASES = {"x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm", "armel": "arm",
                "i386": "386", "i686": "386"}


def parse_platform(value: str) -> tuple[str, str] | None:
    """`linux/amd64/v3` → ("linux", "amd64"); None for something that is not a platform."""
    parts = value.strip().lower().split("/")
    if not parts or not parts[0] or len(parts) > 3 or any(not p for p in parts):
        return None
    os_ = parts[0]
    arch = ARCH_ALIASES.get(parts[1], parts[1]) if len(parts) > 1 else ""
    return os_, arch


def const_platform_check_fires(stage) -> bool:
    """Whether BuildKit's FromPlatformFlagConstDisallowed reports the stage's `FROM`: a
    `--platform` without variables, unless the stage name mentions its OS or architecture
    (`AS build-amd64`)."""
    flag = stage.from_.flag("platform")
    if flag is None or not flag.value or "$" in flag.value:
        return False
    parsed = parse_platform(flag.value)
    if parsed is None:
        return False
    os_, arch = parsed
    name = stage.name or ""
    return not ((os_ and os_ in name) or (arch and arch in name))
