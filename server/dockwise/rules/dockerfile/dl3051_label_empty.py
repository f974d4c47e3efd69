from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.labels import own_labels


class LabelEmpty(Rule):
    """A label of the label schema has an empty value.

    ## What it does
    With a `label-schema`, flags schema labels set to an empty value.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    An empty value satisfies "the label exists" while carrying no information.

    ## Example
    ```dockerfile
    LABEL org.opencontainers.image.authors=""
    ```

    Use instead:
    ```dockerfile
    LABEL org.opencontainers.image.authors="team@example.com"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3051
    """

    code = "DL3051"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-empty"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is empty"

    def check(self, ctx: RuleContext):
        schema = ctx.settings.label_schema
        if not schema:
            return
        for kv, key, value in own_labels(ctx.df):
            if key in schema and not value.strip():
                node = kv.value or kv.key
                yield self.report(node.start, node.end, f"Label `{key}` is empty")
