from __future__ import annotations

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import commands, has_cache_mount
from .dl3009_apt_lists_not_deleted import removes
from .dl3014_apt_get_install_without_yes import APK_SUBCOMMANDS, subcommand_word

APK_CACHE = "/var/cache/apk"


class ApkAddWithoutNoCache(Rule):
    """`apk add` keeps the package index in the image.

    ## What it does
    Flags `apk add` without `--no-cache`, unless `/var/cache/apk` (or `/etc/apk/cache`) is a
    `RUN --mount=type=cache|tmpfs` target or the same RUN deletes `/var/cache/apk/*`
    afterwards.

    Stages: those whose `/var/cache/apk` reaches the image: the shipped ones, and a stage a
    `COPY --from` takes it from. In a builder stage that is thrown away (nginx's modules
    image builds `.apk` files in one and only bind-mounts them) the index costs the image
    nothing; hadolint reports those too, so its pragmas there stay used.

    ## Why is this bad?
    Without `--no-cache`, apk writes the downloaded APKINDEX files to `/var/cache/apk`, a
    few megabytes per repository that the running container never needs.

    ## Example
    ```dockerfile
    RUN apk add curl
    ```

    Use instead:
    ```dockerfile
    RUN apk add --no-cache curl
    ```

    ## Fix safety
    Safe: `--no-cache` fetches a fresh index instead of reading/writing the cache; the same
    packages are installed.

    ## References
    - hadolint DL3019
    """

    code = "DL3019"
    # every RUN and COPY: a `COPY --from` or `RUN --mount=from=` elsewhere decides which stages ship
    reads = frozenset({"RUN", "COPY"})
    name = "apk-add-without-no-cache"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = "`apk add` without `--no-cache` leaves the package index in the image"
    fix_title = "Add `--no-cache`"

    def check(self, ctx: RuleContext):
        found = commands(ctx.df, "apk")
        answer = shipping(ctx.df, ctx.settings.target) if found else None
        for ins, script, cmd in found:
            add = subcommand_word(cmd, APK_SUBCOMMANDS)
            if add is None or add.value != "add" or cmd.has_flag("--no-cache", "--no-network"):
                # `--no-network` fetches no index: it installs from what is already there
                continue
            if has_cache_mount(ins, APK_CACHE, "/etc/apk/cache") or removes(script, cmd.end, APK_CACHE):
                continue
            if not answer.reaches_image(ins.stage, APK_CACHE):
                yield self.report(cmd.start, cmd.end, hadolint_only=True)  # a discarded stage
                continue
            yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(add.end, " --no-cache")]))
