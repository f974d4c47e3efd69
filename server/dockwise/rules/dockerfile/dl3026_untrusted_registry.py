from __future__ import annotations

import fnmatch

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext

DOCKER_HUB = ("docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io")


def trusted(registry: str | None, allowed: tuple[str, ...]) -> bool:
    if registry is None or registry in DOCKER_HUB:
        return any(a in DOCKER_HUB for a in allowed)
    host = registry.lower()
    return any(fnmatch.fnmatchcase(host, a.lower()) for a in allowed)


class UntrustedRegistry(Rule):
    """A base image comes from a registry that is not on the allowed list.

    ## What it does
    When `trusted-registries` is configured, flags `FROM` images pulled from any other
    registry. Images from Docker Hub (no registry in the name) are allowed when the list holds
    `docker.io` or `hub.docker.com`. Entries may use wildcards (`*.example.com`). Earlier
    stages, `scratch` and images given by an unresolved build argument are not checked.
    Silent when the list is empty.

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
    name = "untrusted-registry"
    category = Category.SECURITY
    severity = Severity.ERROR
    fix_availability = FixAvailability.NEVER
    message = "Base image `{image}` is not from an allowed registry"

    def check(self, ctx: RuleContext):
        allowed = tuple(ctx.settings.trusted_registries)
        if not allowed:
            return
        for stage in ctx.df.stages:
            ref = stage.ref
            if ref is None or ref.is_scratch or stage.image_word is None:
                continue
            if not trusted(ref.registry, allowed):
                w = stage.image_word
                yield self.report(w.start, w.end, self.message.format(image=stage.image))
