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
from ..helpers import final_stage


def _alpine(tag: str) -> bool:
    return any(w.startswith("alpine") for w in images.parse_tag(tag).words)


def smaller_variant(ref) -> str | None:
    """The smallest existing variant of the same version on the same libc family."""
    options = images.variants(ref.full_name, ref.tag)
    same_family = [t for t in options if _alpine(t) == _alpine(ref.tag or "latest")]
    return same_family[0] if same_family else None


class LargeBaseVariant(Rule):
    """A smaller variant of the base image exists for the same version.

    ## What it does
    For the base of the final image (the final stage, or the stage it is built `FROM`),
    looks up dockwise's offline index of Docker Official Images and suggests the smallest
    variant of the same version and OS family: `python:3.12` → `python:3.12-slim`,
    `python:3.12-bookworm` → `python:3.12-slim-bookworm`, `eclipse-temurin:17-jdk` →
    `eclipse-temurin:17-jre`. Alpine variants are only suggested for an Alpine base: moving
    from glibc to musl changes binary compatibility, DNS behaviour and performance, so it is
    not a size tweak. Builder stages are not checked (they do not ship). Images outside the
    index, digests and names built from variables are skipped.

    Stages: final only (the base the shipped image is built on).

    ## Why is this bad?
    The default variants carry compilers, headers and tools to build almost anything:
    often several hundred megabytes more to pull, store and scan than `-slim`.

    ## Example
    ```dockerfile
    FROM python:3.12
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    ```

    ## Fix safety
    A suggestion, never applied in bulk: the smaller variant lacks packages the build or the
    app may need (gcc, git, headers, a JDK), which only a build and test can tell.
    """

    code = "DW101"
    reads = frozenset()
    name = "large-base-variant"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "A smaller variant of the base image exists"
    fix_title = "Switch to the smaller variant"

    def check(self, ctx: RuleContext):
        df = ctx.df
        stage = final_stage(df)
        while stage is not None and stage.base_stage is not None:
            stage = stage.base_stage
        if stage is None or stage.ref is None or stage.ref.digest or stage.unresolved or stage.ref.is_scratch:
            return
        ref = stage.ref
        better = smaller_variant(ref)
        if better is None:
            return
        word = stage.image_word
        fix = None
        if "$" not in word.value and df.text[word.start:word.end] == word.value:
            if ref.tag is None:
                edit = Edit.insert(word.end, ":" + better)
            elif word.value.endswith(":" + ref.tag):
                edit = Edit(word.end - len(ref.tag), word.end, better)
            else:
                edit = None
            if edit is not None:
                fix = self.make_fix([edit], Applicability.SUGGESTION, title=f"Switch to `{ref.name}:{better}`")
        yield self.report(word.start, word.end,
                          f"`{ref.name}:{ref.tag or 'latest'}` has a smaller variant `{ref.name}:{better}`",
                          fix=fix)
