from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

# The platform BuildKit chooses anyway, spelled out: not a pin.
AUTOMATIC = re.compile(r"^\$(?:\{(?:BUILD|TARGET)PLATFORM\}|(?:BUILD|TARGET)PLATFORM)$")


class FromPlatformFlag(Rule):
    """`FROM` pins a platform with `--platform`.

    ## What it does
    Flags `FROM --platform=…` unless the value is `$BUILDPLATFORM` or `$TARGETPLATFORM`
    (the automatic platform arguments, used for cross-compilation stages).

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
            if AUTOMATIC.match((flag.value or "").strip("\"'")):
                continue
            yield self.report(flag.start, flag.end)
