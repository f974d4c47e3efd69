from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

# The platform BuildKit chooses anyway, spelled out: not a pin. With a default for builders
# without BuildKit (`${TARGETPLATFORM:-linux/amd64}`) too, as hadolint accepts it.
AUTOMATIC = re.compile(r"\$\{?(?:BUILD|TARGET)PLATFORM\b")
# Built only from the automatic platform parts (`$TARGETOS/$TARGETARCH`): the same thing.
PARTS = re.compile(r"^(?:\$\{?(?:BUILD|TARGET)(?:OS|ARCH|VARIANT)\}?|/)+$")


class FromPlatformFlag(Rule):
    """`FROM` pins a platform with `--platform`.

    ## What it does
    Flags `FROM --platform=…` unless the value is `$BUILDPLATFORM` or `$TARGETPLATFORM`
    (the automatic platform arguments, used for cross-compilation stages), in any spelling:
    `${BUILDPLATFORM}`, `"$BUILDPLATFORM"`, `${TARGETPLATFORM:-linux/amd64}` (a default for
    builders without BuildKit), or built from its parts (`$TARGETOS/$TARGETARCH`). A build
    argument of your own (`--platform=$PLATFORM`) is flagged, as hadolint does.

    A constant value is also BuildKit's `FromPlatformFlagConstDisallowed` (DW422): where both
    rules are enabled only this one reports it, and a suppression of either covers both.

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
    stage_local = True
    reads = frozenset()
    name = "from-platform-flag"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Do not pin the platform with `FROM --platform`"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            flag = stage.from_.flag("platform")
            if flag is None:
                continue
            value = (flag.value or "").strip("\"'")
            if AUTOMATIC.search(value):
                continue
            # hadolint flags `$TARGETOS/$TARGETARCH`: kept only for its pragmas
            yield self.report(flag.start, flag.end, hadolint_only=bool(PARTS.match(value)))
