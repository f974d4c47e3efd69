from __future__ import annotations

from ...analysis.reach import unused_stages
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext


class UnreachableStage(Rule):
    """An unnamed build stage that the final image never uses.

    ## What it does
    Flags an unnamed stage that is not the last stage and that the last stage does not need,
    directly or through other stages (`FROM <stage>`, `COPY --from=<stage>`,
    `RUN --mount=from=<stage>`). Stays silent when a stage reference holds an unresolved
    build argument (`COPY --from=${FLAVOUR}`), since any stage could then be needed.

    Named stages that nothing uses are reported by DW455 instead (off by default): a name
    can be a `docker build --target`, which a linter cannot see. An unnamed stage cannot be
    a `--target`, so an unused one is dead code.

    Stages: file-wide: which stages the last stage needs, through `FROM`, `COPY --from` and
    `RUN --mount=from=`.

    ## Why is this bad?
    BuildKit skips stages the target does not need, so the instructions in this stage never
    run: it is dead code that readers must still understand, and the legacy builder (which
    builds every stage) wastes time on it.

    ## Example
    ```dockerfile
    FROM golang:1.22
    RUN go build -o /out/app .

    FROM alpine:3.20
    COPY app /app
    ```

    Use instead:
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /out/app .

    FROM alpine:3.20
    COPY --from=build /out/app /app
    ```

    ## References
    - [Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    """

    code = "DW453"
    inputs = Inputs(keywords={"COPY", "ADD", "RUN"}, reports_missing=True)
    name = "unreachable-stage"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "This stage is never used by the final stage and has no name to build it with `--target`"
    fix_title = "Remove the stage or copy its output into the final stage"

    def check(self, ctx: RuleContext):
        for stage in unused_stages(ctx.df):
            if stage.name is None:
                yield self.report(stage.from_.start, stage.from_.end)
