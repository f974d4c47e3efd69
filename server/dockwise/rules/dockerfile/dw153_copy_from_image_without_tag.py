from __future__ import annotations

from ...dockerfile.image import parse_image
from ...dockerfile.stages import stage_by_ref
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext


class CopyFromImageWithoutTag(Rule):
    """`COPY --from` (or `RUN --mount=from=`) names an image without a tag.

    ## What it does
    Reports `COPY --from=nginx …` and `RUN --mount=type=bind,from=golang,…` where the source is
    an image (not a build stage) with no tag or `latest`. A bare name that is neither a stage
    nor an official image (`--from=templates`) is taken for a named build context
    (`docker build --build-context`, bake's `contexts`) and not reported.

    Stages: all (`ONBUILD` too): every image a `COPY --from` or `RUN --mount=from=` pulls,
    whichever stage names it.

    ## Why is this bad?
    The files you copy come from whatever that image is on the day of the build: the same
    drift DL3006/DL3007 warn about for `FROM`, but easier to miss.

    ## Example
    ```dockerfile
    COPY --from=nginx /etc/nginx/nginx.conf /etc/nginx/
    ```

    Use instead:
    ```dockerfile
    COPY --from=nginx:1.29.1 /etc/nginx/nginx.conf /etc/nginx/
    ```

    ## Fix safety
    Unsafe: pins an official image to the version its `latest` aliases in the shipped tag
    index, which may be older than what the registry serves today.
    """

    code = "DW153"
    inputs = Inputs(keywords={"COPY", "ADD", "RUN"})
    name = "copy-from-image-without-tag"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    message = "`--from` names an image without a tag"
    fix_title = "Pin the image tag"

    def check_instruction(self, ins, ctx: RuleContext):
        from ...knowledge import images
        df = ctx.df
        sources = []
        if ins.keyword in ("COPY", "ADD"):
            f = ins.flag("from")
            if f and f.value:
                sources.append((f.value, f.value_start, f.value_end))
        elif ins.keyword == "RUN":
            for f in ins.flags_named("mount"):
                opts = f.options()
                if opts.get("from"):
                    at = f.value.find("from=" + opts["from"])
                    if at >= 0:
                        s = f.value_start + at + len("from=")
                        sources.append((opts["from"], s, s + len(opts["from"])))
        for value, start, end in sources:
            if "$" in value or value.isdigit() or stage_by_ref(df, value) is not None:
                continue
            ref = parse_image(value)
            if ref is None or ref.digest or (ref.tag and ref.tag != "latest") or ref.is_scratch:
                continue
            if _named_build_context(value, images):
                continue
            fix = None
            pinned = images.pin(ref.name, ref.tag) if ref.is_official else None
            if pinned and df.text[start:end] == value:
                base = value[: -len(":latest")] if ref.tag == "latest" else value
                fix = self.make_fix([Edit(start, end, f"{base}:{pinned}")], Applicability.UNSAFE,
                                    title=f"Pin to `{base}:{pinned}`")
            yield self.report(start, end, f"`--from={value}` is an image without a pinned tag", fix=fix)


def _named_build_context(value: str, images) -> bool:
    """A bare name that is neither a stage nor an official image (`--from=templates`) is most
    likely a named build context (`docker build --build-context templates=…`, bake's
    `contexts`), which is not pulled from a registry."""
    return "/" not in value and ":" not in value and "." not in value and not images.all_tags(value)
