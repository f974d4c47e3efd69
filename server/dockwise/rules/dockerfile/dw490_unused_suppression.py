from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports `# dockwise: ignore=CODE`, `# hadolint ignore=CODE` and `# check=skip=CODE` entries
    whose rule is enabled but found nothing to suppress where the comment applies. The engine
    reports this finding itself after all rules ran; the rule module carries its docs and code.

    A `# hadolint ignore=CODE` is unused only where hadolint's rule would not fire either:
    where dockwise deliberately reports less than hadolint (a builder stage's caches, the
    `COPY --from=xx / /` helper idiom, `FROM stage-${ARG}` read as an untagged image, a
    platform built from `$TARGETOS/$TARGETARCH`), the pragma is still needed by hadolint and
    is not reported. A suppression naming either of two rules that report one problem (see
    DW422 and DL3029) covers both.

    A `# check=skip=<BuildKit check>` is read by `docker build`, so it is unused only where
    BuildKit's check would not fire, matched the way BuildKit matches: `SecretsUsedInArgOrEnv`
    fires on any `ARG`/`ENV` with `key`, `token`, `secret`, `password`, `auth`… as a word
    between `_` (`RABBITMQ_PGP_KEY_ID`, `GPG_KEY`), where DW201 deliberately reports less.

    Nothing is reported in a file whose header says it is generated and not to be edited
    (docker-library's `apply-templates.sh` output): its suppressions belong to the template,
    which may need them for other variants.

    Stages: file-wide: every suppression comment, wherever it is.

    ## Why is this bad?
    Stale suppressions hide future problems: when someone later adds the very mistake the
    comment once excused, nobody hears about it.

    ## Example
    ```dockerfile
    # dockwise: ignore=DL3042
    RUN pip install --no-cache-dir flask
    ```

    Use instead:
    ```dockerfile
    RUN pip install --no-cache-dir flask
    ```
    """

    code = "DW490"
    inputs = Inputs(scope=Scope.STAGE)
    name = "unused-suppression"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    message = "Unused suppression"

    def check(self, ctx: RuleContext):
        return ()  # reported by the engine, which sees every rule's findings
