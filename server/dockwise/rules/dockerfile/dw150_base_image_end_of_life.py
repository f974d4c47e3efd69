from __future__ import annotations

import os
import re
from dataclasses import replace

from ...analysis.shipping import shipping
from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext
from ...knowledge.image_names import image_reference
from ...lazy_regex import lazy_compile

# Toolchains that compile their own standard library into what they build: an end-of-life Go
# builder ships its unpatched `net/http` and `crypto` inside the binary it hands over.
LINKED_INTO_ARTIFACTS = frozenset({"go"})
# Where an official image installs its runtime: a `COPY --from` of one of these (or of a
# folder inside one) hands the runtime itself over (`COPY --from=python:3.10 /usr/local/lib …`).
RUNTIME_DIRS = {"python": "/usr/local", "node": "/usr/local", "ruby": "/usr/local", "php": "/usr/local",
                "golang": "/usr/local/go", "eclipse-temurin": "/opt/java/openjdk", "amazoncorretto": "/usr/lib/jvm"}


# A folder named for one release of the project (`3.5.2`, `20.18.1-bullseye`): three numbers,
# so a distribution's `3.21` or a runtime's `25` folder is not one.
_RELEASE_FOLDER = lazy_compile(r"(\d+)\.(\d+)\.(\d+)(.*)")


def _folders_above(dockerfile: str, repo_root: str | None, levels: int | None = None):
    """For each folder above `dockerfile` inside the repository (the nearest `levels` only, if
    given): (its name, the folder holding it, the file's path below it)."""
    if not repo_root:
        return
    root = os.path.abspath(repo_root)
    folder = os.path.dirname(os.path.abspath(dockerfile))
    below = os.path.basename(dockerfile)
    while folder.startswith(root + os.sep) and levels != 0:
        name = os.path.basename(folder)
        yield name, os.path.dirname(folder), below
        below = os.path.join(name, below)
        folder = os.path.dirname(folder)
        levels = None if levels is None else levels - 1


def _entries(folder: str) -> list[str]:
    """A folder's entries, sorted (none when it cannot be listed)."""
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


def _release_folders(dockerfile: str, repo_root: str | None):
    """For each folder above `dockerfile` (inside the repository) named for a release: (its
    name's match, the folder holding it, that folder's entries sorted, the file's path below it)."""
    for name, parent, below in _folders_above(dockerfile, repo_root):
        mine = _RELEASE_FOLDER.fullmatch(name)
        if mine:
            yield mine, parent, _entries(parent), below


def release_folder_inputs(dockerfile: str, repo_root: str | None) -> tuple[str, ...]:
    """What `superseded_release` looks at: the folder holding each release folder above
    `dockerfile` (a release added or removed changes its listing) and the same file in each
    sibling release folder (it may appear or go)."""
    out: list[str] = []
    for mine, parent, names, below in _release_folders(dockerfile, repo_root):
        out.append(parent)
        out.extend(os.path.join(parent, name, below) for name in names
                   if name != mine.group(0) and _RELEASE_FOLDER.fullmatch(name))
    return tuple(out)


def superseded_release(dockerfile: str, repo_root: str | None) -> str | None:
    """The newer release folder that holds the same file, when `dockerfile` lies in a folder
    named for an older release of the project (spark-docker's `3.5.2/scala2.12-java11-ubuntu/
    Dockerfile` beside `3.5.8/scala2.12-java11-ubuntu/Dockerfile`): a record of a published
    release that nobody edits any more; the newer folder is where a base moves on."""
    for mine, parent, names, below in _release_folders(dockerfile, repo_root):
        release = tuple(int(n) for n in mine.groups()[:3])
        for name in names:
            other = _RELEASE_FOLDER.fullmatch(name)
            if other and other.group(4) == mine.group(4) and tuple(int(n) for n in other.groups()[:3]) > release \
                    and os.path.isfile(os.path.join(parent, name, below)):
                return os.path.join(parent, name, below)
    return None


# A folder named for a base's release: `alpine/3.21/`, `debian/bookworm/`.
_VARIANT_FOLDER = lazy_compile(r"\d+(\.\d+)?|[a-z]+")


def variant_folders(dockerfile: str, repo_root: str | None):
    """For each folder above `dockerfile` (inside the repository, up to three levels) that may
    be named for a base's release: (its name, the folder holding it, the file's path below it)."""
    for name, parent, below in _folders_above(dockerfile, repo_root, levels=3):
        if _VARIANT_FOLDER.fullmatch(name):
            yield name, parent, below


def supported_sibling_variant(dockerfile: str, repo_root: str | None, part, today) -> str | None:
    """When `dockerfile` lies in a folder named for its base's ended release (adoptium's
    `8/jre/alpine/3.21/Dockerfile` FROM `alpine:3.21`), the same file in a sibling folder named
    for a supported release, the newest, as a path from their parent's folder (`alpine/3.24/Dockerfile`): the
    variant that moved on exists already, so this one is to retire rather than to move."""
    from ...knowledge import eol as eol_table
    for name, parent, below in variant_folders(dockerfile, repo_root):
        if eol_table.cycle_of(part.product, name) != part.cycle:
            continue
        found = [(eol_table.supported_cycle(part.product, n, today), n) for n in _entries(parent) if n != name]
        found = [(cycle, n) for cycle, n in found if cycle is not None and os.path.isfile(os.path.join(parent, n, below))]
        if found:
            newest = max(found, key=lambda cn: tuple(int(x) for x in re.findall(r"\d+", cn[0])))[1]
            return os.path.join(os.path.basename(parent), newest, below)
    return None


def variant_folder_inputs(dockerfile: str, repo_root: str | None) -> tuple[str, ...]:
    """What `supported_sibling_variant` looks at: each candidate folder's parent (a variant
    added or removed changes its listing) and the same file in each sibling folder."""
    out: list[str] = []
    for name, parent, below in variant_folders(dockerfile, repo_root):
        out.append(parent)
        out.extend(os.path.join(parent, n, below) for n in _entries(parent) if n != name and _VARIANT_FOLDER.fullmatch(n))
    return tuple(out)


# The C library each distribution release ships: a folder named `…-glibc-2.31` builds for that
# ABI (binaries that must run on older systems), which only that release's base provides.
GLIBC_OF_RELEASE = {("ubuntu", "18.04"): "2.27", ("ubuntu", "20.04"): "2.31", ("ubuntu", "22.04"): "2.35",
                    ("ubuntu", "24.04"): "2.39", ("debian", "10"): "2.28", ("debian", "11"): "2.31",
                    ("debian", "12"): "2.36", ("debian", "13"): "2.41", ("centos", "7"): "2.17",
                    ("centos", "8"): "2.28"}


def named_by_release_folder(dockerfile: str, ref, part) -> bool:
    """Whether a folder the file lies in is the record of one published release that names
    the end-of-life `part` itself: cypress's `node-20/20.18.3-bullseye/Dockerfile` FROM
    `node:20.18.3-bullseye-slim` is the image of Node 20.18.3 on bullseye, and
    `24.15.0-glibc-2.31/` FROM `ubuntu:20.04` exists for glibc 2.31. Moving its base would
    make another release, not fix this one."""
    from ...knowledge import eol as eol_table
    tag = (ref.tag or "").lower()
    for folder in dockerfile.replace("\\", "/").split("/")[:-1]:
        release = _RELEASE_FOLDER.fullmatch(folder.lower())
        if release is None:
            continue
        version, words = ".".join(release.groups()[:3]), release.group(4)
        if tag == version or tag.startswith(version + "-"):
            return True  # the runtime release the folder is named for
        name = eol_table.codename(part.product, part.cycle)
        glibc = GLIBC_OF_RELEASE.get((part.product, part.cycle))
        if (name and re.search(rf"\b{name}\b", words)) or (glibc and f"glibc-{glibc}" in words):
            return True  # the distribution release (or its C library) the folder is named for
    return False


class BaseImageEndOfLife(Rule):
    """The base image's runtime or distribution is past (or near) its end of life.

    ## What it does
    Looks up the base image of every stage in the end-of-life table shipped with dockwise
    (generated from endoflife.date; `scripts/gen_eol.py` records its date) and reports a base
    whose runtime (`python:3.8`, `node:16`, `golang:1.20`) or distribution (`alpine:3.16`,
    `debian:buster`, or the `-buster` in `python:3.12-slim-buster`) no longer gets security
    fixes, naming the supported release to move to. A base that reaches its end of life
    within `eol-warning-days` (default 90) is reported as information. When the file lies in
    a folder named for that release and a sibling folder named for a supported one holds the
    same file (adoptium's `alpine/3.21/Dockerfile` beside `alpine/3.24/Dockerfile`), the
    variant that moved on exists already: the message says to retire this one.

    The end of life is when security fixes stop reaching the image, and the message says
    which support window ended. Debian's LTS years count: its fixes come through the same
    security archive the official images use, and the images are rebuilt until LTS ends, so
    `debian:12` is only reported once Debian LTS for 12 ends ("standard support ended on …;
    LTS ended on …"). Ubuntu's Expanded Security Maintenance needs an Ubuntu Pro
    subscription the official images do not have: an Ubuntu release is reported when its
    standard support ends, and the message names the ESM date for those who subscribe.

    Not reported in a folder named for an older release of the project when a newer release
    folder beside it holds the same file (spark-docker's `3.5.2/scala2.12-java11-ubuntu/
    Dockerfile` beside `3.5.8/…`, cypress's `20.18.1-bullseye/` beside `20.18.3-bullseye/`):
    such a folder records a published release and is not edited any more; the newest release
    folder is the one to move on, and it is checked. A release folder has a three-part version
    (`3.5.2`), so an image's variant folders (`alpine/3.21/`, `25/jre/`) are not taken for one.
    Nor is an end of life that the release folder's own name states: cypress's
    `node-20/20.18.3-bullseye/Dockerfile` FROM `node:20.18.3-bullseye-slim` is the published
    image of Node 20.18.3 on bullseye, and `24.15.0-glibc-2.31/` FROM `ubuntu:20.04` exists for
    the glibc 2.31 that Ubuntu 20.04 ships; a newer base would make another release.

    Stages: shipped only — the final stage, the stages it is built `FROM`, and a stage whose
    whole filesystem a `COPY --from` takes. A builder stage counts too when it hands its runtime
    over: a Go builder (Go links its standard library into the binaries it builds), or a stage
    whose runtime folders a `COPY --from` takes (`FROM python:3.8 AS py` …
    `COPY --from=py /usr/local /usr/local`), unless other stages of the file use the same image
    at a supported release (a deliberate range of versions). An end-of-life compiler or package
    manager in a builder stage whose output alone is copied out is not reported.

    ## Why is this bad?
    Past its end of life a runtime or distribution gets no security fixes: every new CVE stays
    open in your image for good, and scanners will flag it ever more loudly.

    ## Example
    ```dockerfile
    FROM python:3.8-slim
    ```

    Use instead:
    ```dockerfile
    FROM python:3.13-slim
    ```

    ## Options
    - `eol-warning-days`: how many days before the end of life to start warning (default 90).

    ## References
    - https://endoflife.date
    """

    code = "DW150"
    # whether a stage ships is decided by later stages (FROM, COPY --from, RUN --mount=from=)
    inputs = Inputs(keywords={"FROM", "COPY", "RUN"})
    # the repository root, to see a newer release folder beside an older one
    uses_context = True
    name = "base-image-end-of-life"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "The base image is past its end of life"

    def disk_inputs(self, path: str, context: object) -> tuple[str, ...]:
        repo_root = getattr(getattr(context, "choice", None), "repo_root", None)
        return release_folder_inputs(path, repo_root) + variant_folder_inputs(path, repo_root)

    def check(self, ctx: RuleContext):
        from ...knowledge import eol as eol_table
        today = ctx.settings.today
        choice = getattr(ctx.context, "choice", None)
        if superseded_release(ctx.path, getattr(choice, "repo_root", None)) is not None:
            return  # an older release's record: its newer sibling is the file that moves on
        answer = shipping(ctx.df, ctx.settings.target)
        for stage in ctx.df.stages:
            ref = stage.ref
            if ref is None or not ref.is_official or stage.image_word is None:
                continue
            info = eol_table.eol_info(ref.name, ref.tag, today)
            if info is None:
                continue
            ships = answer.ships(stage) or "/" in answer.copied_out.get(stage.index, ())
            for part in (info, info.distro):
                if part is None or part.eol is None:
                    continue
                if not ships and not (part is info and _hands_runtime_over(answer, stage, ref, part)
                                      and not _one_of_several_versions(ctx.df, stage, ref, today)):
                    continue  # what ships is another stage's base
                if named_by_release_folder(ctx.path, ref, part):
                    continue  # the record of a release made on this very base
                days = (part.eol - today).days
                move = f"; move to `{image_reference(part.product, part.latest_supported)}`" if part.latest_supported else ""
                sibling = supported_sibling_variant(ctx.path, getattr(choice, "repo_root", None), part, today)
                if sibling is not None:
                    move = f"; `{sibling}` beside it builds on a supported release: retire this variant"
                word = stage.image_word
                if days < 0:
                    yield self.report(word.start, word.end, f"{_ended(part, today)}: no more security fixes{move}")
                elif days <= ctx.settings.eol_warning_days:
                    d = self.report(word.start, word.end, f"{_ending(part, days)}{move}")
                    d = replace(d, severity=Severity.INFO)  # findings are frozen
                    yield d


def _hands_runtime_over(answer, stage, ref, part) -> bool:
    """A stage that does not ship still delivers its runtime: a Go binary, or a `COPY --from`
    of the folders the runtime is installed in."""
    if part.product in LINKED_INTO_ARTIFACTS:
        return True
    home = RUNTIME_DIRS.get(ref.name.removeprefix("library/"))
    if home is None:
        return False
    return any(c == home or c.startswith(home + "/") or home.startswith(c.rstrip("/") + "/")
               for c in answer.copied_out.get(stage.index, ()))


def _one_of_several_versions(df, stage, ref, today) -> bool:
    """Other stages of the file are built on the same image at a different, supported release:
    the versions side by side are a deliberate support range."""
    from ...knowledge import eol as eol_table
    mine = eol_table.eol_info(ref.name, ref.tag, today)
    for other in df.stages:
        r = other.ref
        if other is stage or r is None or not r.is_official or r.name != ref.name:
            continue
        info = eol_table.eol_info(r.name, r.tag, today)
        if info is not None and info.cycle != mine.cycle and info.eol is not None and info.eol > today:
            return True
    return False


SUBSCRIPTIONS = {"ubuntu": "an Ubuntu Pro subscription (Expanded Security Maintenance)"}


def _ended(part, today) -> str:
    """Which support window ended, for a release past its end of life."""
    name = f"`{image_reference(part.product, part.cycle)}`"
    if part.extended_in_image and part.standard_eol:
        return (f"{name} reached its end of life: standard support ended on {part.standard_eol.isoformat()} "
                f"and LTS on {part.eol.isoformat()}")
    if part.extended_eol and part.extended_eol > part.eol and part.extended_eol <= today:
        return (f"{name} reached its end of life: standard support ended on {part.eol.isoformat()} and "
                f"extended support on {part.extended_eol.isoformat()}")
    if part.extended_eol and part.extended_eol > part.eol:
        return (f"{name} standard support ended on {part.eol.isoformat()}; its extended support (until "
                f"{part.extended_eol.isoformat()}) needs {SUBSCRIPTIONS.get(part.product, 'a paid subscription')}, "
                "which the official image does not have")
    return f"{name} reached its end of life on {part.eol.isoformat()}"


def _ending(part, days: int) -> str:
    name = f"`{image_reference(part.product, part.cycle)}`"
    if part.extended_in_image and part.standard_eol:
        return (f"{name}: standard support ended on {part.standard_eol.isoformat()}; LTS security updates "
                f"end in {days} days ({part.eol.isoformat()})")
    return f"{name} reaches its end of life in {days} days ({part.eol.isoformat()})"
