from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import final_stage


class MissingHealthcheck(Rule):
    """The final image has no `HEALTHCHECK`.

    ## What it does
    Flags a Dockerfile whose final stage (and the stages it is built on) has no `HEALTHCHECK`
    instruction. `HEALTHCHECK NONE` counts as a deliberate choice. Off by default: many images
    are tools, jobs or run under an orchestrator with its own probes (Kubernetes ignores
    `HEALTHCHECK`).

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`.

    ## Why is this bad?
    Without a health check Docker and Compose only know whether the process is running, not
    whether it answers; a hung server stays "up" and `depends_on: condition: service_healthy`
    cannot work.

    ## Example
    ```dockerfile
    FROM nginx:1.27
    COPY site /usr/share/nginx/html
    ```

    Use instead:
    ```dockerfile
    FROM nginx:1.27
    COPY site /usr/share/nginx/html
    HEALTHCHECK --interval=30s CMD curl -fsS http://localhost/ || exit 1
    ```

    ## References
    - checkov CKV_DOCKER_2
    - trivy DS026 (AVD-DS-0026)
    """

    code = "DW220"
    inputs = Inputs(keywords={"HEALTHCHECK"}, reports_missing=True)
    name = "missing-healthcheck"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    message = "The final image defines no HEALTHCHECK"

    def check(self, ctx: RuleContext):
        stage = final_stage(ctx.df, ctx.settings.target)
        if stage is None:
            return
        s = stage
        while s is not None:
            if s.of("HEALTHCHECK"):
                return
            s = s.base_stage
        ins = stage.from_
        yield self.report(ins.start, ins.end)
