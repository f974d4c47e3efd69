from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports `# dockwise: ignore=CODE`, `# hadolint ignore=CODE` and `# check=skip=CODE` entries
    whose rule is enabled but found nothing to suppress where the comment applies. The engine
    reports this finding itself after all rules ran; the rule module carries its docs and code.

    ## Why is this bad?
    Stale suppressions hide future problems: when someone later adds the very mistake the
    comment once excused, nobody hears about it.

    ## Example
    ```dockerfile
    # dockwise: ignore=DL3042
    RUN pip install --no-cache-dir flask
    ```

    Use instead:
    ```dockerfile
    RUN pip install --no-cache-dir flask
    ```
    """

    code = "DW490"
    stage_local = True
    name = "unused-suppression"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    message = "Unused suppression"

    def check(self, ctx: RuleContext):
        return ()  # reported by the engine, which sees every rule's findings
