from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..helpers import final_stage
from .dl3002_last_user_root import effective_user

# Registries whose images are known to run as root unless told otherwise.
_ROOT_REGISTRIES = ("mcr.microsoft.com/dotnet/", "registry.access.redhat.com/ubi", "public.ecr.aws/docker/library/")
_NONROOT_PREFIXES = ("cgr.dev/chainguard/", "cgr.dev/")


def base_runs_as_nonroot(ref) -> bool:
    """Bases that already run as a non-root user: distroless `nonroot` tags, Chainguard."""
    full = ref.full_name if ref.registry else ref.repository
    if full.startswith(_NONROOT_PREFIXES):
        return True
    tag = ref.tag or ""
    return "distroless" in full and "nonroot" in tag


def base_known_root(ref) -> bool:
    """Bases known to run as root by default: Docker Official Images and a few vendor images.
    Other images may set their own USER, which dockwise cannot see offline."""
    if ref.is_official:
        return True
    full = f"{ref.registry}/{ref.repository}" if ref.registry else ref.repository
    return full.startswith(_ROOT_REGISTRIES)


class NoUser(Rule):
    """The image never switches away from root.

    ## What it does
    Flags a final stage with no `USER` at all (neither in it nor in a stage it is built
    `FROM`) on a base known to run as root: Docker Official Images (`python`, `node`,
    `ubuntu`…), .NET and UBI images. Not flagged: `scratch`, distroless `:nonroot` tags,
    Chainguard images, other images (they may set their own `USER`), Windows stages, and
    builder stages (they do not ship). hadolint's DL3002 only looks at an explicit
    `USER root`, so it misses this, the more common case.

    ## Why is this bad?
    Without `USER`, the container's processes run as root. Any code-execution bug becomes
    root inside the container, with write access to everything in it.

    ## Example
    ```dockerfile
    FROM python:3.12-slim
    COPY . /app
    CMD ["python", "/app/main.py"]
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    RUN useradd --create-home --uid 10001 app
    COPY . /app
    USER app
    CMD ["python", "/app/main.py"]
    ```
    """

    code = "DW200"
    reads = frozenset({"USER"})
    name = "no-user"
    category = Category.SECURITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "The image runs as root: the final stage never sets a non-root `USER`"

    def check(self, ctx: RuleContext):
        df = ctx.df
        stage = final_stage(df)
        if stage is None or stage.windows:
            return
        ins, _ = effective_user(df, stage)
        if ins is not None:
            return
        ref = stage.root_ref
        if ref is None or ref.is_scratch or base_runs_as_nonroot(ref) or not base_known_root(ref):
            return
        root = stage
        while root.base_stage is not None:
            root = root.base_stage
        word = stage.image_word or root.image_word
        yield self.report(stage.from_.start, stage.from_.end if word is None else word.end)
