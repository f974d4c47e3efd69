from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.cache_mounts import apk_refresh_edits, mount_alternatives
from ..support.helpers import has_cache_mount
from ..support.packages import APK_SUBCOMMANDS, removes, subcommand_word

APK_CACHE = "/var/cache/apk"


class ApkAddWithoutNoCache(Rule):
    """`apk add` keeps the package index in the image.

    ## What it does
    Flags `apk add` without `--no-cache`, unless `/var/cache/apk` (or `/etc/apk/cache`) is a
    `RUN --mount=type=cache|tmpfs` target or the same RUN deletes `/var/cache/apk/*`
    afterwards.

    Stages: all, as hadolint (users of its DL3019 expect every `apk add` held to it).

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
    # or keep the index in a cache mount, reused (and refreshed) by the next build:
    RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add --update curl
    ```

    ## Fix safety
    Safe: `--no-cache` fetches a fresh index instead of reading/writing the cache; the same
    packages are installed.

    Alternative (unsafe, needs BuildKit): a cache mount on `/var/cache/apk` (locked: two
    builds at once must not write the same index), and `--update` on every `apk add` of the
    RUN that an earlier `apk update` does not already refresh, because a cached index can be
    hours old and name package versions the mirror no longer has (an `apk add --no-cache` of the
    same RUN gets `--update` in that flag's place, or loses it after an `apk update`: it would
    keep away from the mount). Unsafe because it changes how the build uses the builder's
    cache. It does not create `/etc/apk/cache`, which would turn on apk's package cache for
    every later `apk add` of the image, so only the index is cached. Offered when the file's
    frontend has `RUN --mount`.

    ## References
    - hadolint DL3019
    """

    code = "DL3019"
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "USER"}, programs={"apk"}, scope=Scope.STAGE)
    name = "apk-add-without-no-cache"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.ALWAYS
    message = "`apk add` without `--no-cache` leaves the package index in the image"
    fix_title = "Add `--no-cache`"

    def check_command(self, cmd, ins, script, ctx: RuleContext):
        add = subcommand_word(cmd, APK_SUBCOMMANDS)
        if add is None or add.value != "add" or cmd.has_flag("--no-cache", "--no-network"):
            # `--no-network` fetches no index: it installs from what is already there
            return
        if has_cache_mount(ins, APK_CACHE, "/etc/apk/cache") or removes(script, cmd.end, APK_CACHE):
            return
        # or a cache mount, the adds refreshing the index it keeps (an unsafe alternative)
        mount = mount_alternatives(self, "apk", ctx.df, ins, apk_refresh_edits(ctx.df, script))
        yield self.report(cmd.start, cmd.end, fix=self.make_fix([Edit.insert(add.end, " --no-cache")]),
                          alternatives=mount)

