from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine import suppression
from ...engine.diagnostic import Category, Edit, FixAvailability, Related, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ..support.cache_mounts import mount_alternatives
from ..support.helpers import (
    can_append_to_run,
    has_cache_mount,
    runs_with,
    script_of,
)
from ..support.packages import APT_GET_SUBCOMMANDS, APT_LISTS, removes, rm_deletes, subcommand_word

_APT_PROGRAMS = ("apt-get", "apt", "aptitude")


# apt subcommands that install packages (`satisfy` installs what a dependency line asks for)
INSTALLING = ("install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "reinstall", "satisfy")
# apt subcommands that read the package lists: without them they fail or do nothing
READS_LISTS = INSTALLING + ("download",)


# `curl -fsSL https://deb.nodesource.com/setup_20.x | bash -` adds the NodeSource repository and
# runs `apt-get update` itself
NODESOURCE_SETUP = "deb.nodesource.com/setup"


def _runs_nodesource_setup(cmd) -> bool:
    """`curl … deb.nodesource.com/setup_20.x | bash -`: the download piped into a shell."""
    shell = cmd.pipes_into
    return (shell is not None and shell.program in ("bash", "sh")
            and any(NODESOURCE_SETUP in w.value for w in cmd.argv))


def _apt_word(cmd) -> str:
    if cmd.program not in _APT_PROGRAMS:
        return ""
    return getattr(subcommand_word(cmd, APT_GET_SUBCOMMANDS), "value", "")


def _runs_a_script(cmd) -> bool:
    """`/tmp/install-chrome`, `bash setup.sh`: a script that may install from the lists."""
    words = [w.value for w in cmd.unwrapped()]
    if not words:
        return False
    if "/" in words[0]:
        return True
    return words[0] in ("sh", "bash") and len(words) > 1 and not words[1].startswith("-")


def lists_use(df, ins):
    """What a RUN does first with the package lists an earlier RUN left: ("reads", command)
    when it installs before any update of its own, ("replaces", command) when it updates or
    deletes them first, None when it does neither (or a cache mount hides the layer's lists)."""
    script = script_of(df, ins)
    if script is None or has_cache_mount(ins, APT_LISTS):
        return None
    for cmd in script.commands:
        word = _apt_word(cmd)
        if word in READS_LISTS:
            return "reads", cmd
        if (word in ("update", "distclean", "dist-clean") or rm_deletes(cmd, (APT_LISTS,))
                or _runs_nodesource_setup(cmd)):
            return "replaces", cmd
    return None


def later_readers(df, stage, ins, trigger: bool) -> list[tuple]:
    """The RUNs after `ins` (in `stage`) that install from the lists it leaves, as (RUN, command):
    the later RUNs of the stage, its `ONBUILD RUN`s (they run in every image built FROM it) and
    the RUNs of the stages built FROM it, each line of descent until a RUN updates or deletes
    the lists itself."""
    # (No nested closures: a recursive one is a reference cycle the language server would leak.)
    readers: list[tuple] = []
    if trigger:
        first = _onbuild_runs(stage, after=ins)
        todo = [] if _read(df, first, readers) else [(child, False) for child in _children(df, stage)]
    else:
        todo = [(stage, True)]
    while todo:
        here, own = todo.pop()
        runs = [i for i in here.instructions if i.keyword == "RUN" and (not own or i.start > ins.start)]
        if _read(df, runs, readers) or _read(df, _onbuild_runs(here, after=None), readers):
            continue  # replaced on this line of descent
        todo.extend((child, False) for child in _children(df, here))
    return readers


def _read(df, runs, readers: list) -> bool:
    """Adds the RUNs of `runs` that read the lists to `readers`, up to one that replaces them
    (then True)."""
    for run in runs:
        use = lists_use(df, run)
        if use is None:
            continue
        if use[0] == "replaces":
            return True
        readers.append((run, use[1]))
    return False


def _children(df, stage) -> list:
    return [child for child in df.stages if child.base_stage is stage]


def _onbuild_runs(stage, after) -> list:
    subs = [i.sub for i in stage.instructions if i.keyword == "ONBUILD" and i.sub is not None
            and i.sub.keyword == "RUN"]
    return [s for s in subs if after is None or s.start > after.start]


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

    When later RUNs install from these lists without an `apt-get update` of their own (the
    later RUNs of the stage, its `ONBUILD RUN`s, the RUNs of stages built `FROM` it), deleting
    them here would break those RUNs: the finding then goes to the last RUN that installs from
    them, asking to merge the RUNs into one that ends by deleting the lists. A later RUN that
    updates first (or pipes NodeSource's `setup_*.x` script, which updates, into a shell)
    starts a new set of lists. A `# hadolint ignore=DL3009` on the update accepts them.

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
    # or keep the lists and the downloaded archives in cache mounts, reused by the next build:
    RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
        --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\
        apt-get update && apt-get install -y --no-install-recommends curl
    ```

    ## Fix safety
    Safe: the fix appends ` && rm -rf /var/lib/apt/lists/*` at the end of the RUN, which
    only runs once everything before it succeeded and only deletes caches apt rebuilds with
    `apt-get update`. Offered only when the same RUN also installs: a RUN that only updates
    feeds the next RUN's install, and deleting the lists there would break it — merge the two
    first (DL3059), then this fix applies. Never offered where a later RUN installs from the
    lists, nor on that later RUN: deleting there leaves the bytes in the update's layer. No
    fix for heredoc RUNs, or when the script ends in an operator or a comment where appending
    would change its meaning.

    Alternative (unsafe, needs BuildKit): cache mounts on `/var/cache/apt` and
    `/var/lib/apt/lists`, with `sharing=locked` because apt locks both directories and two
    builds at once must not share them. The lists never reach the layer and the next build's
    `apt-get update` starts from them. Unsafe because it changes how the build uses the
    builder's cache. Only `lists` of `/var/lib/apt` is mounted: `/var/lib/apt/extended_states`
    (which packages were installed automatically, read by `apt-get autoremove`) belongs in the
    image. Offered where the clean-up fix would be (and for heredoc RUNs), when the file's
    frontend has `RUN --mount`; not where the RUN installs (or runs a script, which may
    install) before its own update (it would read an earlier RUN's lists, which the mount hides) or removes a folder holding a mount point
    (`rm -rf /var/lib/apt`: a mount point cannot be removed, the RUN would fail).

    The fix leaves the base image's `/etc/apt/apt.conf.d/docker-clean` alone: with it the
    downloaded `.deb` files are still deleted after each install, so only the lists are reused. Removing that hook (`RUN rm -f
    /etc/apt/apt.conf.d/docker-clean`, as Docker's cache-mount example does) would make the
    archive cache work too, but the removal ships in the image: every later `apt-get install`
    without a mount, in this file, in images built `FROM` it or in a container, would then keep
    its `.deb` files. Do it yourself where that is acceptable. Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - hadolint DL3009
    """

    code = "DL3009"
    # COPY --from: what of a discarded stage is copied out
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "COPY", "USER"})
    # every RUN: a `RUN --mount=from=` elsewhere decides which stages ship
    name = "apt-lists-not-deleted"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "`apt-get update` leaves its package lists in the layer; delete `/var/lib/apt/lists` in the same RUN"
    # no line number: the message must not change when an edit above shifts the lines
    message_read_later = ("the package lists of the earlier `apt-get update` stay in its layer, and the RUNs"
                          " from it up to this one install from them: merge these RUNs into one that ends by"
                          " deleting `/var/lib/apt/lists`")
    fix_title = "Append `rm -rf /var/lib/apt/lists/*`"

    def _own_code(self, selector: str) -> list[str]:
        """Pragma selectors as far as this rule needs them: whether one names this rule."""
        return [self.code] if selector.strip().lower() in (self.code.lower(), self.name) else []

    def check(self, ctx: RuleContext):
        df = ctx.df
        with_apt = {ins for ins, _ in runs_with(df, *_APT_PROGRAMS)}
        if not with_apt:
            return  # no apt at all
        answer = shipping(df, ctx.settings.target)
        for stage in df.stages:
            # hadolint reports more stages: findings in discarded ones only keep its pragmas used
            discarded = not answer.reaches_image(stage, APT_LISTS)
            for ins in stage.instructions:
                trigger = ins.keyword == "ONBUILD" and ins.sub is not None
                if trigger:
                    ins = ins.sub  # runs in every image built FROM this one, whose layer keeps the lists
                if ins not in with_apt:
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
                shipped = trigger or not discarded
                readers = later_readers(df, stage, ins, trigger)
                if readers:
                    # Later RUNs install from these lists: deleting them here breaks those RUNs.
                    # The finding belongs to the last of them (merge the RUNs, delete there);
                    # hadolint reports the update, so a pragma there stays used.
                    if suppression.is_suppressed(suppression.collect(df, self._own_code), self.code, first.start):
                        # a pragma on the update (hadolint's place, or dockwise's) accepts these
                        # lists: the finding is made where that pragma suppresses it, and uses it
                        yield self.report(first.start, first.end, hadolint_only=not shipped)
                        continue
                    yield self.report(first.start, first.end, hadolint_only=True)
                    _, cmd = max(readers, key=lambda r: r[0].start)
                    yield self.report(cmd.start, cmd.end, self.message_read_later,
                                      related=(Related("`apt-get update` here", None, first.start, first.end),),
                                      hadolint_only=not shipped)
                    continue
                fix = None
                # Only when this RUN also installs: a RUN that merely updates feeds a later RUN's
                # install, and deleting the lists here would break it (merge them first, DL3059).
                installs = any(c.program in _APT_PROGRAMS and c.start > first.end
                               and getattr(subcommand_word(c, APT_GET_SUBCOMMANDS), "value", "") in INSTALLING
                               for c in script.commands)
                if installs and shipped and can_append_to_run(df, ins, script):
                    fix = self.make_fix([Edit.insert(ins.rest_end, " && rm -rf /var/lib/apt/lists/*")])
                # or keep the lists (and the archives) in cache mounts; no later RUN reads them
                # (not when the RUN installs before its update: the mount hides the lists it reads)
                reads_first = any(c.start < first.start and (_apt_word(c) in READS_LISTS or _runs_a_script(c))
                                  for c in script.commands)
                alternatives = mount_alternatives(self, "apt", df, ins) \
                    if installs and shipped and not trigger and not reads_first else ()
                yield self.report(first.start, first.end, fix=fix, alternatives=alternatives, hadolint_only=not shipped)
