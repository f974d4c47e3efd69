from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import close_matches


def looks_like_image(ref: str) -> bool:
    """`alpine:3`, `docker.io/library/nginx`, `x@sha256:…`: an image, not a stage name."""
    return any(c in ref for c in ":@/.")


class CopyFromUnknownStage(Rule):
    """`COPY --from` names a stage that is not defined before it.

    ## What it does
    Flags `COPY --from=<name>` when `<name>` is neither a stage defined earlier in the file
    (`FROM … AS <name>`; compared case-insensitively, as BuildKit does), nor a stage number,
    nor something that is clearly an image reference (it has a tag, digest, registry or
    path). Names given by a variable are not checked.

    Stages: all: a `COPY --from` in any stage fails the build when the stage it names does not
    exist. `ONBUILD COPY --from` is not checked: it names the stages of a downstream build.

    ## Why is this bad?
    A name that is not a previous stage is pulled as an image from Docker Hub: a typo in a
    stage name, or a stage defined further down, silently turns into a registry pull that
    fails or, worse, succeeds with someone else's image.

    ## Example
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /app .
    FROM alpine:3.20
    COPY --from=biuld /app /app
    ```

    Use instead:
    ```dockerfile
    COPY --from=build /app /app
    ```

    ## References
    - hadolint DL3022
    """

    code = "DL3022"
    inputs = Inputs(keywords={"COPY"})
    name = "copy-from-unknown-stage"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "`COPY --from={ref}` does not name a previous build stage"

    def check(self, ctx: RuleContext):
        from ...knowledge import images
        seen: set[str] = set()
        later = {stage.name for stage in ctx.df.stages if stage.name}
        for stage in ctx.df.stages:
            if stage.name:
                seen.add(stage.name)  # its own name is DL3023's business
            for ins in stage.instructions:
                # ONBUILD COPY --from refers to the stages of a downstream build: not checked
                flag = ins.flag("from") if ins.keyword == "COPY" else None
                if flag is None or not flag.value:
                    continue
                ref = flag.value.strip("\"'")
                if ref.isdigit() or "$" in ref or looks_like_image(ref) or ref.lower() in seen:
                    continue
                if images.all_tags(ref):
                    continue  # `--from=rust`: the official image, meant as one (DW153 asks for a tag)
                close = close_matches(ref.lower(), tuple(later), 1, 0.6)
                if ref.lower() not in later and not close:
                    continue  # no stage it could mean: a named build context (`--build-context`, bake)
                hint = f" (did you mean `{close[0]}`?)" if close and ref.lower() not in later else ""
                yield self.report(flag.start, flag.end, self.message.format(ref=ref) + hint)
