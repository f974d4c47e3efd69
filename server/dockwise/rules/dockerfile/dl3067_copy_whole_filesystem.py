from __future__ import annotations

from ...analysis.shipping import stages_a_variable_may_name
from ...dockerfile.image import parse_image
from ...dockerfile.stages import stage_by_ref
from ...dockerfile.variables import unquote
from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext

# Images built `FROM scratch` holding only a few binaries or scripts, published to be copied
# whole into another image: the cross-compilation helpers (`tonistiigi/xx`), binfmt, and the
# binary-only images of Docker's own tools.
HELPER_IMAGES = frozenset({
    "tonistiigi/xx", "tonistiigi/binfmt", "moby/moby-bin", "dockereng/cli-bin", "docker/buildx-bin",
    "docker/compose-bin", "gloursdocker/docker",
})


class CopyWholeFilesystem(Rule):
    """`COPY --from` copies another stage's (or image's) entire filesystem.

    ## What it does
    Flags `COPY --from=<stage or image> / <dest>`: a source of `/` (or `/.`, quoted or not),
    whatever the destination: copied into `/app`, the other filesystem is just as whole.

    Not flagged when the source is made to be copied whole: a stage built `FROM scratch`
    (an artifact stage holding only what was copied into it: `FROM scratch AS binaries`), or
    a scripts- or binaries-only helper image built that way, such as the cross-compilation
    helper `tonistiigi/xx` (`COPY --from=xx / /` is its documented use), `tonistiigi/binfmt`,
    `moby/moby-bin`, `dockereng/cli-bin`, `docker/buildx-bin`, `docker/compose-bin` and
    `gloursdocker/docker`.

    Stages: all: copying a whole filesystem is as fragile in a builder stage as in the final one.

    ## Why is this bad?
    Copying a whole root filesystem drags in everything the other stage had: package
    manager caches, compilers, shells, `/etc/passwd`... It defeats the point of a multi-stage
    build, hides what the image really needs, and can overwrite the target's own system
    files. Copy the directories you need instead. (Squashing an image on purpose with
    `FROM scratch` + `COPY --from=x / /` is a known idiom: suppress the rule there.)

    ## Example
    ```dockerfile
    FROM golang:1.22 AS build
    RUN go build -o /out/app .

    FROM scratch
    COPY --from=build / /
    ```

    Use instead:
    ```dockerfile
    FROM scratch
    COPY --from=build /out/app /app
    ```

    ## References
    - hadolint DL3067
    """

    code = "DL3067"
    inputs = Inputs(keywords={"COPY"})
    name = "copy-whole-filesystem-from-stage"
    category = Category.SIZE
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "`COPY --from` copies the entire filesystem of `{}`"
    fix_title = "Copy only the directories the image needs"

    def check_instruction(self, ins, ctx: RuleContext):
        df = ctx.df
        frm = ins.flag("from")
        if frm is None or ins.heredocs:
            return
        intended = _made_to_be_copied(df, frm.value or "", ins.stage.index if ins.stage else len(df.stages))
        words = list(ins.words)
        for w in words[:-1]:
            source = unquote(w.value, df.escape)  # `"/"` is `/`
            if source.startswith("/") and source.rstrip("/.") == "":
                # hadolint reports the intended idioms too: keep its pragmas there used
                yield self.report(w.start, w.end, self.message.format(frm.value), hadolint_only=intended)


def _made_to_be_copied(df, ref: str, before: int) -> bool:
    """Whether `--from=<ref>` names a helper image, or a stage whose filesystem starts from
    scratch (every stage a variable in its `FROM` could pick, for `FROM binaries-$TARGETOS`)."""
    stage = stage_by_ref(df, ref, before)
    if stage is None:
        image = parse_image(ref)
        return image is not None and image.name in HELPER_IMAGES
    return _from_scratch(df, stage, set())


def _from_scratch(df, stage, seen: set) -> bool:
    if stage.index in seen:
        return False
    seen.add(stage.index)
    if stage.base_stage is not None:
        return _from_scratch(df, stage.base_stage, seen)
    if stage.ref is not None:
        return stage.ref.is_scratch or stage.ref.name in HELPER_IMAGES
    word = stage.image_word.value if stage.image_word is not None else ""
    if "$" not in word:
        return False
    name = word.split("@", 1)[0]
    if ":" in name.rsplit("/", 1)[-1]:
        name = name.rsplit(":", 1)[0]  # `tonistiigi/xx:${XX_VERSION}`: the tag is not known
        return name in HELPER_IMAGES
    picks = stages_a_variable_may_name(df, word, stage.index)
    return bool(picks) and all(_from_scratch(df, s, seen) for s in picks)
