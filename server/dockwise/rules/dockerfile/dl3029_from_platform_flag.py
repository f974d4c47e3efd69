from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ...lazy_regex import lazy_compile

# The platform BuildKit chooses anyway, spelled out: not a pin. With a default for builders
# without BuildKit (`${TARGETPLATFORM:-linux/amd64}`) too, as hadolint accepts it.
AUTOMATIC = lazy_compile(r"\$\{?(?:BUILD|TARGET)PLATFORM\b")
# Built only from the automatic platform parts (`$TARGETOS/$TARGETARCH`): the same thing.
PARTS = lazy_compile(r"^(?:\$\{?(?:BUILD|TARGET)(?:OS|ARCH|VARIANT)\}?|/)+$")
# `FROM base-${TARGETARCH}`: a stage picked by the architecture asked for.
TARGET_ARCH = lazy_compile(r"\$(?:\{TARGETARCH\}|TARGETARCH\b)")


class FromPlatformFlag(Rule):
    """`FROM` pins a platform with `--platform`.

    ## What it does
    Flags `FROM --platform=…` unless the value is `$BUILDPLATFORM` or `$TARGETPLATFORM`
    (the automatic platform arguments, used for cross-compilation stages), in any spelling:
    `${BUILDPLATFORM}`, `"$BUILDPLATFORM"`, `${TARGETPLATFORM:-linux/amd64}` (a default for
    builders without BuildKit), or built from its parts (`$TARGETOS/$TARGETARCH`). A build
    argument of your own (`--platform=$PLATFORM`) is flagged, as hadolint does.

    Not reported on a stage that does not ship and that a `COPY --from` takes files from (a
    donor): its pin chooses which variant of the donor's files are copied — portainer copies
    a DLL from a helper image published only for `linux/amd64` into a Windows image — and
    does not set the platform of the image built; dropping it breaks the build. hadolint
    reports it, so its pragmas there stay used. Nor on a stage picked by the architecture
    asked for (`FROM --platform=linux/arm64 almalinux:8 AS base-arm64`, used as
    `FROM base-${TARGETARCH}`, as ollama does): it is built only when that platform is the one
    requested, so its pin repeats the request rather than overriding it.

    A constant value is also BuildKit's `FromPlatformFlagConstDisallowed` (DW422): where both
    rules are enabled only this one reports it, and a suppression of either covers both.

    Stages: all, as hadolint, except a donor stage (one that does not ship and that a
    `COPY --from` takes files from, see above) and a per-architecture stage: which stages ship comes from the final stage,
    the stages it is built `FROM` and the configured `target`.

    ## Why is this bad?
    A fixed platform overrides what the person building asked for: the image is built (and
    emulated) for that platform even on other hosts, and multi-platform builds get the same
    architecture in every variant. Pass `--platform` to `docker build` instead.

    ## Example
    ```dockerfile
    FROM --platform=linux/amd64 debian:12
    ```

    Use instead:
    ```dockerfile
    FROM debian:12
    # or, for a stage that must run on the build machine:
    FROM --platform=$BUILDPLATFORM golang:1.22 AS build
    ```

    ## References
    - hadolint DL3029
    - BuildKit check `FromPlatformFlagConstDisallowed` (constant values only)
    """

    code = "DL3029"
    # a `COPY --from` elsewhere decides whether a stage is a donor (shipping.py)
    inputs = Inputs(keywords={"FROM", "COPY", "RUN"})
    name = "from-platform-flag"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Do not pin the platform with `FROM --platform`"

    def check(self, ctx: RuleContext):
        answer = None
        for stage in ctx.df.stages:
            flag = stage.from_.flag("platform")
            if flag is None:
                continue
            value = (flag.value or "").strip("\"'")
            if AUTOMATIC.search(value):
                continue
            answer = answer or shipping(ctx.df, ctx.settings.target)
            donor = not answer.ships(stage) and stage.index in answer.copied_out
            # hadolint flags `$TARGETOS/$TARGETARCH`, donors' pins and per-architecture stages:
            # kept only for its pragmas
            yield self.report(flag.start, flag.end, hadolint_only=bool(PARTS.match(value)) or donor
                              or _picked_by_target_arch(ctx.df, stage, value))


def _picked_by_target_arch(df, stage, platform: str) -> bool:
    """`FROM --platform=linux/arm64 … AS base-arm64`, used as `FROM base-${TARGETARCH}`: the
    stage is built only when arm64 is the platform asked for, so its pin repeats the request."""
    parts = platform.split("/")
    if len(parts) < 2 or stage.name is None:
        return False
    arch = parts[1].lower()
    return any(TARGET_ARCH.search(other.image_word.value)
               and TARGET_ARCH.sub(arch, other.image_word.value).lower() == stage.name
               for other in df.stages if other.image_word is not None)
