from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ..support.images import report_floating_bases


class UntaggedBaseImage(Rule):
    """The base image has no tag, so it means `latest`.

    ## What it does
    Flags `FROM image` without a tag or digest. Build args in the image name are expanded
    first (`ARG BASE=python` / `FROM ${BASE}`); a name that depends on an arg without a
    default is skipped, as are `scratch` and `FROM <earlier stage>`.

    Stages: all: a floating base changes what every stage builds on, a builder's compiler as
    much as the final image.

    ## Why is this bad?
    An untagged image is `latest`, which moves: the same Dockerfile builds on a different
    OS or runtime version from one day to the next, and builds cannot be reproduced.

    ## Example
    ```dockerfile
    FROM python
    ```

    Use instead:
    ```dockerfile
    FROM python:3.14.7
    ```

    ## Fix safety
    Unsafe. For Docker Official Images in dockwise's offline index the fix adds the
    concrete versioned tag that `latest` names today (`python` → `python:3.14.7`), keeping
    the image name as written. The build is the same today, but it stops following new
    releases: from now on upgrades (including security patches of that version line, which
    come as new concrete tags) are a deliberate edit. That is a decision about maintenance,
    not a neutral rewrite, so it is only applied with `--unsafe-fixes`. The index can also
    lag behind Docker Hub. Images outside the index, and names written with variables, get
    no fix.

    ## References
    - hadolint DL3006
    """

    code = "DL3006"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "untagged-base-image"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Base image has no tag, so it floats with `latest`; pin a version"
    fix_title = "Pin the tag `latest` currently names"

    def check(self, ctx: RuleContext):
        yield from report_floating_bases(self, ctx.df, want_latest=False)
