from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.cache_mounts import mount_alternatives
from ..support.helpers import cleaned_after, has_cache_mount, runs_with
from ..support.packages import DNF, append_cleanup_fix

DNF_FILLING = ("install", "groupinstall", "localinstall", "upgrade", "upgrade-minimal")


def _clean_all_by(fill):
    """Whether a command is a `clean all` by the tool that filled the cache (microdnf keeps its
    cache apart from dnf's)."""
    microdnf = fill.program == "microdnf"
    return lambda c: c.program in DNF and (c.program == "microdnf") == microdnf \
        and {"clean", "all"} <= {w.value for w in c.positional()}


class DnfWithoutCleanAll(Rule):
    """`dnf install` leaves dnf's caches in the layer.

    ## What it does
    Flags a RUN that installs or upgrades packages with `dnf`/`microdnf` but does not run
    `dnf clean all` (`microdnf clean all` after `microdnf`, whose cache is its own) or remove
    `/var/cache/dnf` / `/var/cache/yum` after the install, unless those directories are
    BuildKit cache or tmpfs mounts.

    Stages: all, as hadolint (users of its DL3040 expect every `dnf install` held to it).

    ## Why is this bad?
    dnf keeps repository metadata and downloaded packages under `/var/cache/dnf`: tens of
    megabytes that no container reads.

    ## Example
    ```dockerfile
    RUN dnf install -y httpd
    ```

    Use instead:
    ```dockerfile
    RUN dnf install -y httpd && dnf clean all
    # or keep the cache out of the layer and reuse it in the next build:
    RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked \\
        --mount=type=cache,target=/var/cache/libdnf5,sharing=locked \\
        dnf install -y httpd
    ```

    ## Fix safety
    Safe: `dnf clean all` only removes caches; it is appended to the end of a shell-form RUN
    (heredoc RUNs are left alone).

    Alternative (unsafe, needs BuildKit): a cache mount on the cache directory, locked (dnf
    locks its cache; two builds at once must not share it): `/var/cache/dnf` for `dnf` (dnf 4:
    RHEL and UBI 8-9, Rocky, Alma, Amazon Linux 2023), and on a Fedora base `/var/cache/libdnf5`
    too, since `dnf` is dnf 5 from Fedora 41 on (the unused one stays an empty directory);
    `/var/cache/libdnf5` for `dnf5`; `/var/cache/yum` for `microdnf`. The repository metadata,
    the largest part, is then reused by the next build (dnf deletes downloaded packages after
    installing them unless `keepcache` is set). Unsafe because it changes how the build uses the
    builder's cache. Offered when the file's frontend has `RUN --mount`, and not when the RUN
    removes the cache directory itself (a mount point cannot be removed: the RUN would fail).
    Where the clean-up fix is not offered (a heredoc RUN, a script ending in a comment), the
    mount is the finding's only fix.

    ## References
    - hadolint DL3040
    """

    code = "DL3040"
    # USER: the cache-mount alternative mounts at the user's home, owned by them
    inputs = Inputs(keywords={"RUN", "USER"}, programs=DNF, scope=Scope.STAGE)
    name = "dnf-without-clean-all"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`dnf install` without `dnf clean all` leaves dnf's cache in the image"
    fix_title = "Append `&& dnf clean all`"

    def check(self, ctx: RuleContext):
        for ins, script in runs_with(ctx.df, *DNF):
            dnfs = script.find(*DNF)
            filling = [c for c in dnfs if any(w.value in DNF_FILLING for w in c.positional())]
            if not filling:
                continue
            if all(cleaned_after(script, fill, _clean_all_by(fill), ("/var/cache/dnf", "/var/cache/yum"))
                   for fill in filling):
                continue
            if has_cache_mount(ins, "/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"):
                continue
            program = "microdnf" if all(c.program == "microdnf" for c in dnfs) else "dnf"
            fix = append_cleanup_fix(self, ctx.df, ins, script, f"{program} clean all")
            if fix is not None and program != "dnf":
                fix = self.make_fix(fix.edits, title=f"Append `&& {program} clean all`")
            tool = "dnf5" if all(c.program == "dnf5" for c in dnfs) else program
            if tool == "dnf" and "fedora" in ins.stage.root.image.lower():
                tool = "dnf-fedora"  # dnf 4 or 5: both caches
            yield self.report(filling[0].start, filling[0].end, fix=fix,
                              alternatives=mount_alternatives(self, tool, ctx.df, ins))
