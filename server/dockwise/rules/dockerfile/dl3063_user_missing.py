from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import image_lacks


class UserMissing(Rule):
    """The image never sets a `USER`.

    ## What it does
    Flags the final stage when neither it nor the stages it builds on has a `USER` instruction.
    Off by default (hadolint too ships it disabled; a base image may set the user).

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Without `USER` the container runs as root unless the base image says otherwise.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    CMD ["python", "app.py"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    USER 10001
    CMD ["python", "app.py"]
    ```

    ## References
    - hadolint DL3063
    """

    code = "DL3063"
    inputs = Inputs(keywords={"USER"}, reports_missing=True)
    name = "user-missing"
    category = Category.SECURITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "A `USER` instruction should be specified"

    def check(self, ctx: RuleContext):
        final = image_lacks(ctx.df, "USER", ctx.settings.target)
        if final is not None:
            yield self.report(final.from_.start, final.from_.keyword_end)
