"""Base images: which FROM lines float (no tag, `latest`) and the edit that pins them (DL3006, DL3007)."""

from __future__ import annotations

from ...engine.diagnostic import Applicability, Edit
from ...engine.rule import Rule
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
