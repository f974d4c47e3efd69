from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import image_lacks


class HealthcheckMissing(Rule):
    """The image defines no `HEALTHCHECK`.

    ## What it does
    Flags the final stage when neither it nor the stages it builds on has a `HEALTHCHECK`.
    Off by default (many images are health-checked by their orchestrator instead).

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Without a health check Docker only knows whether the main process runs, not whether the
    service answers.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    ```

    Use instead:
    ```dockerfile
    FROM nginx:1.27
    HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
    ```

    ## References
    - hadolint DL3057
    """

    code = "DL3057"
    inputs = Inputs(keywords={"HEALTHCHECK"}, reports_missing=True)
    name = "healthcheck-missing"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "`HEALTHCHECK` instruction missing"

    def check(self, ctx: RuleContext):
        final = image_lacks(ctx.df, "HEALTHCHECK", ctx.settings.target)
        if final is not None:
            yield self.report(final.from_.start, final.from_.keyword_end)
