from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ...lazy_regex import lazy_compile
from ..support.labels import SchemaLabelRule

RFC3339 = lazy_compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)")


class LabelInvalidRfc3339(SchemaLabelRule):
    """A `rfc3339` label of the label schema is not a valid RFC 3339 time.

    ## What it does
    With a `label-schema` giving a label the type `rfc3339`, flags values of that label that are
    not an RFC 3339 date-time. Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "rfc3339" }
    ```
    ```dockerfile
    LABEL org.example.label="2024-05-01"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="2024-05-01T12:00:00Z"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3053
    """

    code = "DL3053"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-rfc3339"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is not a valid RFC 3339 time"
    label_type = "rfc3339"

    def valid(self, value: str) -> bool:
        return RFC3339.fullmatch(value) is not None
