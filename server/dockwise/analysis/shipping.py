"""Which stages ship, and what of the others is copied out: the one answer size rules ask.

The built image is the target stage with the layers of every stage it is built `FROM`. The
target is the stage the configuration's `target` names (`docker build --target`), else the
last stage (what `docker build` makes without `--target`) or any stage that no other stage
uses: such a stage is only there to be built with `--target` (a file with `release` and
`slim` stages side by side). Unused stages named for development or tests (`dev`, `dev-envs`,
`debug`, `test`, `integration-tests`, `ci`, `lint`) are built locally or in CI and never
pushed, so they are not targets. When every target has such a name (the last stage is
`dev-envs`, built `FROM builder`), the file builds development images only (`local_only`):
a cache left there costs a developer's disk, not a user's pull. Any other stage — one that is only copied
from — is thrown away after the build except for what a `COPY --from=<stage>` takes out of
it, so a cache or an archive left there costs the image nothing, unless a `COPY --from`
takes the directory holding it (`COPY --from=builder / /`, `COPY --from=builder /root /root`).

`FROM`, `COPY --from` and `RUN --mount=from=` decide the answer: rules that use it read
`COPY` and every `RUN` (no `programs` narrowing), and are not stage-local (a later stage
decides whether an earlier one ships).
"""

from __future__ import annotations

import os
import posixpath
import re
import weakref
from dataclasses import dataclass
from functools import lru_cache

from ..dockerfile.model import Dockerfile
from ..dockerfile.stages import Stage, stage_by_ref, stage_env
from ..dockerfile.variables import expand
from ..files import VCS_MARKERS, nearest_holding
from ..lazy_regex import lazy_compile

GLOB_CHARS = "*?["


@dataclass(frozen=True)
class Shipping:
    target: int | None                       # the configured target, else the last stage
    targets: tuple[int, ...]                 # it, and the stages no other stage uses (`--target`)
    shipped: frozenset[int]                  # stages whose layers are in one of those images
    copied_out: dict[int, tuple[str, ...]]   # stage → absolute directories/files COPY --from takes

    local_only: bool = False                 # every image built is a development or test image

    def ships(self, stage: Stage | None) -> bool:
        """Whether the layers of `stage` end up in the image (the preamble counts as shipped)."""
        return stage is None or stage.index in self.shipped

    def reaches_image(self, stage: Stage | None, path: str) -> bool:
        """Whether `path` (absolute, as the stage wrote it) ends up in the image: the stage ships,
        or a `COPY --from` takes `path` or a directory holding it. A path that is only partly
        copied (`COPY --from=b /root/.cache/pip/wheels`) does not count: the rest stays behind."""
        if self.ships(stage):
            return True
        return any(_holds(copied, path) for copied in self.copied_out.get(stage.index, ()))


_CACHE: "weakref.WeakKeyDictionary[Dockerfile, dict[str | None, Shipping]]" = weakref.WeakKeyDictionary()


def shipping(df: Dockerfile, target: str | None = None) -> Shipping:
    """The shipping answer for `df` (cached on the model). `target` is the stage the
    configuration says `docker build --target` builds; a name no stage has is ignored."""
    by_target = _CACHE.get(df)
    if by_target is None:
        by_target = _CACHE[df] = {}
    cached = by_target.get(target)
    if cached is None:
        cached = by_target[target] = _carried(df, target) or _compute(df, target)
    return cached


def _carried(df: Dockerfile, target: str | None) -> Shipping | None:
    """The answer for the model `df` was re-parsed from, when the edit cannot have changed it:
    it replaced RUNs without `--mount` by RUNs without `--mount` (typing in a RUN), or left the
    instructions it re-read as they were. The answer holds stage indexes and paths only."""
    edited = df.resumed.edited() if df.resumed is not None else None
    if edited is None:
        return None
    old, replaced, replacing = edited
    found = _CACHE.get(old, {}).get(target)
    if found is None:
        return None
    replaced, replacing = old.instructions[replaced], df.instructions[replacing]
    if len(replaced) == len(replacing) and all(_same(a, b) for a, b in zip(replaced, replacing)):
        return found
    if all(_plain_run(ins) for ins in replaced) and all(_plain_run(ins) for ins in replacing):
        return found
    return None


def _plain_run(ins) -> bool:
    """A RUN that names no other stage (`RUN --mount=from=builder` makes it used)."""
    return ins.keyword == "RUN" and not any(f.name == "mount" for f in ins.flags)


def _same(a, b) -> bool:
    return _plain_run(a) and _plain_run(b) or (
        a.keyword == b.keyword and a.line.text == b.line.text
        and [h.content for h in a.heredocs] == [h.content for h in b.heredocs]
        and (a.sub is None) == (b.sub is None))


def shipped_stages(df: Dockerfile, target: str | None = None) -> list[Stage]:
    """The stages that ship, last first (a target before the stages it is built FROM)."""
    answer = shipping(df, target)
    return [s for s in reversed(df.stages) if s.index in answer.shipped]


# Folders of test inputs: a Dockerfile there (BuildKit's parser `testfiles`, Go's `testdata`) is
# data a test reads or parses, not an image anyone builds — unless a build names it.
TEST_INPUT_DIRS = frozenset({"testfiles", "testfiles-negative", "testdata", "fixtures", "__fixtures__",
                             "test-fixtures", "test_data"})


def test_input_folder(folder: str) -> str | None:
    """The test-input folder among the parts of `folder` (`frontend/dockerfile/parser/testfiles/x`
    → `testfiles`), else None."""
    for part in folder.replace("\\", "/").split("/"):
        if part.lower() in TEST_INPUT_DIRS:
            return part
    return None


def test_input_folder_of(path: str) -> str | None:
    """The test-input folder holding the file `path` inside its repository: only the folders
    below the nearest VCS root count, so a checkout that happens to live under `~/fixtures/`
    or `testdata/` is still linted; with no VCS root above it, every folder of the path."""
    folder = posixpath.dirname(os.path.abspath(path).replace("\\", "/"))
    root = _vcs_root(folder)
    return test_input_folder(posixpath.relpath(folder, root) if root else folder)


@lru_cache(maxsize=256)
def _vcs_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` holding `.git` (or `.hg`, `.svn`), or None
    (remembered per folder: asked on each check of each Dockerfile)."""
    root = nearest_holding(folder, VCS_MARKERS)
    return root.replace("\\", "/") if root is not None else None


def is_dev_container(path: str, ref=None) -> bool:
    """A dev container (a `.devcontainer` folder, or a `devcontainers` base): a development
    environment, built on the developer's machine and never shipped, where tools, a full base,
    a root user and the newest interpreter are the point."""
    return ".devcontainer" in path.replace("\\", "/").split("/") or \
        (ref is not None and "devcontainers/" in ref.repository)


# A comment directly above a RUN saying it fills a cache on purpose ("Warm global yarn cache",
# "pre-populate the npm cache so containers start offline"): the cache is what the RUN is for.
_WARMS_A_CACHE = lazy_compile(r"\b(warm|prime|pre-?(populate|fill|load|seed|fetch|heat)|populate|seed|fill)\w*\b"
                              r"[^.;]*\bcaches?\b|\bcaches?\b[^.;]*\b(warm|prime)(ed|ing|s)?\b", re.IGNORECASE)


def warms_a_cache(ins) -> bool:
    """Whether the comment lines directly above `ins` say it fills a cache on purpose, so the
    cache it leaves in its layer is the point (a development image's warm yarn cache)."""
    return any(_WARMS_A_CACHE.search(c.text) for c in ins.comments)


LOCAL_ONLY = lazy_compile(r"(dev|develop|development|dev-?envs?|debug|tests?|testing|integration-tests?|ci|lint)"
                          r"([-_].*)?", re.IGNORECASE)


def _compute(df: Dockerfile, target: str | None) -> Shipping:
    if not df.stages:
        return Shipping(None, (), frozenset(), {})
    copied: dict[int, list[str]] = {}
    used: set[int] = set()       # stages another stage is built FROM or copies from
    for stage in df.stages:
        if stage.base_stage is not None:
            used.add(stage.base_stage.index)
    for ins in df.instructions:
        if ins.keyword == "RUN" and ins.stage is not None:
            # a stage only mounted (`RUN --mount=from=builder`) is used, not a target; what a
            # RUN does with the mounted files is the mounting stage's own layer
            for mount in ins.flags_named("mount"):
                ref = mount.options().get("from")
                source = stage_by_ref(df, ref, ins.stage.index) if ref and "$" not in ref else None
                if source is not None:
                    used.add(source.index)
            continue
        if ins.keyword != "COPY" or ins.stage is None:
            continue
        ref = ins.flag("from")
        if ref is None or ins.heredocs or len(ins.words) < 2:
            continue
        paths = [_copied_path(_expanded(df, ins, w.value)) for w in ins.words[:-1]]
        value = ref.value or ""
        if "$" in value:
            sources = [s for s in df.stages if s.index < ins.stage.index]  # a build argument picks it
        else:
            source = stage_by_ref(df, value, ins.stage.index)
            sources = [source] if source is not None else []
        for source in sources:
            used.add(source.index)
            # what a stage holds was written by it or by the stages it is built FROM
            seen: set[int] = set()
            while source is not None and source.index not in seen:
                seen.add(source.index)
                copied.setdefault(source.index, []).extend(paths)
                source = source.base_stage
    # The last stage is what `docker build` makes; a stage no other stage uses is there to be
    # built with `--target` (`release`, `dev`, `test` side by side), so it ships too.
    # Side targets named for development or tests (`dev-envs`, `test`) are built on a developer's
    # machine or in CI, never pushed: what they leave costs no user anything.
    targets = [s.index for s in df.stages if s.index == len(df.stages) - 1
               or (s.index not in used and not LOCAL_ONLY.fullmatch(s.name or ""))]
    named = [s.index for s in df.stages if target and s.name == target]
    if named:
        targets = named[-1:]  # the configured `--target`: the only image built
    shipped: set[int] = set()
    for index in targets:
        stage: Stage | None = df.stages[index]
        todo: list[Stage] = [df.stages[index]]
        while todo:
            stage = todo.pop()
            if stage.index in shipped:
                continue
            shipped.add(stage.index)
            if stage.base_stage is not None:
                todo.append(stage.base_stage)
            elif _may_name_a_stage(df, stage):
                # `FROM ${BASE}` where a build argument picks an earlier stage: each it may pick ships
                todo.extend(stages_a_variable_may_name(df, stage.image_word.value, stage.index))
    # awesome-compose's `FROM … AS builder` … `FROM builder AS dev-envs`: `docker build` makes
    # a development environment, and no other stage is an image of its own
    local_only = all(LOCAL_ONLY.fullmatch(df.stages[i].name or "") for i in targets)
    return Shipping(targets[0] if named else len(df.stages) - 1, tuple(targets), frozenset(shipped),
                    {k: tuple(v) for k, v in copied.items()}, local_only)


def _expanded(df: Dockerfile, ins, source: str) -> str:
    """A COPY source with the copying stage's ARG/ENV values put in; variables whose value is
    only known at build time stay as written (and cut the path back)."""
    if "$" not in source:
        return source
    done = expand(source, stage_env(df, ins.stage, ins), df.escape)
    return source if done.unknown or done.dynamic else done.value


def _may_name_a_stage(df: Dockerfile, stage: Stage) -> bool:
    """`FROM ${BASE}` whose value is only known at build time and could name an earlier stage:
    its literal parts fit a stage name (`FROM build-${TARGETOS}`), and the same word is not the
    image of a stage that starts from an image (`ARG FROM` … `FROM ${FROM} AS builder` …
    `FROM ${FROM} AS main` picks one image for both)."""
    word = stage.image_word
    if word is None or "$" not in word.value or not stage.unresolved or len(df.stages) < 2:
        return False
    if any(s.image_word is not None and s.image_word.value == word.value
           for s in df.stages[:stage.index] if s.base_stage is None):
        return False  # the same argument names the image of another stage: an image
    return bool(stages_a_variable_may_name(df, word.value, stage.index))


# The values BuildKit's automatic platform arguments take (`FROM base-${TARGETARCH}`).
PLATFORM_VALUES = {
    "OS": ("linux", "windows", "darwin", "freebsd"),
    "ARCH": ("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "mips64le", "loong64"),
}
_REFERENCE = lazy_compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def stages_a_variable_may_name(df: Dockerfile, word: str, before: int) -> list[Stage]:
    """The stages before index `before` whose names fit `word`: `$TARGETARCH`/`$TARGETOS`
    (or a global ARG defaulting to one, `ARG FLAVOR=${TARGETARCH}`) stand for their known
    values, any other variable for anything (`binaries-$TARGETOS` fits `binaries-linux`)."""
    defaults = {}
    for ins in df.instructions:
        if ins.keyword == "FROM":
            break
        if ins.keyword == "ARG":
            for pair in ins.pairs:
                if pair.value is not None:
                    defaults[pair.key.value] = pair.value.value.strip("\"'")
    pattern = _pattern(word, defaults, 0)
    return [s for s in df.stages[:before] if s.name and re.fullmatch(pattern, s.name)]


def _pattern(word: str, defaults: dict, depth: int) -> str:
    out, at = [], 0
    for m in _REFERENCE.finditer(word):
        out.append(re.escape(word[at:m.start()]))
        name = m.group(1) or m.group(2)
        kind = name[len("TARGET"):] if name.startswith("TARGET") else name[len("BUILD"):] if name.startswith("BUILD") else ""
        if kind in PLATFORM_VALUES:
            out.append("(?:" + "|".join(PLATFORM_VALUES[kind]) + ")")
        elif name in defaults and depth < 3 and _REFERENCE.fullmatch(defaults[name]):
            out.append(_pattern(defaults[name], defaults, depth + 1))  # `ARG FLAVOR=${TARGETARCH}`
        else:
            out.append(".*")
        at = m.end()
    out.append(re.escape(word[at:]))
    return "".join(out)


def _copied_path(source: str) -> str:
    """The directory or file a `COPY --from` source takes, absolute; globs and variables cut
    it back to the directory that holds every match. Sources are relative to the stage's root."""
    cut = len(source)
    for i, ch in enumerate(source):
        if ch in GLOB_CHARS or ch == "$":
            cut = i
            break
    path = source[:cut]
    if cut < len(source):
        path = path.rsplit("/", 1)[0] if "/" in path else ""
    return posixpath.normpath("/" + path.lstrip("/")) if path.strip("/") else "/"


def _holds(copied: str, path: str) -> bool:
    """Whether copying `copied` takes `path` whole. A `*` component in `path` matches any name
    (`/home/*/.npm`: some user's cache)."""
    have = [p for p in copied.split("/") if p]
    want = [p for p in path.split("/") if p]
    if len(have) > len(want):
        return False
    return all(w == "*" or w == h for h, w in zip(have, want))
