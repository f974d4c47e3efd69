from __future__ import annotations

import functools
import re

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope
from ...lazy_regex import lazy_compile


class UnknownTag(Rule):
    """The base image tag is not one the official image publishes.

    ## What it does
    Reports an official image whose tag is not in the tag index shipped with dockwise, such as
    the typo `python:3.21-slim`, and suggests the closest published tags. Tags that depend on
    build arguments are not checked. Old versions drop out of the index when they stop being
    built, so a tag whose version is older than the newest the index knows is not reported
    (end of life is DW150's business) unless its variant words are unknown to the image. The
    same holds for dated snapshots: the index lists only the current `ubuntu:noble-20260810`,
    but Docker Hub keeps the older `noble-20240904.1` of the same series, so a snapshot no
    newer than its series' current one is not reported.

    Stages: all: a tag that does not exist fails the build in any stage.

    ## Why is this bad?
    A tag that does not exist fails the build at the first pull; a near-miss may exist on a
    mirror but mean something else. The index has a date: a tag published after it is
    reported as unknown too, which is why this is only a hint.

    ## Example
    ```dockerfile
    FROM python:3.21-slim
    ```

    Use instead:
    ```dockerfile
    FROM python:3.12-slim
    ```
    """

    code = "DW152"
    inputs = Inputs(keywords=frozenset(), scope=Scope.STAGE)
    name = "unknown-base-image-tag"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    message = "The tag is not in the official image's tag index"

    def check(self, ctx: RuleContext):
        from ...knowledge import images
        for stage in ctx.df.stages:
            ref = stage.ref
            word = stage.image_word
            if ref is None or word is None or not ref.tag or not ref.is_official or images.normalize(ref.name) is None:
                continue
            if ref.digest or _has_empty_variable_part(word.value, ref.tag) or PRE_RELEASE.search(ref.tag):
                continue  # a digest decides what is pulled; `${VARIANT}-curl` with no VARIANT is a template
            if images.tag_exists(ref.name, ref.tag) or _retired(images, ref.name, ref.tag):
                continue
            import difflib  # only for a tag that does not exist
            close = difflib.get_close_matches(ref.tag, images.all_tags(ref.name), n=3, cutoff=0.75)
            hint = f"; did you mean {', '.join(f'`{t}`' for t in close)}?" if close else ""
            source = images.index_source()
            when = f" of {source.get('date')}" if isinstance(source, dict) and source.get("date") else ""
            yield self.report(word.start, word.end,
                              f"`{ref.name}:{ref.tag}` is not in the tag index{when}{hint}")


# Pre-release tags (`4.2.0-preview5-…`, `3.14.0rc2`) come and go between index snapshots.
PRE_RELEASE = lazy_compile(r"\d(?:-|\.)?(?:preview|rc|beta|alpha)\d*(?:$|[-._])", re.IGNORECASE)


def _has_empty_variable_part(written: str, tag: str) -> bool:
    """A tag built from variables of which one expanded to nothing (`-curl`, `3.12-`)."""
    return "$" in written and (tag.startswith(("-", ".")) or tag.endswith(("-", ".")) or "--" in tag)


def _codenames() -> set[str]:
    """Every Debian/Ubuntu release codename the EOL table knows, retired ones included."""
    from ...knowledge import eol
    return eol.codenames()


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for p in version.split("."):
        digits = p if p.isdigit() else "".join(c for c in p if c.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


@functools.lru_cache(maxsize=1024)
def _image_facts(image: str) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """(every word a tag may hold, words of current tags, newest version) of an image."""
    from ...knowledge import images
    parsed = [images.parse_tag(t) for t in images.all_tags(image)]
    words = frozenset(w for p in parsed for w in p.words)
    newest = max((_version_key(p.version[0]) for p in parsed if p.version), default=())
    return words | images._distro_words() | _codenames(), words, newest


@functools.lru_cache(maxsize=1024)
def _newest_snapshots(image: str) -> dict[tuple[tuple[str, ...], tuple[str, ...]], str]:
    """The newest build date of each dated series of an image: (version, words) → date, so
    `noble-20260810` gives ((), ("noble",)) → "20260810"."""
    from ...knowledge import images
    newest: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
    for t in images.all_tags(image):
        p = images.parse_tag(t)
        if p.date and _date_key(p.date) > _date_key(newest.get((p.version, p.words), "")):
            newest[(p.version, p.words)] = p.date
    return newest


def _date_key(date: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", date))


def _retired(images, image: str, tag: str) -> bool:
    """A once-published tag: known variant words and a version no newer than the index's newest,
    or a dated snapshot (`ubuntu:noble-20240904.1`) no newer than its series' newest: the
    registry keeps old snapshots, the index lists only the current one."""
    parts = images.parse_tag(tag)
    if parts.date:
        newest = _newest_snapshots(image).get((parts.version, parts.words))
        if newest is not None and _date_key(parts.date) <= _date_key(newest):
            return True
    known_words, in_use, newest = _image_facts(image)
    if not all(w in known_words or w.startswith("alpine") for w in parts.words):
        return False
    if not parts.version:  # `ubuntu:focal`, `buildpack-deps:plucky-scm`: a retired release codename
        return any(w in _codenames() and w not in in_use for w in parts.words)
    mine = _version_key(parts.version[0])
    return bool(mine) and mine <= newest[: len(mine)] if newest else False
