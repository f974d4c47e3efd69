from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...ignorefile import go_clean
from ..support.dockerignore import copy_sources


class CopySourceOutsideContext(Rule):
    """A COPY/ADD source that climbs out of the build context with `..`.

    ## What it does
    Flags sources such as `../shared/lib` or `src/../../x` whose cleaned path leaves the
    build context. `COPY --from` sources are not checked (they name another stage or image).

    Stages: all: a source outside the context cannot be read in any stage.

    ## Why is this bad?
    The builder only has the context. BuildKit resolves the path inside the context as if
    it started at its root (`../shared/lib` becomes `shared/lib`), so the build copies a
    different file than intended or fails with `not found`. Make the parent directory the
    context (`docker build -f app/Dockerfile .`) or use a named context
    (`--build-context shared=../shared` and `COPY --from=shared`).

    ## Example
    ```dockerfile
    COPY ../shared/lib /app/lib
    ```

    Use instead:
    ```dockerfile
    # docker build --build-context shared=../shared .
    COPY --from=shared lib /app/lib
    ```
    """

    code = "DW521"
    inputs = Inputs(keywords={"COPY", "ADD"}, scope=Scope.STAGE)
    name = "copy-source-outside-context"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "This source points outside the build context"

    def check(self, ctx: RuleContext):
        for src in copy_sources(ctx.df, keep_outside=True):
            raw = src.word.value
            cleaned = go_clean(raw)
            if cleaned == ".." or cleaned.startswith("../"):
                inside = go_clean("/" + raw).lstrip("/") or "."
                yield self.report(src.word.start, src.word.end,
                                  f"`{raw}` points outside the build context: the builder cannot read it and "
                                  f"resolves it as `{inside}` inside the context")
