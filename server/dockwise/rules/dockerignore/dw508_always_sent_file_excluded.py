from __future__ import annotations

import os

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class AlwaysSentFileExcluded(Rule):
    """Excluding the Dockerfile or the ignore file itself: Docker sends them anyway.

    ## What it does
    Flags patterns that name exactly the Dockerfile (`Dockerfile`, or the Dockerfile a
    `<name>.Dockerfile.dockerignore` belongs to) or the ignore file (`.dockerignore`).
    Patterns that also match other files (`Dockerfile*`, `**/Dockerfile`) are left alone.

    ## Why is this bad?
    The builder always needs both, so Docker sends them whatever the patterns say (the CLI
    adds `!Dockerfile` and `!.dockerignore` exceptions; BuildKit reads the Dockerfile
    separately). The line suggests a protection it does not give: do not rely on it to keep
    the Dockerfile out of `COPY . .` with every builder.

    ## Example
    ```text
    .git
    Dockerfile
    .dockerignore
    ```

    Use instead:
    ```text
    .git
    ```
    """

    code = "DW508"
    name = "always-sent-file-excluded"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    file_kind = "dockerignore"
    fix_availability = FixAvailability.NEVER
    message = "Docker always sends this file; excluding it has no effect"

    def check(self, ctx: RuleContext):
        base = os.path.basename(ctx.path)
        names = {"Dockerfile": "the Dockerfile", ".dockerignore": "the ignore file", base: "the ignore file"}
        view = ctx.context
        if base.endswith(".dockerignore") and base != ".dockerignore":
            names.pop("Dockerfile", None)
            df = base[: -len(".dockerignore")]
            names[df] = "the Dockerfile"
            rel = getattr(view, "dockerfile_relpath", None)
            if rel:
                names[rel] = "the Dockerfile"
        for p in ctx.ignore.patterns:
            if p.exclusion or p.pattern not in names:
                continue
            yield self.report(p.start, p.end, f"Docker always sends {names[p.pattern]} (`{p.pattern}`) to the "
                              "builder; this pattern does not keep it out", unnecessary=True)
