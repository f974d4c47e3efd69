from __future__ import annotations

from ...analysis.reach import dependencies, unused_stages
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext


class UnusedNamedStage(Rule):
    """A named stage that the final stage never uses: it is built only with `--target`.

    ## What it does
    Flags a named stage that is not the last stage and that the last stage does not need
    (through `FROM`, `COPY --from` or `RUN --mount=from=`): BuildKit skips it unless it is
    built with `--target <name>`. A stage that another skipped stage uses is not reported
    itself (`--target` of that other stage builds it), so each finding names a stage a
    `--target` could start from.

    Off by default and informational: a Dockerfile with several targets (`dev`, `test`,
    `dev-envs`, `sagemaker`, one image per base distribution) built by `--target` in CI or
    compose is common, and the Dockerfile cannot show it. Over dockwise's corpus of 790 real
    Dockerfiles, every stage it names is such a deliberate target. Enable it to find
    leftovers in a repository that builds only the final stage.

    Stages: file-wide: which stages the last stage needs, through `FROM`, `COPY --from` and
    `RUN --mount=from=`.

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
    inputs = Inputs(keywords={"COPY", "ADD", "RUN"}, reports_missing=True)
    name = "stage-only-built-with-target"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Stage `{}` is not used by the final stage: BuildKit skips it unless built with `--target {}`"
    fix_title = "Remove the stage if no build targets it"

    def check(self, ctx: RuleContext):
        df = ctx.df
        unused = unused_stages(df)
        needed_by_other = set()
        for stage in unused:
            needed_by_other |= dependencies(df, stage)[0]
        for stage in unused:
            if stage.name is not None and stage.index not in needed_by_other:
                w = stage.name_word
                yield self.report(w.start, w.end, self.message.format(w.value, w.value))
