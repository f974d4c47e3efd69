from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import final_stage
from ..support.labels import stage_labels


class LabelMissing(Rule):
    """A label required by the label schema is missing.

    ## What it does
    With a `label-schema` configured, flags the final stage when it (with the stages it builds
    on) lacks a label of the schema. Does nothing without a schema.

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Teams rely on labels (owner, source, version…) to trace and manage images; an image without
    them escapes that tooling.

    ## Example
    ```toml
    label-schema = { "org.opencontainers.image.source" = "url" }
    ```
    ```dockerfile
    FROM debian:12
    ```

    Use instead:
    ```dockerfile
    FROM debian:12
    LABEL org.opencontainers.image.source="https://github.com/acme/app"
    ```

    ## Options
    - `label-schema`: label → type (`text`, `url`, `semver`, `hash`, `rfc3339`, `spdx`, `email`)

    ## References
    - hadolint DL3049
    """

    code = "DL3049"
    inputs = Inputs(keywords={"LABEL"}, reports_missing=True)
    name = "label-missing"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is missing"

    def check(self, ctx: RuleContext):
        schema = ctx.settings.label_schema
        if not schema or not ctx.df.stages:
            return
        stage = final_stage(ctx.df, ctx.settings.target)
        present = stage_labels(stage)
        for key in schema:
            if key not in present:
                yield self.report(stage.from_.start, stage.from_.keyword_end, f"Label `{key}` is missing")
