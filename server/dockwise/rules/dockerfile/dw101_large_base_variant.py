from __future__ import annotations

import re

from ...engine.diagnostic import (
    Applicability,
    Category,
    Edit,
    FixAvailability,
    Severity,
)
from ...engine.rule import Inputs, Rule, RuleContext
from ...analysis import picture_of
from ...analysis.images import DISTRO_PYTHON
from ...analysis.shipping import is_dev_container, shipping
from ...knowledge import images
from ...lazy_regex import lazy_compile
from ..support.helpers import final_stage
from ..support.runs_as_root import distribution_built_for_others, effective_command


def _alpine(tag: str) -> bool:
    return any(w.startswith("alpine") for w in images.parse_tag(tag).words)


def smaller_variant(ref) -> str | None:
    """The smallest existing variant of the same version on the same libc family."""
    options = images.variants(ref.full_name, ref.tag)
    same_family = [t for t in options if _alpine(t) == _alpine(ref.tag or "latest")]
    return same_family[0] if same_family else None


# Images that published a `-slim` variant beside every Debian-based version they ever had,
# with the oldest version that had one: a retired tag's slim variant existed too.
_SLIM_SINCE = {"python": (2, 7), "node": (6,), "ruby": (2, 2)}


def _version_tuple(text: str) -> tuple[int, ...] | None:
    parts = text.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def retired_slim_variant(ref) -> str | None:
    """The slim variant of a tag the index no longer lists (`python:3.8` → `3.8-slim`),
    built from a current tag of the same shape (`3.12-bookworm` → `3.12-slim-bookworm`)."""
    name = images.normalize(ref.full_name)
    tag = ref.tag
    if name not in _SLIM_SINCE or not tag or images.tag_exists(name, tag):
        return None
    parts = images.parse_tag(tag)
    version = _version_tuple(parts.version_text or "")
    if version is None or len(parts.version) != 1 or parts.date or version < _SLIM_SINCE[name]:
        return None
    words = parts.words
    if any(w.startswith(("slim", "alpine", "windows", "nanoserver")) for w in words) or len(words) > 1:
        return None
    current = [_version_tuple(images.parse_tag(t).version_text or "") for t in images.all_tags(name)]
    oldest = min((v for v in current if v and len(v) == len(version)), default=None)
    if oldest is None or version >= oldest:
        return None  # not older than every listed version: a typo or a future tag, not a retired one
    for template in images.all_tags(name):
        tp = images.parse_tag(template)
        if len(tp.version) != 1 or tp.date or len(tp.words) != len(words) or \
                tp.version[0].count(".") != parts.version[0].count("."):
            continue
        if words and not all(images.is_platform_word(w) for w in tp.words):
            continue
        slim = [v for v in images.variants(name, template) if not _alpine(v)]
        if not slim:
            continue
        out = slim[0].replace(tp.version[0], parts.version[0], 1)
        if words:
            out = out.replace(tp.words[0], words[0], 1)
        return out
    return None


# Packages that bring one language runtime (and its own tools) onto Debian/Ubuntu.
_RUNTIME_PACKAGES = {
    "python": lazy_compile(r"python3(\.\d+)?(-(minimal|pip|venv|dev|setuptools|wheel|full|distutils))?|python-is-python3"),
    "node": lazy_compile(r"nodejs|npm"),
    "java": lazy_compile(r"(openjdk-\d+|default)-(jre|jdk)(-headless)?"),
    "ruby": lazy_compile(r"ruby(\d(\.\d)?)?(-full|-dev|-bundler)?|bundler"),
}
# Small packages that do not make the image need a full distribution.
_LIGHT_PACKAGES = frozenset({"ca-certificates", "curl", "wget", "tini", "dumb-init", "gnupg", "gpg", "git", "unzip",
                             "tzdata", "locales", "less", "procps", "netbase", "bash", "jq", "vim", "nano",
                             "openssl", "iputils-ping", "gosu", "xz-utils", "zip", "apt-transport-https",
                             "software-properties-common"})
_LANGUAGE_IMAGES = {"python": "python:{v}-slim", "node": "node:<version>-slim", "java": "eclipse-temurin:{v}-jre",
                    "ruby": "ruby:<version>-slim"}


def runtime_only(stage, pic) -> tuple[str, str] | None:
    """(runtime, suggested image) when a Debian/Ubuntu base is used only to install one runtime."""
    facts = pic.facts
    if facts is None or facts.family not in ("debian", "ubuntu") or not pic.os_packages:
        return None
    runtimes = set()
    version = None
    for package, _, _ in pic.os_packages:
        package = package.split("=")[0].lower()
        kind = next((k for k, rx in _RUNTIME_PACKAGES.items() if rx.fullmatch(package)), None)
        if kind is None:
            if package not in _LIGHT_PACKAGES:
                return None  # other system packages: the distribution image may be the right base
            continue
        runtimes.add(kind)
        digits = re.search(r"\d+(\.\d+)?", package)
        if kind == "java" and digits:
            version = digits.group(0)
        if kind == "python" and digits and "." in digits.group(0):
            version = digits.group(0)
    if len(runtimes) != 1 or pic.interpreters_unknown:
        return None
    kind = runtimes.pop()
    if kind == "python":
        version = version or DISTRO_PYTHON.get((facts.distro, facts.distro_version))
    template = _LANGUAGE_IMAGES[kind]
    if "{v}" in template:
        if version is None:
            return None
        template = template.format(v=version)
    return kind, template


def _extends_the_image_it_is_given(df, stage) -> bool:
    """`FROM ${NGINX_FROM_IMAGE}` in the final stage and in a stage it builds with: the file is a
    recipe for extending whichever image its builder passes (nginx's modules image builds the
    modules against that image and installs them into it), not a choice of variant."""
    word = stage.image_word
    if word is None or not re.fullmatch(r"\$\{?\w+\}?", word.value.strip()):
        return False
    return any(s is not stage and s.base_stage is None and s.image_word is not None
               and s.image_word.value.strip() == word.value.strip() for s in df.stages)


# Programs that start the real command (`tini -- java -jar app.jar`, `exec java …`).
_WRAPPERS = frozenset({"exec", "tini", "dumb-init", "--", "env"})


def _starts_java(stage) -> bool:
    """Whether the image's command runs `java` itself (`ENTRYPOINT ["java", "-jar", "app.jar"]`,
    `CMD java -jar app.jar`, `sh -c "exec java …"`): then a JRE runs it as well as a JDK. A
    script or server (`catalina.sh run`, Spark's `/opt/entrypoint.sh`) may call JDK tools."""
    argv: list[str] = []
    for ins in effective_command(stage):  # the ENTRYPOINT, else the CMD (`ENTRYPOINT []` clears it)
        if ins is not None:
            argv += list(ins.args) if ins.json else ins.rest.split()
    if len(argv) >= 3 and argv[0].rsplit("/", 1)[-1] in ("sh", "bash") and argv[1] == "-c":
        argv = argv[2].split()
    while argv and argv[0].rsplit("/", 1)[-1] in _WRAPPERS:
        argv = argv[1:]
    return bool(argv) and argv[0].rsplit("/", 1)[-1] == "java"


def _jdk_to_jre(ref, better: str) -> bool:
    return "jre" in images.parse_tag(better).words and "jre" not in images.parse_tag(ref.tag or "latest").words


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

    A tag the index no longer lists because its version is retired (`python:3.8`,
    `node:16-bullseye`, `ruby:2.7`) gets its slim variant too (`python:3.8-slim`,
    `node:16-bullseye-slim`): `python` (2.7 on), `node` (6 on) and `ruby` (2.2 on) published
    a slim variant beside every Debian-based version, in the layout their current tags still
    use. Only versions older than every listed one count as retired (not typos or future tags).

    A final stage on `debian` or `ubuntu` that only installs one language runtime (`python3`
    with pip/venv, `nodejs`/`npm`, `openjdk-N-jre`, `ruby`) and small tools (`curl`,
    `ca-certificates`, `tini`, `git`…) gets the language's own image suggested instead:
    `python:3.10-slim` (the distribution's python3 version), `eclipse-temurin:17-jre`,
    `node:<version>-slim`, `ruby:<version>-slim`. Other system packages (compilers, `-dev`
    libraries, `ffmpeg`…) or a runtime from an install script keep it silent: the
    distribution image may then be the right base.

    A JDK base gets its JRE variant suggested only when the image's command runs `java`
    itself (`ENTRYPOINT ["java", "-jar", "app.jar"]`): a server or platform started by a
    script (Tomcat's `catalina.sh run`, Spark's `entrypoint.sh`) may use the JDK's tools
    (Spark runs `jmap`), and its JDK variant is then a choice, not an oversight.

    Stages: final only (the base the shipped image is built on). Dev containers (a
    `.devcontainer` folder, or a `devcontainers` base) and files that build development
    images only (every image they make is a stage named `dev`, `dev-envs`, `test`…) are
    development environments that want the full image, and are not reported. Neither are images made for others to build on (no
    command of their own on a distribution image, as `buildpack-deps`): their variant is what
    every image built on them gets, chosen by design. Nor a file that extends whichever image
    its builder passes, the same build argument naming the base of the final stage and of a
    stage it builds with (`FROM ${NGINX_FROM_IMAGE} AS builder` … `FROM ${NGINX_FROM_IMAGE}`:
    nginx's modules image builds modules against that image and installs them into it).

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
    A suggestion, never applied in bulk (none for the language-image suggestion, which also
    means deleting the install): the smaller variant lacks packages the build or the
    app may need (gcc, git, headers, a JDK), which only a build and test can tell.
    """

    code = "DW101"
    inputs = Inputs(keywords={"FROM", "RUN", "COPY", "ADD", "WORKDIR", "USER", "CMD", "ENTRYPOINT", "EXPOSE"})
    name = "large-base-variant"
    category = Category.SIZE
    severity = Severity.INFO
    fix_availability = FixAvailability.SOMETIMES
    message = "A smaller variant of the base image exists"
    fix_title = "Switch to the smaller variant"

    def check(self, ctx: RuleContext):
        df = ctx.df
        stage = final_stage(df, ctx.settings.target)
        while stage is not None and stage.base_stage is not None:
            stage = stage.base_stage
        if stage is None or stage.ref is None or stage.ref.digest or stage.unresolved or stage.ref.is_scratch:
            return
        if is_dev_container(ctx.path, stage.ref) or shipping(df, ctx.settings.target).local_only:
            return  # a development environment wants the full image's tools
        ref = stage.ref
        runtime = list(self._runtime_only(df, stage, ctx.settings.target))
        if runtime:
            yield from runtime  # the language image is the better suggestion than the distribution's slim
            return
        if distribution_built_for_others(final_stage(df, ctx.settings.target), ref) or _extends_the_image_it_is_given(df, stage):
            return
        better = smaller_variant(ref)
        retired = False
        if better is None:
            better = retired_slim_variant(ref)
            retired = better is not None
        if better is None:
            return
        if _jdk_to_jre(ref, better) and not _starts_java(final_stage(df, ctx.settings.target)):
            return  # a script or server (Tomcat, Spark) may need the JDK's tools (jmap, javac)
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
        message = f"`{ref.name}:{ref.tag or 'latest'}` has a smaller variant `{ref.name}:{better}`"
        if retired:
            message = (f"`{ref.name}:{ref.tag}` is retired from the tag index; its smaller variant "
                       f"`{ref.name}:{better}` was published beside it (and a supported version is better still)")
        yield self.report(word.start, word.end, message, fix=fix)

    def _runtime_only(self, df, stage, target):
        final = final_stage(df, target)
        if final is not stage:
            return  # the final stage builds on another stage: judge only a plain `FROM ubuntu` image
        found = runtime_only(stage, picture_of(df, stage))
        if found is None:
            return
        kind, image = found
        word = stage.image_word
        yield self.report(word.start, word.end,
                          f"`{word.value}` is used here only to install the {kind.capitalize()} runtime: "
                          f"the official `{image}` image ships it ready, usually smaller and kept patched "
                          "by its maintainers")
