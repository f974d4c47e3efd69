"""What a Dockerfile's surroundings add to a check: its build context and ignore file.

Built lazily, once per (context directory, Dockerfile), and only when an enabled rule needs
it; the context is walked only when a rule first reads its files
(:func:`dockwise.buildcontext.load_context`).

A `.dockerignore` is checked against the context it governs: its own folder, or for
`<name>.Dockerfile.dockerignore` the context of `<name>.Dockerfile`. Checking an ignore file
also concerns the Dockerfiles it applies to: :func:`expand_ignore_targets` adds them.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

from .config import Config, ConfigError
from .engine.check import IGNORE_FILE_NAMES, file_kind, needs_context
from .files import marked_project_root, refused_walk_root


def _context_dir(dockerfile: str, cfg: Config | None, override: str | None, folders: Folders | None = None,
                 compose_cache: dict | None = None) -> str:
    ctx = _found_context_dir(dockerfile, cfg, override, folders, compose_cache)
    refused = refused_walk_root(ctx, marked_project_root(dockerfile))
    if refused is not None:  # `/`, the home folder, above the project: never walked
        source = "--context" if override else (cfg.source if cfg is not None and cfg.source else dockerfile)
        raise ConfigError(str(source), "context", refused)
    return ctx


def _found_context_dir(dockerfile: str, cfg: Config | None, override: str | None, folders: Folders | None = None,
                       compose_cache: dict | None = None) -> str:
    if override:
        return override
    if cfg is not None and cfg.context and cfg.root:
        rel = os.path.relpath(os.path.abspath(dockerfile), cfg.root).replace(os.sep, "/")
        for glob, ctx in cfg.context.items():
            if fnmatch.fnmatch(rel, glob):
                return os.path.join(cfg.root, ctx)
    from .compose import context_from_compose
    found = context_from_compose(dockerfile, isfile=os.path.isfile if folders is None else folders.isfile,
                                 cache=compose_cache)
    return found or os.path.dirname(os.path.abspath(dockerfile))


class Folders:
    """Which regular files each folder holds, listed once per folder: for a run during which
    the files looked up (compose and ignore files) do not change."""

    def __init__(self) -> None:
        self._names: dict[str, set[str] | None] = {}

    def isfile(self, path: str) -> bool:
        folder, name = os.path.split(path)
        if folder not in self._names:
            try:
                with os.scandir(folder or ".") as entries:
                    self._names[folder] = {e.name for e in entries if e.is_file()}
            except OSError:
                self._names[folder] = None  # unreadable listing: ask the file itself
        names = self._names[folder]
        return os.path.isfile(path) if names is None else name in names


def _dockerfile_of_ignore(ignore_path: str) -> str | None:
    """`app.Dockerfile` for `app.Dockerfile.dockerignore` (when it exists), else None."""
    name = os.path.basename(ignore_path)
    if name in IGNORE_FILE_NAMES or not name.endswith(".dockerignore"):
        return None
    df = ignore_path[: -len(".dockerignore")]
    return df if os.path.isfile(df) else None


class ProjectView:
    """`stable`: the files do not change while this view lives (a CLI run that writes
    nothing), so folder listings, compose files, parsed ignore files and context walks are
    shared between the Dockerfiles checked."""

    def __init__(self, context_override: str | None = None, *, stable: bool = False) -> None:
        self.context_override = context_override
        self._snapshots: dict[tuple[str, str | None], object] = {}
        self._folders = Folders() if stable else None
        self._compose: dict | None = {} if stable else None
        self._shared: dict | None = {} if stable else None

    def context_dir(self, dockerfile: str, cfg: Config) -> str:
        return _context_dir(dockerfile, cfg, self.context_override, self._folders, self._compose)

    def _view(self, ctx_dir: str, dockerfile: str | None):
        from .buildcontext import load_context
        key = (os.path.abspath(ctx_dir), os.path.abspath(dockerfile) if dockerfile else None)
        if key not in self._snapshots:
            if self._shared is None:
                self._snapshots[key] = load_context(key[0], key[1])
            else:
                from .buildcontext.view import ContextView
                self._snapshots[key] = ContextView(key[0], key[1], shared=self._shared,
                                                   isfile=self._folders.isfile)
        return self._snapshots[key]

    def for_file(self, path: str, text: str, cfg: Config) -> dict:
        """Keyword arguments for check(): the context view and, for a Dockerfile, the ignore
        file that applies to it, when enabled rules need them."""
        if path == "-" or not os.path.exists(path):
            return {}
        kind = file_kind(path)
        if not needs_context(cfg, kind, path):
            return {}
        if kind == "dockerignore":
            df = _dockerfile_of_ignore(path)
            if df is not None:
                view = self._view(self.context_dir(df, cfg), df)
            else:
                view = self._view(os.path.dirname(os.path.abspath(path)), None)
            # the ignore file being checked is parsed from `text` by the engine
            return {"context": view, "ignore_path": os.path.abspath(path)}
        view = self._view(self.context_dir(path, cfg), path)
        return {"context": view, "ignore": view.ignore, "ignore_path": view.ignore_path}


def dockerfiles_for_ignore(path: str, cfg: Config | None = None, context_override: str | None = None) -> list[str]:
    """The Dockerfiles whose build uses the ignore file `path` (so they deserve a re-check
    when it changes). `<name>.dockerignore` belongs to `<name>`; a `.dockerignore` or
    `.containerignore` belongs to the Dockerfiles under its folder whose context is that
    folder and which have no `<Dockerfile>.dockerignore` of their own."""
    from .files import discover, is_dockerfile_name
    from .ignorefile import find_ignore_file

    if file_kind(path) != "dockerignore" or not os.path.isfile(path):
        return []
    own = _dockerfile_of_ignore(path)
    if own is not None:
        return [own]
    folder = os.path.dirname(os.path.abspath(path))
    target = os.path.abspath(path)
    out = []
    for candidate in discover(Path(folder)):
        if not is_dockerfile_name(candidate.name):
            continue
        df = str(candidate)
        if cfg is None:
            from .config import find_config
            try:
                dcfg = find_config(df)
            except Exception:  # a broken config is reported when the Dockerfile is checked
                dcfg = None
        else:
            dcfg = cfg
        ctx = os.path.abspath(_context_dir(df, dcfg, context_override))
        if ctx != folder:
            continue
        found = find_ignore_file(ctx, df)
        if found is not None and os.path.abspath(found) == target:
            out.append(os.path.relpath(df) if not os.path.isabs(path) else df)
    return out


def expand_ignore_targets(targets: list[str], context_override: str | None = None) -> list[str]:
    """`targets` plus, after each ignore file, the Dockerfiles it applies to (no duplicates)."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.abspath(p) if p != "-" else p
        if key not in seen:
            seen.add(key)
            out.append(p)

    for t in targets:
        add(t)
    for t in targets:
        if t != "-" and file_kind(t) == "dockerignore":
            for df in dockerfiles_for_ignore(t, context_override=context_override):
                add(df)
    return out
