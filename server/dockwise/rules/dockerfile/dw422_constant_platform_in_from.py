from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...analysis.shipping import shipping
from ...engine.rule import Inputs, Rule, RuleContext
from ...knowledge.buildkit_checks import const_platform_check_fires

class ConstantPlatformInFrom(Rule):
    """`FROM --platform=` is a constant such as `linux/amd64`.

    ## What it does
    Flags `FROM --platform=<os/arch>` written without variables, unless the stage name
    mentions that OS or architecture (`AS build-amd64`), which is how BuildKit tells a
    deliberately platform-specific stage from a forced one. Values with variables
    (`$BUILDPLATFORM`, `${TARGETPLATFORM:-linux/amd64}`) are not constants.

    Not reported on a donor stage: one that does not ship and that a `COPY --from` takes files
    from (see DL3029). BuildKit still reports it, so a `# check=skip=` of it stays used.

    hadolint's DL3029 reports constant platforms too: where both rules are enabled and flag
    one `FROM`, only DL3029 reports it, and a suppression of either covers both.

    Stages: all, as BuildKit, except a donor stage (one that does not ship and that a
    `COPY --from` takes files from, see above): which stages ship comes from the final stage,
    the stages it is built `FROM` and the configured `target`.

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
    # a `COPY --from` elsewhere decides whether a stage is a donor (shipping.py)
    inputs = Inputs(keywords={"FROM", "COPY", "RUN"})
    name = "constant-platform-in-from"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "FromPlatformFlagConstDisallowed"
    message = "FROM --platform flag should not use constant value `{value}`"

    def check(self, ctx: RuleContext):
        answer = None
        for stage in ctx.df.stages:
            if not const_platform_check_fires(stage):
                continue
            answer = answer or shipping(ctx.df, ctx.settings.target)
            if not answer.ships(stage) and stage.index in answer.copied_out:
                continue  # a donor: the pin picks which files are copied, not the image's platform
            flag = stage.from_.flag("platform")
            yield self.report(flag.start, flag.end, self.message.format(value=flag.value))
