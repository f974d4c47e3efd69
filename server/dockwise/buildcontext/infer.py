"""Which folder a Dockerfile is built from, as the repository itself says.

The first of these that decides wins:

1. the CLI's `--context`, then the configuration's `context` table;
2. compose and bake files that build the Dockerfile (and dev container definitions,
   `devcontainer.json`, which count as compose files);
3. CI and build scripts: GitHub Actions workflows, `.gitlab-ci.yml`, Makefiles, shell
   scripts, `package.json` scripts (:mod:`dockwise.buildcontext.sources`);
4. the Dockerfile's own COPY/ADD sources, when they only exist relative to an ancestor folder
   (`COPY docker/start.sh /` in `docker/Dockerfile`);
5. the Dockerfile's folder — except for a Dockerfile among test inputs (`testdata/`,
   `testfiles/`, `fixtures/`) that no build names: that is undecided (data for a test).

When the builds of one step disagree (two workflows, two contexts) and the Dockerfile's
sources do not settle it, or every context they name is missing, the context is undecided:
context rules stay silent for that Dockerfile and `dockwise context` says why.

The repository is the nearest folder above the Dockerfile holding `.git`; without one, the
outermost tree the run was handed that holds the Dockerfile (a CLI directory, the
configuration's folder, an editor's workspace folder), else the Dockerfile's folder. Nothing
outside it is read. Its build files are found by one walk and read once (:class:`RepoBuilds`).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..files import nearest_holding
from ..lazy_regex import lazy_compile
from . import sources as src_mod
from .sources import Build
from ..analysis.shipping import test_input_folder

__all__ = ["ContextChoice", "RepoBuilds", "choose_context", "evidence_context", "find_repo_root"]

MAX_SCAN_ENTRIES = 50_000   # a walk of a huge monorepo stops here (what was found still counts)
MAX_SCAN_DEPTH = 12
MAX_READ_BYTES = 512 * 1024
SCAN_SKIP = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".venv", "venv",
                       ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "vendor", "bower_components",
                       ".idea", ".vscode", ".cache", ".next", ".yarn", ".terraform", ".gradle", ".m2"})
_COMPOSE = lazy_compile(r"(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml")
_BAKE = lazy_compile(r"(?:docker-bake(?:[.-][\w.-]+)?|[\w.-]+\.bake)\.(hcl|json)")
_MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
_BUILDER = lazy_compile(rb"\b(?:docker|podman|buildah)\b", re.I)  # `DOCKER_CMD := docker` counts too
_BUILD_WORD = lazy_compile(rb"\b(?:build|bud)\b")

# the step each source kind belongs to: within a step, disagreement is undecided
_STEP = {"compose": 2, "bake": 2, "ci": 3, "script": 3}


@dataclass(frozen=True)
class ContextChoice:
    """The build context chosen for one Dockerfile, and where it came from."""
    directory: str | None      # absolute; None: undecided
    source: str                # cli | config | compose | bake | ci | script | evidence | folder | undecided
    #                            (ignore-folder: an ignore file checked against its own folder)
    where: str = ""            # what named it: "docker-compose.yml, service `web`", a config file …
    reason: str = ""           # why it is undecided
    repo_root: str | None = None
    candidates: tuple[str, ...] = field(default=())  # for undecided: each context and who named it
    prepared: str = ""         # what the build script runs in the context first (`npm ci`)
    build_args: frozenset[str] = frozenset()  # passed by every build the repository names for it
    local_only: bool = False   # every build the repository names for it keeps the image local (Build.local)

    @property
    def decided(self) -> bool:
        return self.directory is not None

    @property
    def shown(self) -> str:
        """The context as a user would type it: relative to the repository root."""
        if self.directory is None:
            return "?"
        return _shown(self.directory, self.repo_root)

    @property
    def how(self) -> str:
        return {
            "cli": "set by --context",
            "config": f"set by the `context` table of {self.where}",
            "evidence": "where the Dockerfile's COPY sources are",
            "folder": "the Dockerfile's folder",
            "ignore-folder": "the ignore file's folder",
            "undecided": self.reason,
        }.get(self.source, f"from {self.where}")

    def phrase(self) -> str:
        """For messages: "the build context `.` (from .github/workflows/ci.yml line 30)"."""
        return f"the build context `{self.shown}` ({self.how})"

    def as_json(self) -> dict:
        return {"directory": self.directory, "shown": self.shown if self.decided else None, "source": self.source,
                "where": self.where or None, "reason": self.reason or None, "repository": self.repo_root,
                "candidates": list(self.candidates), "prepared_by": self.prepared or None}


def _shown(directory: str, root: str | None) -> str:
    if root:
        rel = os.path.relpath(directory, root)
        if rel == "." or not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return directory


# -- the repository ----------------------------------------------------------------------------

def find_repo_root(folder: str, trees: Iterable[str] = ()) -> str:
    """The nearest folder at or above `folder` holding `.git`; else the outermost of `trees`
    holding `folder`; else `folder`."""
    folder = os.path.abspath(folder)
    found = nearest_holding(folder, (".git",))
    if found is not None:
        return found
    holding = [t for t in (os.path.abspath(t) for t in trees) if _within(folder, t)]
    return min(holding, key=len) if holding else folder


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class RepoBuilds:
    """Every build the repository's compose, bake, CI and script files name, read once.
    `stale()` tells whether one of those files, or a folder holding one, has changed since."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.builds: list[Build] = []
        self.files_read = 0
        self._stamps: dict[str, tuple[int, int]] = {}
        self._dotenv_stamps: dict[str, tuple[int, int] | None] = {}  # the `.env` beside each compose file
        self._read_files: list[str] = []
        self._by_dockerfile: dict[str, list[Build]] = {}
        self._shaped: list[Build] = []
        self._scan()
        watched = {self.root, os.path.join(self.root, ".github", "workflows")}
        for path in self._read_files:
            watched.update((path, os.path.dirname(path)))
        self._watched: dict[str, tuple[int, int] | None] = {p: self._stamps[p] for p in watched if p in self._stamps}
        self._watched.update(self._dotenv_stamps)  # None: no `.env` there (one appearing counts too)
        for b in self.builds:
            if b.shaped:
                self._shaped.append(b)
            else:
                self._by_dockerfile.setdefault(b.dockerfile, []).append(b)

    def builds_of(self, dockerfile: str) -> list[Build]:
        exact = self._by_dockerfile.get(dockerfile, [])
        return exact + [b for b in self._shaped if b.builds(dockerfile)]

    def prepared_in(self, context: str) -> str:
        """The dependency install (`npm ci`) a build script runs in `context` before building
        there, "" when none: it fills the folder for every Dockerfile built with that context."""
        return next((b.prepared for b in self.builds if b.prepared and b.context == context), "")

    def stale(self) -> bool:
        """Whether a build file read, a folder holding one, or the `.env` beside a compose file
        changed (cheap: a few dozen stats, so the language server asks on every check). A build
        file added to a folder that held none is not seen: :meth:`ProjectView.forget` drops the
        scan."""
        for path, stamp in self._watched.items():
            if _stamp_of(path) != stamp:
                return True
        return False

    def inputs(self) -> tuple[str, ...]:
        """The files and folders `stale` stats: what the builds were read from."""
        return tuple(sorted(self._watched))

    def _stamp(self, path: str, st: os.stat_result) -> None:
        self._stamps[path] = (st.st_mtime_ns, st.st_size)

    def _scan(self) -> None:
        entries = 0
        stack = [(self.root, 0)]
        while stack:
            folder, depth = stack.pop()
            try:
                self._stamp(folder, os.stat(folder))  # a file added or removed changes it
                with os.scandir(folder) as it:
                    listing = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            rel_folder = os.path.relpath(folder, self.root).replace(os.sep, "/")
            for entry in listing:
                entries += 1
                if entries > MAX_SCAN_ENTRIES:
                    return
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in SCAN_SKIP and depth < MAX_SCAN_DEPTH:
                            stack.append((entry.path, depth + 1))
                        continue
                    if not entry.is_file(follow_symlinks=False):
                        continue
                except OSError:
                    continue
                reader = _reader(entry.name, rel_folder)
                if reader is not None:
                    self._read(entry.path, reader)

    def _read(self, path: str, reader) -> None:
        try:
            st = os.stat(path)
            if st.st_size > MAX_READ_BYTES:
                return
            with open(path, "rb") as fh:
                data = fh.read(MAX_READ_BYTES + 1)
        except OSError:
            return
        if reader[1] == "builder" and not (_BUILDER.search(data) and _BUILD_WORD.search(data)) \
                or reader[1] == "build" and b"build" not in data:  # a script that builds nothing is not parsed
            return
        self._stamp(path, st)
        self._read_files.append(path)
        self.files_read += 1
        if _COMPOSE.fullmatch(os.path.basename(path)):  # compose substitutes the `.env` beside it
            env = os.path.join(os.path.dirname(path), ".env")
            self._dotenv_stamps[env] = _stamp_of(env)  # before it is read: a later change shows
        text = data.decode("utf-8", "replace")
        try:
            self.builds.extend(reader[0](path, text, self.root))
        except (RecursionError, ValueError, TypeError, AttributeError, IndexError):
            return  # a file too odd to read names no build


def _stamp_of(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _dotenv(folder: str) -> dict[str, str]:
    """The `.env` file compose reads next to a compose file."""
    try:
        with open(os.path.join(folder, ".env"), encoding="utf-8", errors="replace") as fh:
            return src_mod.read_dotenv(fh.read(MAX_READ_BYTES))
    except OSError:
        return {}


def _reader(name: str, rel_folder: str):
    """(read function, what the file must hold to be parsed) for a file of a kind that names
    builds, else None: "builder" (docker/podman/buildah and `build`), "build", or None."""
    if rel_folder == ".github/workflows" and name.endswith((".yml", ".yaml")):
        return src_mod.read_workflow, "builder"
    if name in ("action.yml", "action.yaml") and rel_folder.startswith(".github/"):
        return src_mod.read_workflow, "builder"
    if name == ".gitlab-ci.yml":
        return src_mod.read_gitlab_ci, "builder"
    if _COMPOSE.fullmatch(name):
        return (lambda p, t, r: src_mod.read_compose(p, t, _dotenv(os.path.dirname(p)))), "build"
    if name in ("devcontainer.json", ".devcontainer.json"):
        return (lambda p, t, r: src_mod.read_devcontainer(p, t)), None
    m = _BAKE.fullmatch(name)
    if m:
        read = src_mod.read_bake_hcl if m.group(1) == "hcl" else src_mod.read_bake_json
        return read, None
    if name in _MAKEFILES or name.endswith(".mk"):
        return (lambda p, t, r: src_mod.read_makefile(p, t)), "builder"
    if name.endswith((".sh", ".bash")):
        return src_mod.read_script, "builder"
    if name == "package.json":
        return (lambda p, t, r: src_mod.read_package_json(p, t)), "builder"
    return None


# -- evidence in the Dockerfile ----------------------------------------------------------------

def _informative_sources(text: str, model=None) -> list:
    """The Dockerfile's context sources other than `.`; `model`: its parse, when at hand."""
    from ..dockerfile import parse
    from ..rules.support.dockerignore import copy_sources
    if model is None:
        try:
            model = parse(text)
        except Exception:  # noqa: BLE001 - an unparsable Dockerfile gives no evidence
            return []
    return [s for s in copy_sources(model) if not s.everything]


def _explained(base: str, sources: list) -> set[int]:
    """Indexes of the sources that exist relative to `base`."""
    out = set()
    for i, s in enumerate(sources):
        if s.wildcard:
            import glob  # only for a COPY source with a wildcard
            if glob.glob(os.path.join(glob.escape(base), s.path)):
                out.add(i)
        elif os.path.lexists(os.path.join(base, s.path)):
            out.add(i)
    return out


def evidence_context(dockerfile: str, text: str, root: str, model=None) -> str | None:
    """The ancestor folder (up to `root`) the Dockerfile's COPY/ADD sources exist relative to,
    when they do not exist relative to its own folder; else None. An ancestor counts when it
    explains every source the own folder explains and more, and either all of them or a
    source with a folder in its path (`docker/start.sh`): one bare name (`package.json`) that
    happens to exist higher up is not enough."""
    sources = _informative_sources(text, model)
    if not sources:
        return None
    folder = os.path.dirname(os.path.abspath(dockerfile))
    own = _explained(folder, sources)
    if len(own) == len(sources):
        return None
    d = folder
    while d != root and _within(d, root):
        d = os.path.dirname(d)
        found = _explained(d, sources)
        more = found - own
        if own <= found and more and (len(found) == len(sources) or any("/" in sources[i].path for i in more)):
            return d
    return None


def _agrees(directory: str, sources: list) -> bool:
    return bool(sources) and len(_explained(directory, sources)) == len(sources)


# -- the choice --------------------------------------------------------------------------------

def _where(b: Build, root: str) -> str:
    path = _shown(b.origin, root)
    if b.label:
        return f"{path}, {b.label}"
    return f"{path} line {b.line}" if b.line else path


def _settle(builds: list[Build], text_of, root: str, model=None) -> ContextChoice:
    existing = [b for b in builds if os.path.isdir(b.context)]
    if not existing:
        b = builds[0]
        return ContextChoice(None, "undecided", reason=f"the context folder `{_shown(b.context, root)}` named by "
                             f"{_where(b, root)} does not exist", repo_root=root,
                             candidates=_candidates(builds, root))
    contexts: dict[str, Build] = {}
    for b in existing:
        contexts.setdefault(b.context, b)
    if len(contexts) == 1:
        b = existing[0]
        return ContextChoice(b.context, b.kind, _where(b, root), repo_root=root,
                             prepared=next((x.prepared for x in existing if x.prepared), ""))
    sources = _informative_sources(text_of(), model)
    agreeing = [c for c in contexts if _agrees(c, sources)]
    if len(agreeing) == 1:
        b = contexts[agreeing[0]]
        return ContextChoice(b.context, b.kind, _where(b, root), repo_root=root)
    named = _candidates(existing, root)
    return ContextChoice(None, "undecided", reason="its builds use different contexts: " + ", ".join(named[:3])
                         + (" …" if len(named) > 3 else ""), repo_root=root, candidates=named)


def _candidates(builds: list[Build], root: str) -> tuple[str, ...]:
    """Each context once, with the first file that names it."""
    first: dict[str, Build] = {}
    for b in builds:
        first.setdefault(b.context, b)
    return tuple(f"`{_shown(c, root)}` ({_where(b, root)})" for c, b in first.items())


def choose_context(dockerfile: str, *, override: str | None = None, config=None, repo: RepoBuilds | None = None,
                   root: str | None = None, text: str | None = None, model=None) -> ContextChoice:
    """The build context of `dockerfile` (see the module docstring). `repo`: the repository's
    builds (None: none are read); `text`: the Dockerfile's text when it differs from the disk;
    `model`: that text parsed, when at hand."""
    dockerfile = os.path.abspath(dockerfile)
    folder = os.path.dirname(dockerfile)
    if override:
        d = os.path.abspath(override)
        if not os.path.isdir(d):
            return ContextChoice(None, "undecided", reason=f"the --context folder `{override}` does not exist",
                                 repo_root=root)
        return ContextChoice(d, "cli", repo_root=root)
    if config is not None and config.context and config.root:
        rel = os.path.relpath(dockerfile, config.root).replace(os.sep, "/")
        for pattern, ctx in config.context.items():
            if fnmatch.fnmatch(rel, pattern):
                d = os.path.normpath(os.path.join(config.root, ctx))
                where = os.path.basename(config.source) if config.source else "the configuration"
                if not os.path.isdir(d):
                    return ContextChoice(None, "undecided", reason=f"the context folder `{ctx}` that {where} sets "
                                         f"for `{pattern}` does not exist", repo_root=root)
                return ContextChoice(d, "config", where, repo_root=root)
    root = root or folder

    def text_of() -> str:
        if text is not None:
            return text
        try:
            with open(dockerfile, encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except OSError:
            return ""

    if repo is not None:
        found = repo.builds_of(dockerfile)
        for step in (2, 3):
            here = [b for b in found if _STEP[b.kind] == step]
            if here:
                choice = _settle(here, text_of, root, model)
                passed = frozenset.intersection(*(b.args for b in found))
                local_only = all(b.local for b in found)
                if passed or local_only:
                    choice = dataclasses.replace(choice, build_args=passed, local_only=local_only)
                return choice
    fixture = _test_input_folder(folder, root)
    if fixture is not None:
        return ContextChoice(None, "undecided", reason=f"a test input (under `{fixture}/`) that no build names: "
                             "it is not built with a context of its own", repo_root=root)
    ancestor = evidence_context(dockerfile, text_of(), root, model) if _within(folder, root) else None
    if ancestor is not None:
        return ContextChoice(ancestor, "evidence", repo_root=root)
    # `npm ci` then `docker build .` in this folder: a sibling Dockerfile.factory built here too
    # takes the node_modules the script installed
    return ContextChoice(folder, "folder", repo_root=root, prepared=repo.prepared_in(folder) if repo else "")


def _test_input_folder(folder: str, root: str) -> str | None:
    rel = os.path.relpath(folder, root).replace(os.sep, "/") if _within(folder, root) else folder
    return test_input_folder(rel)
