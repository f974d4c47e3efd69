"""The label schema (`label-schema` setting): the labels a stage sets and the rules that check one
label kind (DL3049-DL3058)."""

from __future__ import annotations

from ...dockerfile.variables import unquote
from ...engine.rule import Rule, RuleContext
from .helpers import instructions


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
