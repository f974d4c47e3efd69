from __future__ import annotations

import re
from functools import lru_cache

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")
# Keys Docker itself defines for image authors: Docker Desktop extensions must carry them.
DOCKER_DEFINED = ("com.docker.desktop.extension.", "com.docker.extension.")


@lru_cache(maxsize=4096)  # label keys repeat across stages and edits
def _unquoted_key(raw: str) -> tuple[str, bool]:
    key = unquote(raw)
    return key, label_key_ok(key)


def label_key_ok(key: str) -> bool:
    return (re.fullmatch(r"[a-z]([a-z0-9.\-]*[a-z0-9])?", key) is not None
            and ".." not in key and "--" not in key
            and (not key.startswith(RESERVED) or key.startswith(DOCKER_DEFINED)))


class InvalidLabelKey(Rule):
    """A `LABEL` key breaks Docker's key format.

    ## What it does
    Flags label keys that do not start with a lower-case letter, do not end with a lower-case
    letter or digit, contain characters other than `a-z 0-9 . -`, repeat `.` or `-`, or use a
    namespace reserved by Docker (`com.docker.`, `io.docker.`, `org.dockerproject.`) other than
    the keys Docker defines for image authors (`com.docker.desktop.extension.*` and
    `com.docker.extension.*`, which Docker Desktop extensions must set).

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Docker's guidelines ask for reverse-DNS, lower-case keys; tools that query labels expect them,
    and the reserved namespaces belong to Docker itself.

    ## Example
    ```dockerfile
    LABEL Maintainer="me@example.com"
    ```

    Use instead:
    ```dockerfile
    LABEL org.opencontainers.image.authors="me@example.com"
    ```

    ## References
    - hadolint DL3048
    """

    code = "DL3048"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "invalid-label-key"
    category = Category.MAINTAINABILITY
    severity = Severity.STYLE
    fix_availability = FixAvailability.NEVER
    message = "Invalid label key"

    def check_instruction(self, ins, ctx: RuleContext):
        for kv in ins.pairs:
            key, ok = _unquoted_key(kv.key.value)
            if not ok:
                yield self.report(kv.key.start, kv.key.end, f"Invalid label key `{key}`")
