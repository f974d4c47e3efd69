from __future__ import annotations

from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.cache_mounts import mount_alternatives
from ..support.helpers import cleaned_after, has_cache_mount, runs_with

YUM_CACHE = "/var/cache/yum"


def is_yum(cmd, *words: str) -> bool:
    if cmd.program != "yum":
        return False
    pos = [w.value for w in cmd.positional()]
    return pos[:len(words)] == list(words) if words == ("clean", "all") else words[0] in pos


def _yum_clean_all(cmd) -> bool:
    return is_yum(cmd, "clean", "all")


class YumCleanAllMissing(Rule):
    """A `RUN` installs with `yum` and does not run `yum clean all`.

    ## What it does
    Flags a `RUN` with `yum install` and no `yum clean all` (or `rm -rf /var/cache/yum`) after
    it in the same `RUN`: a clean before the install leaves what the install adds. Silent when
    yum's cache lives in a BuildKit cache or tmpfs mount (`--mount=type=cache,target=/var/cache/yum`,
    or a mount on `/var/cache`), since it then never reaches the layer.

    Stages: all, as hadolint (users of its DL3032 expect every `yum install` held to it).

    ## Why is this bad?
    yum keeps repository metadata and downloaded packages in `/var/cache/yum`; left in the
    layer they add tens of megabytes no container uses. Cleaning in a later `RUN` does not
    help: the earlier layer still holds the files.

    ## Example
    ```dockerfile
    RUN yum install -y httpd
    ```

    Use instead:
    ```dockerfile
    RUN yum install -y httpd && yum clean all
    # or keep the cache out of the image and reuse it across builds:
    RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd
    ```

    ## Fix safety
    Safe: appends ` && yum clean all` to the end of a shell-form `RUN`; only the cache is
    removed. No fix for heredoc scripts or scripts ending in a comment or an operator.

    Alternative (unsafe, needs BuildKit): locked cache mounts on `/var/cache/yum` and
    `/var/cache/dnf` (from EL 8 on, `yum` is dnf and caches in `/var/cache/dnf`; the unused one
    stays an empty directory), so the repository metadata is reused by the next build and never
    reaches the layer. Unsafe because it changes how the build uses the builder's cache.
    Offered when the file's frontend has `RUN --mount`.
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - hadolint DL3032
    """

    code = "DL3032"
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "USER"}, programs={"yum"}, scope=Scope.STAGE)
    name = "yum-clean-all-missing"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`yum install` without `yum clean all` leaves yum's cache in the layer"
    fix_title = "Append `&& yum clean all`"

    def check(self, ctx: RuleContext):
        for ins, script in runs_with(ctx.df, "yum"):
            installs = [c for c in script.commands if is_yum(c, "install")]
            if not installs or all(cleaned_after(script, install, _yum_clean_all, ("/var/cache/yum", "/var/cache/dnf"))
                                    for install in installs):
                continue
            if has_cache_mount(ins, YUM_CACHE):
                continue
            yield self.report(installs[0].start, installs[0].end, fix=self._fix(ins, script),
                              alternatives=mount_alternatives(self, "yum", ctx.df, ins))

    def _fix(self, ins, script):
        if script.from_heredoc or ins.heredocs:
            return None
        body = script.text.rstrip()
        last_line = body.rsplit("\n", 1)[-1]
        if "#" in last_line or body.endswith(("&&", "||", "|", "&", "\\")):
            return None
        if body.endswith(";"):
            return self.make_fix([Edit.insert(ins.rest_end, " yum clean all")], title="Append `yum clean all`")
        return self.make_fix([Edit.insert(ins.rest_end, " && yum clean all")])
