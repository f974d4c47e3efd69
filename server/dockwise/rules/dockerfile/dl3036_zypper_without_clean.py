from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.cache_mounts import mount_alternatives
from ..support.helpers import cleaned_after, has_cache_mount, runs_with
from ..support.packages import append_cleanup_fix, zypper_subcommand


def _zypper_clean(cmd) -> bool:
    """`zypper clean` (`cc`); an `rm` of `/var/cache/zypp` does the same."""
    if cmd.program != "zypper":
        return False
    sub = zypper_subcommand(cmd)
    return sub is not None and sub.value in ("clean", "cc")


class ZypperWithoutClean(Rule):
    """`zypper install` leaves zypper's caches in the layer.

    ## What it does
    Flags a RUN that runs `zypper install` (`in`) without a `zypper clean` (`cc`, or an `rm`
    of `/var/cache/zypp`) after it, unless `/var/cache/zypp` is a BuildKit cache or tmpfs
    mount. A clean before the install leaves what the install adds.

    Stages: all, as hadolint (users of its DL3036 expect every `zypper install` held to it).

    ## Why is this bad?
    zypper keeps downloaded packages and repository metadata under `/var/cache/zypp`. Left in the
    layer they only make the image bigger.

    ## Example
    ```dockerfile
    RUN zypper install -y curl
    ```

    Use instead:
    ```dockerfile
    RUN zypper install -y curl && zypper clean
    # or keep the cache out of the layer and reuse it in the next build:
    RUN --mount=type=cache,target=/var/cache/zypp,sharing=locked zypper install -y curl
    ```

    ## Fix safety
    Safe: `zypper clean` only removes caches; it is appended to the end of a shell-form RUN
    (heredoc RUNs are left alone).

    Alternative (unsafe, needs BuildKit): a cache mount on `/var/cache/zypp`, locked (zypper
    locks its cache; two builds at once must not share it). Unsafe because it changes how the
    build uses the builder's cache. Offered when the file's frontend has `RUN --mount`.
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - hadolint DL3036
    """

    code = "DL3036"
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "USER"}, programs={"zypper"}, scope=Scope.STAGE)
    name = "zypper-without-clean"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`zypper install` without `zypper clean` leaves zypper's cache in the image"
    fix_title = "Append `&& zypper clean`"

    def check(self, ctx: RuleContext):
        for ins, script in runs_with(ctx.df, "zypper"):
            zyppers = [(c, zypper_subcommand(c)) for c in script.find("zypper")]
            installs = [c for c, s in zyppers if s is not None and s.value in ("install", "in")]
            if not installs or all(cleaned_after(script, install, _zypper_clean, ("/var/cache/zypp",))
                                   for install in installs):
                continue
            if has_cache_mount(ins, "/var/cache/zypp"):
                continue
            fix = append_cleanup_fix(self, ctx.df, ins, script, "zypper clean")
            yield self.report(installs[0].start, installs[0].end, fix=fix,
                              alternatives=mount_alternatives(self, "zypper", ctx.df, ins))
