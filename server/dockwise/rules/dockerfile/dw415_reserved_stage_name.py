from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

RESERVED = ("scratch", "context")


class ReservedStageName(Rule):
    """A stage is named `scratch` or `context`.

    ## What it does
    Flags `FROM … AS scratch` and `FROM … AS context`.

    Stages: all: the build fails whichever stage takes the name.

    ## Why is this bad?
    Both words already mean something to BuildKit: `scratch` is the empty base image and
    `context` names the build context in `COPY --from`/named contexts. A stage with such a name
    is at best confusing and at worst shadowed, so a later `FROM scratch` does not get the stage.

    ## Example
    ```dockerfile
    FROM alpine AS scratch
    RUN make
    ```

    Use instead:
    ```dockerfile
    FROM alpine AS build
    RUN make
    ```

    ## References
    - BuildKit `ReservedStageName`: https://docs.docker.com/reference/build-checks/reserved-stage-name/
    """

    code = "DW415"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "reserved-stage-name"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    buildkit_name = "ReservedStageName"
    message = "`{name}` is reserved and should not be used as a stage name"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            if stage.name in RESERVED and stage.name_word is not None:
                w = stage.name_word
                yield self.report(w.start, w.end, self.message.format(name=stage.name))
