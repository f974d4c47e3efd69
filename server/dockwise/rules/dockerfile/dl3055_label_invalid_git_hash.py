from __future__ import annotations

import re

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ..support.labels import SchemaLabelRule


class LabelInvalidGitHash(SchemaLabelRule):
    """A `hash` label of the label schema is not a valid git hash.

    ## What it does
    With a `label-schema` giving a label the type `hash`, flags values of that label that are
    not a git commit hash (7 to 40 hexadecimal characters, or a 64-character SHA-256). Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "hash" }
    ```
    ```dockerfile
    LABEL org.example.label="main"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="4f07059567fa61c80397126e8063dbbde011b794"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3055
    """

    code = "DL3055"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-git-hash"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is not a valid git hash"
    label_type = "hash"

    def valid(self, value: str) -> bool:
        return re.fullmatch(r"[0-9a-fA-F]{7,40}|[0-9a-fA-F]{64}", value) is not None
