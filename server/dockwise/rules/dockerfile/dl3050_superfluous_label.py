from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.labels import own_labels


class SuperfluousLabel(Rule):
    """A label outside the label schema, with `strict-labels` on.

    ## What it does
    With `strict-labels = true` and a `label-schema`, flags labels whose key is not in the schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    A strict schema keeps label keys consistent across a fleet of images; stray keys (typos,
    ad-hoc names) defeat the tooling that reads them.

    ## Example
    ```toml
    label-schema = { "org.opencontainers.image.version" = "semver" }
    strict-labels = true
    ```
    ```dockerfile
    LABEL version="1.0.0"
    ```

    Use instead:
    ```dockerfile
    LABEL org.opencontainers.image.version="1.0.0"
    ```

    ## Options
    - `strict-labels`, `label-schema`

    ## References
    - hadolint DL3050
    """

    code = "DL3050"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "superfluous-label"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Superfluous label present"

    def check(self, ctx: RuleContext):
        if not ctx.settings.strict_labels:
            return
        schema = ctx.settings.label_schema
        for kv, key, _value in own_labels(ctx.df):
            if key not in schema:
                yield self.report(kv.key.start, kv.key.end, f"Superfluous label `{key}` (not in the label schema)")
