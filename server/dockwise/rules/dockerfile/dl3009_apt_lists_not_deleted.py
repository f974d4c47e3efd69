from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import (
    can_append_to_run,
    has_cache_mount,
    runs_with,
    script_of,
)
from .dl3014_apt_get_install_without_yes import APT_GET_SUBCOMMANDS, subcommand_word

APT_LISTS = "/var/lib/apt/lists"
_APT_PROGRAMS = ("apt-get", "apt", "aptitude")


def removes(script, after: int, *paths: str) -> bool:
    """An `rm` (after offset `after`) deleting one of `paths`, its contents (`dir/*`) or a parent."""
    for cmd in script.commands:
        if cmd.start < after or cmd.program != "rm":
            continue
        for w in cmd.positional():
            target = w.value
            while target.endswith(("/*", "/")):
                target = target[:-2] if target.endswith("/*") else target[:-1]
            for p in paths:
                if target and (p == target or p.startswith(target + "/")) and target.count("/") >= 2:
                    return True
    return False


INSTALLING = ("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "reinstall")


class AptListsNotDeleted(Rule):
    """`apt-get update` leaves the package lists in the image.

    ## What it does
    Flags a RUN that runs `apt-get update` (or `apt update`, `aptitude update`) without
    deleting `/var/lib/apt/lists` later in the same RUN (`rm -rf /var/lib/apt/lists/*`,
    `apt-get distclean`). Not flagged when `/var/lib/apt/lists` (or `/var/lib/apt`) is a
    `RUN --mount=type=cache` or `tmpfs` target: the lists never reach a layer.

    Stages: shipped only. The lists matter only where they reach the image: in the final
    stage and the stages it is built `FROM`, or in a stage whose `/var/lib/apt/lists` a
    `COPY --from` takes whole (`COPY --from=builder / /`). A builder stage whose files are
    thrown away except for its build output is not flagged. hadolint too only flags the
    stages the final image is built on. A stage no other stage uses counts as a target too
    (it is there to be built with `docker build --target`); set `target` in the
    configuration to name the one you build. An `ONBUILD RUN` is judged in every stage: it
    runs in the images built `FROM` this one, and its layer is theirs.

    ## Why is this bad?
    The lists are tens of megabytes that no container reads, and deleting them in a later
    RUN does not help: the earlier layer keeps the bytes.

    ## Example
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl
    ```

    Use instead:
    ```dockerfile
    RUN apt-get update && apt-get install -y --no-install-recommends curl \\
        && rm -rf /var/lib/apt/lists/*
    ```

    ## Fix safety
    Safe: the fix appends ` && rm -rf /var/lib/apt/lists/*` at the end of the RUN, which
    only runs once everything before it succeeded and only deletes caches apt rebuilds with
    `apt-get update`. Offered only when the same RUN also installs: a RUN that only updates
    feeds the next RUN's install, and deleting the lists there would break it — merge the two
    first (DL3059), then this fix applies. No fix for heredoc RUNs, or when the script ends in
    an operator or a comment where appending would change its meaning.

    ## References
    - hadolint DL3009
    """

    code = "DL3009"
    reads = frozenset({"RUN", "COPY"})  # COPY --from: what of a discarded stage is copied out
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "apt-lists-not-deleted"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "`apt-get update` leaves its package lists in the layer; delete `/var/lib/apt/lists` in the same RUN"
    fix_title = "Append `rm -rf /var/lib/apt/lists/*`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        if not runs_with(df, *_APT_PROGRAMS):
            return  # no apt at all
        answer = shipping(df, ctx.settings.target)
        for stage in df.stages:
            # hadolint reports more stages: findings in discarded ones only keep its pragmas used
            discarded = not answer.reaches_image(stage, APT_LISTS)
            for ins in stage.instructions:
                trigger = ins.keyword == "ONBUILD" and ins.sub is not None
                if trigger:
                    ins = ins.sub  # runs in every image built FROM this one, whose layer keeps the lists
                if ins.keyword != "RUN":
                    continue
                script = script_of(df, ins)
                if script is None or has_cache_mount(ins, APT_LISTS):
                    continue
                updates = [c for c in script.commands if c.program in _APT_PROGRAMS
                           and getattr(subcommand_word(c, APT_GET_SUBCOMMANDS), "value", "") == "update"]
                if not updates:
                    continue
                first = updates[0]
                if removes(script, first.end, APT_LISTS):
                    continue
                if any(c.program in _APT_PROGRAMS and c.start > first.end
                       and getattr(subcommand_word(c, APT_GET_SUBCOMMANDS), "value", "") in ("distclean", "dist-clean")
                       for c in script.commands):
                    continue
                fix = None
                # Only when this RUN also installs: a RUN that merely updates feeds a later RUN's
                # install, and deleting the lists here would break it (merge them first, DL3059).
                installs = any(c.program in _APT_PROGRAMS and c.start > first.end
                               and getattr(subcommand_word(c, APT_GET_SUBCOMMANDS), "value", "") in INSTALLING
                               for c in script.commands)
                shipped = trigger or not discarded
                if installs and shipped and can_append_to_run(df, ins, script):
                    fix = self.make_fix([Edit.insert(ins.rest_end, " && rm -rf /var/lib/apt/lists/*")])
                yield self.report(first.start, first.end, fix=fix, hadolint_only=not shipped)
