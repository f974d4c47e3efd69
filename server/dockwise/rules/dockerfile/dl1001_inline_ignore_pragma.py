from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.pragmas import INLINE_PRAGMA


class InlineIgnorePragma(Rule):
    """An inline ignore pragma silences a rule for one instruction.

    ## What it does
    Flags comment lines such as `# hadolint ignore=DL3008` or `# dockwise: ignore=DL3008` that
    switch a rule off for the next instruction. Off by default: teams that want every
    exception to live in the configuration file, where it is reviewed once, turn it on.

    Stages: file-wide: every pragma comment line, wherever it is in the file.

    ## Why is this bad?
    Inline pragmas scatter exceptions over many files; they are easy to add in a hurry and
    rarely removed when the reason goes away. A project-wide `ignore` in the configuration is
    visible and reviewed in one place.

    ## Example
    ```dockerfile
    FROM debian:12
    # hadolint ignore=DL3008
    RUN apt-get update && apt-get install -y curl
    ```

    Use instead (in `pyproject.toml` or `dockwise.toml`):
    ```toml
    ignore = ["DL3008"]
    ```

    ## References
    - hadolint DL1001
    """

    code = "DL1001"
    inputs = Inputs(scope=Scope.STAGE)
    name = "inline-ignore-pragma"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    fix_availability = FixAvailability.NEVER
    message = "Inline ignore pragma: keep rule exceptions in the configuration file"

    def check(self, ctx: RuleContext):
        for comment in ctx.df.comments:
            if INLINE_PRAGMA.match(comment.text):
                yield self.report(comment.start, comment.end)
