from __future__ import annotations

from ...analysis.shipping import is_dev_container
from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope

# Runtimes whose minor releases break compatibility (3.11 → 3.12 removes modules, changes ABIs),
# and Alpine, whose 3.x minors are distribution releases with new package versions.
MINOR_RELEASES_BREAK = frozenset({"python", "pypy", "php", "ruby", "alpine"})


# Rolling development lines: no version to pin, the newest packages by design.
ROLLING_LINES = frozenset({"sid", "unstable", "testing", "edge", "rawhide", "tumbleweed"})


def _variant_of_the_line(path: str, tag: str) -> bool:
    """Whether `path` is the variant built for the rolling line `tag` names
    (docker-library's `debian/sid/curl/Dockerfile` FROM `buildpack-deps:sid-curl`)."""
    line = tag.split("-", 1)[0]
    folders = path.replace("\\", "/").split("/")[:-1]
    return line in ROLLING_LINES and line in folders


class FloatingTag(Rule):
    """The base image tag floats across versions that can break the build.

    ## What it does
    Reports an official base image tag that names a version line rather than a version:
    `node:lts` or `node:alpine` (across major releases), `debian:stable`, and for runtimes
    whose minor releases break compatibility (Python, PyPy, PHP, Ruby, and Alpine, whose 3.x
    minors are distribution releases) `python:3` (across 3.x releases). A missing tag and `latest` are DL3006 and DL3007. The tag index
    shipped with dockwise (from docker-library/official-images, dated) says what each tag
    currently aliases. A rolling development line (`debian:sid`, `alpine:edge`) is reported
    too, except in the variant built for that line, whose folder names it
    (`debian/sid/curl/Dockerfile` FROM `debian:sid`): following it is that file's purpose.
    Dev containers (a `.devcontainer` folder) are not reported: a development environment
    rebuilt on the developer's machine tracks the newest interpreter on purpose, and ships
    nowhere.

    Stages: all: a base that drifts changes what a builder stage compiles with as much as what
    the final image runs on.

    ## Why is this bad?
    The next rebuild may silently move to a new major or minor version: a different
    interpreter, ABI or default behaviour, with nothing in the diff to explain the breakage.

    ## Example
    ```dockerfile
    FROM node:lts-alpine
    ```

    Use instead:
    ```dockerfile
    FROM node:24-alpine
    ```

    ## Fix safety
    Unsafe: the fix writes the release line the tag aliases in the shipped index: the major
    version (`node:lts-alpine` → `node:24-alpine`), or major.minor where minor releases break
    (`python:3-slim` → `python:3.14-slim`), so patch and security releases still arrive; the
    exact version when the index has no such tag. That is what the tag meant when the index
    was made, but the registry may have moved on.
    """

    code = "DW151"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "floating-base-image-tag"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "The base image tag floats across versions"
    fix_title = "Pin the tag to the version it aliases"

    def check(self, ctx: RuleContext):
        from ...knowledge import images
        if is_dev_container(ctx.path):
            return
        for stage in ctx.df.stages:
            ref = stage.ref
            word = stage.image_word
            if ref is None or word is None or not ref.tag or ref.tag == "latest" or ref.digest or not ref.is_official:
                continue
            if _variant_of_the_line(ctx.path, ref.tag):
                continue
            kind = images.floating_kind(ref.name, ref.tag)
            if kind == "major" and images.one_major_line(ref.name):
                kind = "minor"  # nginx:mainline moves between 1.x releases only
            if kind != "major" and not (kind == "minor" and ref.name in MINOR_RELEASES_BREAK):
                continue
            pinned = images.pin(ref.name, ref.tag)
            # the release line stops the drift and still brings patch (security) releases
            line = images.pin_line(ref.name, ref.tag, 1 if kind == "major" else 2) or pinned
            fix = None
            tag_at = word.value.rfind(":" + ref.tag)
            if line and "$" not in word.value and tag_at >= 0:
                start = word.start + tag_at + 1
                fix = self.make_fix([Edit(start, start + len(ref.tag), line)], Applicability.UNSAFE,
                                    title=f"Pin to `{ref.name}:{line}`")
            across = "major versions" if kind == "major" else "minor versions"
            now = f" (today: {pinned})" if pinned else ""
            yield self.report(word.start, word.end, f"`{ref.name}:{ref.tag}` drifts across {across}{now}", fix=fix)
