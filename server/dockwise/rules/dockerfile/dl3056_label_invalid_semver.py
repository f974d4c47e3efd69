from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ...lazy_regex import lazy_compile
from ..support.labels import SchemaLabelRule

SEMVER = lazy_compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                      r"(-((0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
                      r"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?")


class LabelInvalidSemver(SchemaLabelRule):
    """A `semver` label of the label schema does not conform to semantic versioning.

    ## What it does
    With a `label-schema` giving a label the type `semver`, flags values of that label that are
    not a semantic version (`MAJOR.MINOR.PATCH`, optional pre-release and build). Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "semver" }
    ```
    ```dockerfile
    LABEL org.example.label="1.2"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="1.2.0"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3056
    """

    code = "DL3056"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-semver"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` does not conform to semantic versioning"
    label_type = "semver"

    def valid(self, value: str) -> bool:
        return SEMVER.fullmatch(value) is not None
