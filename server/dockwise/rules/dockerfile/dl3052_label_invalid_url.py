from __future__ import annotations

from urllib.parse import urlsplit

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ..support.labels import SchemaLabelRule


class LabelInvalidUrl(SchemaLabelRule):
    """A `url` label of the label schema is not a valid URL.

    ## What it does
    With a `label-schema` giving a label the type `url`, flags values of that label that are
    not a URL with a scheme and a host. Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "url" }
    ```
    ```dockerfile
    LABEL org.example.label="github.com/acme/app"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="https://github.com/acme/app"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3052
    """

    code = "DL3052"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-url"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is not a valid URL"
    label_type = "url"

    def valid(self, value: str) -> bool:
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc) and " " not in value
