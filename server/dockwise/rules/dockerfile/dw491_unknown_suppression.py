from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class UnknownSuppression(Rule):
    """A suppression comment names a rule that does not exist.

    ## What it does
    Reports codes in `# dockwise: ignore=…`, `# hadolint ignore=…` and `# check=skip=…` that
    are neither a dockwise code, a rule name nor a BuildKit check name. ShellCheck codes
    (`SC2086`) are accepted in hadolint pragmas. Reported by the engine.

    Stages: file-wide: every suppression comment, wherever it is.

    ## Why is this bad?
    A typo in a suppression (`DL3O08`) silently suppresses nothing.

    ## Example
    ```dockerfile
    # hadolint ignore=DL3O08
    RUN apt-get install -y curl
    ```

    Use instead:
    ```dockerfile
    # hadolint ignore=DL3008
    RUN apt-get install -y curl
    ```
    """

    code = "DW491"
    inputs = Inputs(scope=Scope.STAGE)
    name = "unknown-suppression"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    message = "Unknown rule in suppression comment"

    def check(self, ctx: RuleContext):
        return ()  # reported by the engine
