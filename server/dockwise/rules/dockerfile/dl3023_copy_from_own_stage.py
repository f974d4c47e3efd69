from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class CopyFromOwnStage(Rule):
    """`COPY --from` names the stage it is in.

    ## What it does
    Flags `COPY --from=<name>` inside the stage called `<name>` (compared case-insensitively,
    as BuildKit does), or `--from=<n>` inside the stage numbered `<n>`.

    Stages: all: the build fails in any stage.

    ## Why is this bad?
    A stage cannot copy from itself: its file system does not exist yet while it is being
    built. BuildKit rejects the reference as a circular dependency (or, for an older
    builder, pulls an image of that name).

    ## Example
    ```dockerfile
    FROM node:20 AS build
    COPY --from=build /src/dist /app
    ```

    Use instead:
    ```dockerfile
    FROM node:20 AS build
    RUN npm run build
    FROM nginx:1.27
    COPY --from=build /src/dist /usr/share/nginx/html
    ```

    ## References
    - hadolint DL3023
    """

    code = "DL3023"
    inputs = Inputs(keywords={"COPY"}, scope=Scope.STAGE)
    name = "copy-from-own-stage"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "`COPY --from={ref}` refers to the stage it is in"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            for ins in stage.of("COPY"):
                flag = ins.flag("from")
                if flag is None or not flag.value:
                    continue
                ref = flag.value.strip("\"'")
                if (stage.name and ref.lower() == stage.name) or ref == str(stage.index):
                    related = ()
                    if stage.name_word is not None:
                        related = (Related("stage defined here", None, stage.name_word.start, stage.name_word.end),)
                    yield self.report(flag.start, flag.end, self.message.format(ref=ref), related=related)
