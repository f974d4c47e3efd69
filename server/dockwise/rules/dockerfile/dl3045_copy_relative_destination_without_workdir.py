from __future__ import annotations

import re

from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


def copy_destination(ins):
    if ins.json:
        return ins.words[-1] if len(ins.words) >= 2 else None
    words = ins.words
    return words[-1] if len(words) >= 2 else None


def workdir_set(stage) -> bool:
    return any(i.keyword == "WORKDIR" for i in stage.instructions)


class CopyRelativeDestinationWithoutWorkdir(Rule):
    """`COPY` to a relative path while no `WORKDIR` was set.

    ## What it does
    Flags `COPY` whose destination is relative (not `/…`, not `C:\\…`, not a `$VARIABLE`) in a
    stage where no `WORKDIR` was set before (in the stage or the stages it builds on). The
    destination is read with the file's escape character (with `# escape=` and a backtick,
    `C:\\app` is absolute).

    Stages: all, each with the stages it is built `FROM` (a `WORKDIR` there counts): a relative
    destination depends on the base's working directory in any stage.

    ## Why is this bad?
    A relative destination lands in the working directory inherited from the base image, which
    the Dockerfile does not show and which may change with the base image.

    ## Example
    ```dockerfile
    FROM node:20
    COPY package.json .
    ```

    Use instead:
    ```dockerfile
    FROM node:20
    WORKDIR /app
    COPY package.json .
    ```

    ## References
    - hadolint DL3045
    """

    code = "DL3045"
    inputs = Inputs(keywords={"COPY", "WORKDIR"}, scope=Scope.STAGE)
    name = "copy-relative-destination-without-workdir"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "`COPY` to a relative destination without `WORKDIR` set"

    def check(self, ctx: RuleContext):
        # whether a stage or one it builds on sets WORKDIR, by stage index: a base stage comes
        # before the stages built on it, so one pass answers for every chain
        chain_sets: dict[int, bool] = {}
        for stage in ctx.df.stages:
            base = stage.base_stage
            inherited = base is not None and chain_sets.get(base.index, False)
            chain_sets[stage.index] = inherited or workdir_set(stage)
            if inherited:
                continue
            for ins in stage.instructions:
                if ins.keyword == "WORKDIR":
                    break
                if ins.keyword != "COPY":
                    continue
                dest = copy_destination(ins)
                if dest is None:
                    continue
                value = unquote(dest.value, ctx.df.escape).strip("\"'") if not ins.json else dest.value
                if value.startswith(("/", "$")) or re.match(r"^[A-Za-z]:[\\/]", value):
                    continue
                yield self.report(dest.start, dest.end)
