from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import final_stage, instructions


def stage_labels(stage):
    """(key → (KeyValue, unquoted value)) for the LABELs of a stage and the stages it builds on."""
    chain = []
    while stage is not None:
        chain.append(stage)
        stage = stage.base_stage
    out = {}
    for st in reversed(chain):
        for ins in st.instructions:
            if ins.keyword == "LABEL":
                for kv in ins.pairs:
                    value = unquote(kv.value.value) if kv.value is not None else ""
                    out[unquote(kv.key.value)] = (kv, value)
    return out


def own_labels(df):
    """Every LABEL pair of the file as (KeyValue, key, unquoted value)."""
    for ins in instructions(df, "LABEL"):
        for kv in ins.pairs:
            yield kv, unquote(kv.key.value), unquote(kv.value.value) if kv.value is not None else ""


class SchemaLabelRule(Rule):
    """Shared check for the label-schema rules: a value of a given type that fails validation."""

    label_type = ""

    def valid(self, value: str) -> bool:  # pragma: no cover - overridden
        return True

    def check(self, ctx: RuleContext):
        schema = ctx.settings.label_schema
        if self.label_type not in schema.values():
            return  # no label of this type is configured: nothing to validate
        for kv, key, value in own_labels(ctx.df):
            if schema.get(key) != self.label_type or not value or "$" in value:
                continue
            if not self.valid(value):
                yield self.report(kv.value.start, kv.value.end, self.message.replace("`<label>`", f"`{key}`"))


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
    reads = frozenset({"LABEL"})
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
