from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ..support.labels import SchemaLabelRule


class LabelInvalidEmail(SchemaLabelRule):
    """A `email` label of the label schema is not a valid email address.

    ## What it does
    With a `label-schema` giving a label the type `email`, flags values of that label that are
    not an e-mail address (RFC 5322 `local@domain`). Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "email" }
    ```
    ```dockerfile
    LABEL org.example.label="ops team"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="ops@example.com"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3058
    """

    code = "DL3058"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-email"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is not a valid email address"
    label_type = "email"

    def valid(self, value: str) -> bool:
        return re.fullmatch(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*", value) is not None
