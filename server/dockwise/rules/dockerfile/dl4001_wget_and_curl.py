from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.helpers import commands, script_of


class WgetAndCurl(Rule):
    """A stage uses both `wget` and `curl`.

    ## What it does
    Flags a RUN using `wget` or `curl` when the same stage already used the other one (the
    first RUN that completes the pair, and each later one using either).

    Stages: all, as hadolint: two download tools are one too many in any stage.

    ## Why is this bad?
    Two tools for one job: both must be installed, which costs image size and widens the attack
    surface for no gain.

    ## Example
    ```dockerfile
    RUN curl -fsSLO https://example.com/a.tgz
    RUN wget https://example.com/b.tgz
    ```

    Use instead:
    ```dockerfile
    RUN curl -fsSLO https://example.com/a.tgz
    RUN curl -fsSLO https://example.com/b.tgz
    ```

    ## References
    - hadolint DL4001
    """

    code = "DL4001"
    inputs = Inputs(keywords={"RUN"}, programs={"wget", "curl"}, scope=Scope.STAGE)
    name = "wget-and-curl"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Either use `wget` or `curl`, not both"

    def check(self, ctx: RuleContext):
        df = ctx.df
        if not commands(df, "wget") or not commands(df, "curl"):
            return  # it takes both
        for stage in df.stages:
            seen: dict[str, object] = {}
            for ins in stage.instructions:
                if ins.keyword != "RUN":
                    continue
                script = script_of(df, ins)
                if script is None:
                    continue
                used = [c for c in script.commands if c.program in ("wget", "curl")]
                if not used:
                    continue
                for c in used:
                    seen.setdefault(c.program, c)
                if len(seen) == 2:
                    yield self.report(used[0].start, used[0].end)
