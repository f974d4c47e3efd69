from __future__ import annotations

from ...analysis.reach import unused_stages
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class UnusedNamedStage(Rule):
    """A named stage that the final stage never uses: it is built only with `--target`.

    ## What it does
    Flags a named stage that is not the last stage and that the last stage does not need
    (through `FROM`, `COPY --from` or `RUN --mount=from=`). Off by default and informational:
    such a stage is often meant for `docker build --target <name>` (a test or debug image),
    which the Dockerfile cannot show. Enable it to find leftovers.

    ## Why is this bad?
    If no build uses `--target <name>`, the stage is dead code: BuildKit never runs it.

    ## Example
    ```dockerfile
    FROM node:20 AS deps
    RUN npm ci

    FROM node:20 AS old-build
    RUN npm run build

    FROM node:20
    COPY --from=deps /node_modules /app/node_modules
    ```

    Use instead: remove `old-build`, or document the `--target` that uses it.

    ## References
    - [Multi-stage builds: stop at a specific stage](https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage)
    """

    code = "DW455"
    reads = frozenset({"COPY", "ADD", "RUN"})
    name = "stage-only-built-with-target"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    default_enabled = False
    message = "Stage `{}` is not used by the final stage: it is only built with `--target {}`"
    fix_title = "Remove the stage if no build targets it"

    def check(self, ctx: RuleContext):
        for stage in unused_stages(ctx.df):
            if stage.name is not None:
                w = stage.name_word
                yield self.report(w.start, w.end, self.message.format(w.value, w.value))
