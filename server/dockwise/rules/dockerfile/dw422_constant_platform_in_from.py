from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext

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


class ConstantPlatformInFrom(Rule):
    """`FROM --platform=` is a constant such as `linux/amd64`.

    ## What it does
    Flags `FROM --platform=<os/arch>` written without variables, unless the stage name
    mentions that OS or architecture (`AS build-amd64`), which is how BuildKit tells a
    deliberately platform-specific stage from a forced one. Values with variables
    (`$BUILDPLATFORM`, `${TARGETPLATFORM:-linux/amd64}`) are not constants.

    hadolint's DL3029 reports constant platforms too: where both rules are enabled and flag
    one `FROM`, only DL3029 reports it, and a suppression of either covers both.

    ## Why is this bad?
    A constant platform pins the stage to one platform whatever `--platform` the build asks
    for: multi-platform builds then produce the wrong architecture, or run everything under
    emulation. Use `$BUILDPLATFORM`/`$TARGETPLATFORM`, or leave it to the command line.

    ## Example
    ```dockerfile
    FROM --platform=linux/amd64 alpine AS base
    ```

    Use instead:
    ```dockerfile
    FROM --platform=$BUILDPLATFORM alpine AS base
    # or, for a stage that really is per-architecture:
    FROM --platform=linux/amd64 alpine AS base-amd64
    ```

    ## References
    - BuildKit `FromPlatformFlagConstDisallowed`: https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/
    """

    code = "DW422"
    stage_local = True
    reads = frozenset()
    name = "constant-platform-in-from"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "FromPlatformFlagConstDisallowed"
    message = "FROM --platform flag should not use constant value `{value}`"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            flag = stage.from_.flag("platform")
            if flag is None or not flag.value or "$" in flag.value:
                continue
            parsed = parse_platform(flag.value)
            if parsed is None:
                continue
            os_, arch = parsed
            name = stage.name or ""
            if (os_ and os_ in name) or (arch and arch in name):
                continue
            yield self.report(flag.start, flag.end, self.message.format(value=flag.value))
