from __future__ import annotations

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Rule, RuleContext
from ...knowledge import images


def floating_bases(df, want_latest: bool):
    """(stage, pinned tag or None) for FROMs naming an image without a tag (or with `latest`).

    Stage references, `scratch`, digests and bases with unresolved build args are skipped.
    """
    for stage in df.stages:
        ref = stage.ref
        if stage.base_stage is not None or ref is None or ref.is_scratch or ref.digest or stage.unresolved:
            continue
        if want_latest != (ref.tag == "latest"):
            continue
        if not want_latest and ref.tag is not None:
            continue
        yield stage, images.pin(ref.full_name, ref.tag)


def pin_edit(df, stage, pinned: str | None, want_latest: bool):
    """Edit inserting/replacing the tag in the image word as written, or None when the word
    is built from variables (its text is not the image) or nothing to pin to."""
    word = stage.image_word
    if pinned is None or word is None or "$" in word.value or df.text[word.start:word.end] != word.value:
        return None
    if want_latest:
        if not word.value.endswith(":latest"):
            return None
        return Edit(word.end - len("latest"), word.end, pinned)
    return Edit.insert(word.end, ":" + pinned)


def report_floating_bases(rule: Rule, df, want_latest: bool):
    """The whole check of DL3006 (untagged) and DL3007 (`latest`): one diagnostic per floating
    base, with an unsafe fix pinning the tag `latest` names today when the index knows it."""
    for stage, pinned in floating_bases(df, want_latest):
        edit = pin_edit(df, stage, pinned, want_latest)
        fix = None
        if edit is not None:
            fix = rule.make_fix([edit], Applicability.UNSAFE, title=f"Pin to `:{pinned}` (what `latest` names today)")
        word = stage.image_word
        yield rule.report(word.start, word.end, fix=fix)
    for word in hadolint_floating(df, want_latest):
        yield rule.report(word.start, word.end, hadolint_only=True)


def hadolint_floating(df, want_latest: bool):
    """The bases hadolint reports and dockwise does not: hadolint reads the name as written,
    so `FROM base-${X}` (which picks a stage) has no tag and `FROM ${IMAGE}:latest` is latest.
    Only there to keep `# hadolint ignore=` pragmas on them from being called unused."""
    aliases = {s.name for s in df.stages if s.name}
    for stage in df.stages:
        word = stage.image_word
        if word is None or "$" not in word.value or word.value.startswith("$") and not want_latest:
            continue
        name, _, digest = word.value.partition("@")
        last = name.rsplit("/", 1)[-1]
        tag = last.rsplit(":", 1)[1] if ":" in last else None
        if digest or name.lower() in aliases or name == "scratch":
            continue
        if (want_latest and tag == "latest") or (not want_latest and tag is None):
            yield word


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
    stage_local = True
    reads = frozenset()
    name = "untagged-base-image"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "Base image has no tag, so it floats with `latest`; pin a version"
    fix_title = "Pin the tag `latest` currently names"

    def check(self, ctx: RuleContext):
        yield from report_floating_bases(self, ctx.df, want_latest=False)
