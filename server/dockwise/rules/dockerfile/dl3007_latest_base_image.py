from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.images import report_floating_bases


class LatestBaseImage(Rule):
    """The base image uses the `latest` tag.

    ## What it does
    Flags `FROM image:latest` (without a digest). Build args in the image name are
    expanded first; a name depending on an arg without a default is skipped, as are `scratch`
    and `FROM <earlier stage>`.

    Stages: all: a floating base changes what every stage builds on, a builder's compiler as
    much as the final image.

    ## Why is this bad?
    `latest` moves to each new release: the same Dockerfile builds on a different OS or
    runtime version from one day to the next, and builds cannot be reproduced or bisected.

    ## Example
    ```dockerfile
    FROM node:latest
    ```

    Use instead:
    ```dockerfile
    FROM node:24.19.0
    ```

    ## Fix safety
    Unsafe. For Docker Official Images in dockwise's offline index the fix replaces
    `latest` with the concrete versioned tag it names today. The build is the same today,
    but it stops following new releases (including patch releases), so later upgrades are
    deliberate edits; and the index can lag behind Docker Hub. Images outside the index, and
    names written with variables, get no fix.

    ## References
    - hadolint DL3007
    """

    code = "DL3007"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "latest-base-image"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Base image uses `latest`, which floats to each new release; pin a version"
    fix_title = "Pin the tag `latest` currently names"

    def check(self, ctx: RuleContext):
        yield from report_floating_bases(self, ctx.df, want_latest=True)
