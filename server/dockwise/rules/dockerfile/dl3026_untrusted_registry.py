from __future__ import annotations

import fnmatch

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext

DOCKER_HUB = ("docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io")


def registry_of(image: str) -> tuple[bool, str | None]:
    """(known, registry) of an image reference; the registry is known even when a variable
    hides the tag (`mcr.microsoft.com/devcontainers/cpp:2-${VARIANT}`). None means Docker Hub."""
    if not image or image.startswith("$"):
        return False, None
    first, sep, _rest = image.partition("/")
    if "$" in first and sep:
        return False, None
    if sep and ("." in first or ":" in first or first == "localhost"):
        return True, first
    return True, None


def trusted(registry: str | None, allowed: tuple[str, ...]) -> bool:
    if registry is None or registry in DOCKER_HUB:
        # `docker.io` or a wildcard matching it (`*`: every registry, Docker Hub included)
        return any(a in DOCKER_HUB or fnmatch.fnmatchcase("docker.io", a.lower()) for a in allowed)
    host = registry.lower()
    return any(fnmatch.fnmatchcase(host, a.lower()) for a in allowed)


class UntrustedRegistry(Rule):
    """A base image comes from a registry that is not on the allowed list.

    ## What it does
    When `trusted-registries` is configured, flags `FROM` images pulled from any other
    registry, and `COPY --from=<image>` the same way. Images from Docker Hub (no registry in
    the name) are allowed when the list holds `docker.io` or `hub.docker.com`. Entries may use
    wildcards (`*.example.com`); `*` allows every registry, Docker Hub included. Global build arguments are expanded with their defaults;
    earlier stages, `scratch` and images whose registry is hidden in an unresolved build
    argument are not checked. Silent when the list is empty.

    Stages: all: every `FROM` and `COPY --from` image is pulled, whichever stage names it.

    ## Why is this bad?
    Organisations mirror, scan and sign the images they trust; a base image from anywhere
    else bypasses that supply-chain control.

    ## Example
    With `trusted-registries = ["registry.example.com"]`:
    ```dockerfile
    FROM docker.io/library/python:3.12
    ```

    Use instead:
    ```dockerfile
    FROM registry.example.com/mirror/python:3.12
    ```

    ## Options
    - `trusted-registries`: registries (host names, wildcards allowed) base images may come from.

    ## References
    - hadolint DL3026
    """

    code = "DL3026"
    inputs = Inputs(keywords={"FROM", "COPY"})
    name = "untrusted-registry"
    category = Category.SECURITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Base image `{image}` is not from an allowed registry"

    def check(self, ctx: RuleContext):
        allowed = tuple(ctx.settings.trusted_registries)
        if not allowed:
            return
        df = ctx.df
        names: set[str] = set()
        for stage in df.stages:
            if stage.base_stage is None and stage.image_word is not None:
                known, registry = registry_of(stage.image)
                if known and stage.image != "scratch" and not trusted(registry, allowed):
                    w = stage.image_word
                    yield self.report(w.start, w.end, self.message.format(image=stage.image))
            if stage.name:
                names.add(stage.name)
            # `COPY --from=<image>` pulls an image as well
            for ins in stage.of("COPY"):
                flag = ins.flag("from")
                if flag is None or not flag.value:
                    continue
                ref = flag.value.strip("\"'")
                if ref.isdigit() or ref.lower() in names:
                    continue
                known, registry = registry_of(ref)
                if known and not trusted(registry, allowed):
                    yield self.report(flag.value_start, flag.value_end, self.message.format(image=ref))
