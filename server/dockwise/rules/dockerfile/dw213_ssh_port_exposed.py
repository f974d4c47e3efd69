from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import instructions


class SshPortExposed(Rule):
    """`EXPOSE 22`: the image offers SSH.

    ## What it does
    Flags `EXPOSE 22` (`22/tcp` too).

    Stages: shipped only — the final stage and the stages it is built `FROM`, whose `EXPOSE`
    it inherits (`ONBUILD EXPOSE` too). A builder stage that is thrown away, or only copied
    from, exposes nothing.

    ## Why is this bad?
    Containers are reached with `docker exec`/`kubectl exec`, not SSH. An SSH daemon in an
    image is one more service to patch and harden, usually comes with keys or passwords baked
    into the image, and is a classic way in for attackers.

    ## Example
    ```dockerfile
    EXPOSE 22 8080
    ```

    Use instead:
    ```dockerfile
    EXPOSE 8080
    ```

    ## References
    - checkov CKV_DOCKER_1
    - trivy DS004 (AVD-DS-0004)
    """

    code = "DW213"
    # whether a stage ships is decided by later stages: every RUN and COPY (shipping.py)
    inputs = Inputs(keywords={"EXPOSE", "RUN", "COPY", "ADD"})
    name = "ssh-port-exposed"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "Port 22 (SSH) is exposed"

    def check(self, ctx: RuleContext):
        answer = None
        for ins in instructions(ctx.df, "EXPOSE"):
            answer = answer or shipping(ctx.df, ctx.settings.target)
            if not answer.ships(ins.stage):
                continue
            for w in ins.words:
                port, _, proto = w.value.partition("/")
                if port == "22" and proto.lower() in ("", "tcp"):
                    yield self.report(w.start, w.end)
