from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.helpers import final_stage
from ..support.runs_as_root import effective_user

ROOT_NAMES = frozenset({"root", "0"})


class LastUserRoot(Rule):
    """The image's last `USER` is root.

    ## What it does
    Flags the last `USER` of the final stage (or of the stage it is built `FROM`) when it is
    `root` or `0` (with or without a group: `root:root`, `0:0`). Builder stages may run as
    root: only the final stage decides who the container runs as. Windows stages are skipped.

    Stages: the final stage only — the stage the `target` setting names (`docker build
    --target`), else the last stage of the file, with the stages it is built `FROM`. A
    builder stage's `USER` decides nothing about who the container runs as.

    ## Why is this bad?
    A container running as root turns any code-execution bug into root in the container
    and, with a mount or kernel bug, on the host. Switching back to root at the end is
    usually a leftover from installing something.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd -m app
    USER app
    RUN pip install --user flask
    USER root
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd -m app
    USER app
    RUN pip install --user flask
    ```

    ## References
    - hadolint DL3002
    """

    code = "DL3002"
    inputs = Inputs(keywords={"USER"})
    name = "last-user-root"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "The image runs as root: the final stage's last `USER` is root"

    def check(self, ctx: RuleContext):
        df = ctx.df
        stage = final_stage(df, ctx.settings.target)
        if stage is None or stage.windows:
            return
        ins, user = effective_user(df, stage)
        if ins is not None and user is not None and user.lower() in ROOT_NAMES:
            yield self.report(ins.start, ins.end)
