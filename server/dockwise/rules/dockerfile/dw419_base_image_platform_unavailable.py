from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...knowledge.buildkit_checks import parse_platform

# `os/arch[/variant]` → the architecture names of docker-library's manifests.
ARCH_NAMES = {
    ("linux", "amd64"): ("amd64",), ("linux", "arm64"): ("arm64v8",), ("linux", "386"): ("i386",),
    ("linux", "ppc64le"): ("ppc64le",), ("linux", "s390x"): ("s390x",), ("linux", "riscv64"): ("riscv64",),
    ("linux", "arm"): ("arm32v5", "arm32v6", "arm32v7"), ("windows", "amd64"): ("windows-amd64",),
}
ARM_VARIANTS = {"v5": "arm32v5", "v6": "arm32v6", "v7": "arm32v7"}


def official_architectures(image: str, tag: str | None) -> set[str] | None:
    """Architectures the official image's tag is published for, or None when unknown.

    `dockwise.knowledge.images` does not expose architectures yet; this reads its index the
    same way it does and returns None whenever anything is missing.
    """
    try:
        from ...knowledge import images
        name = images.normalize(image)
        if name is None:
            return None
        data = images._index()
        rows = data["images"].get(name)
        arch_names = data["arch"]
    except Exception:  # noqa: BLE001 - knowledge unavailable: stay silent
        return None
    tag = tag or "latest"
    arches: set[str] = set()
    found = False
    for tags, shared, mask in rows or ():
        if tag in tags.split() or tag in shared.split():
            found = True
            arches |= {a for bit, a in enumerate(arch_names) if mask >> bit & 1}
    return arches if found else None


class BaseImagePlatformUnavailable(Rule):
    """`FROM --platform=` asks for a platform the official image is not published for.

    ## What it does
    For a constant `--platform` on a Docker Official Image whose tag dockwise knows, flags the
    `FROM` when none of the tag's builds is for that OS and architecture: `windows/amd64` on
    a Linux-only image, `linux/amd64` on a `windowsservercore` tag, `linux/riscv64` where
    no riscv64 build exists.

    BuildKit reports this after pulling the image. dockwise cannot pull, so the check is
    limited to official images in its offline index, and silent for variables, digests,
    other registries and unknown tags.

    Stages: all: a base that has no build for the platform fails the build in any stage.

    ## Why is this bad?
    The pull fails ("no match for platform in manifest"), or with a single-platform image
    BuildKit runs a base built for another platform, which then fails or runs emulated.

    ## Example
    ```dockerfile
    FROM --platform=windows/amd64 alpine:3.20
    ```

    Use instead:
    ```dockerfile
    FROM --platform=linux/amd64 alpine:3.20
    ```

    ## References
    - BuildKit `InvalidBaseImagePlatform`: https://docs.docker.com/reference/build-checks/invalid-base-image-platform/
    """

    code = "DW419"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "base-image-platform-unavailable"
    category = Category.CORRECTNESS
    severity = Severity.ERROR
    buildkit_name = "InvalidBaseImagePlatform"
    message = "Base image `{image}` is not published for platform `{platform}`"

    def check(self, ctx: RuleContext):
        for stage in ctx.df.stages:
            flag = stage.from_.flag("platform")
            ref = stage.ref
            if flag is None or not flag.value or "$" in flag.value or ref is None or ref.digest:
                continue
            parsed = parse_platform(flag.value)
            if parsed is None or parsed not in ARCH_NAMES:
                continue
            wanted = set(ARCH_NAMES[parsed])
            parts = flag.value.lower().split("/")
            if parsed == ("linux", "arm") and len(parts) == 3 and parts[2] in ARM_VARIANTS:
                wanted = {ARM_VARIANTS[parts[2]]}
            arches = official_architectures(ref.full_name, ref.tag)
            if arches is None or arches & wanted:
                continue
            yield self.report(flag.start, flag.end,
                              self.message.format(image=stage.image, platform=flag.value))
