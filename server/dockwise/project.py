"""What a Dockerfile's surroundings add to a check: its build context and ignore file.

Built lazily, once per (context directory, Dockerfile), and only when an enabled rule needs
it; the context is walked only when a rule first reads its files
(:func:`dockwise.buildcontext.load_context`).

A `.dockerignore` is checked against the context it governs: its own folder, or for
`<name>.Dockerfile.dockerignore` the context of `<name>.Dockerfile`. Checking an ignore file
also concerns the Dockerfiles it applies to: :func:`expand_ignore_targets` adds them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .config import Config, ConfigError
from .engine.check import file_kind, needs_context
from .files import refused_walk_root


def _context_choice(dockerfile: str, cfg: Config | None, override: str | None, *, text: str | None = None,
                    model=None, trees: Iterable[str] = (), repos: dict | None = None, stable: bool = True,
                    folders: dict | None = None):
    """The build context of `dockerfile` and where it came from
    (:func:`dockwise.buildcontext.infer.choose_context`). `repos` keeps each repository's
    builds between calls; unless `stable`, they are re-read when one of their files changed.
    `folders` keeps what was found about folders (their repository root, whether walking them
    is refused) for the files of the same folders: for a view whose files do not change."""
    from .buildcontext.infer import RepoBuilds, choose_context, find_repo_root
    folders = {} if folders is None else folders
    folder = os.path.dirname(os.path.abspath(dockerfile))
    if cfg is not None and cfg.root and not _too_wide(cfg.root):  # not a configuration kept in the home folder
        trees = list(trees) + [cfg.root]
    key = ("root", folder, tuple(trees))
    root = folders.get(key)
    if root is None:
        root = folders[key] = find_repo_root(folder, trees)
    repos = {} if repos is None else repos
    repo = repos.get(root)
    if repo is None or (not stable and repo.stale()):
        repo = repos[root] = RepoBuilds(root)
    choice = choose_context(dockerfile, override=override, config=cfg, repo=repo, root=root, text=text, model=model)
    if choice.decided:
        key = ("refused", choice.directory, root)
        if key not in folders:
            folders[key] = refused_walk_root(choice.directory,
                                             root if os.path.exists(os.path.join(root, ".git")) else None)
        refused = folders[key]
        if refused is not None:  # `/`, the home folder, above the repository: never walked
            source = "--context" if choice.source == "cli" else \
                cfg.source if choice.source == "config" and cfg is not None and cfg.source else dockerfile
            raise ConfigError(str(source), "context", refused)
    return choice


def _too_wide(folder: str) -> bool:
    home = os.path.expanduser("~")
    folder = os.path.abspath(folder)
    return folder == os.path.dirname(folder) or home == folder or home.startswith(folder.rstrip(os.sep) + os.sep)


def handed_trees(paths: list[str]) -> list[str]:
    """The trees a run was handed (the repository when no `.git` says where it is): each
    directory named, and the working directory (not `/`) for files named below it."""
    cwd = os.getcwd()
    out = []
    for p in paths:
        if p == "-":
            continue
        if os.path.isdir(p):
            out.append(os.path.abspath(p))
        elif os.path.dirname(cwd) != cwd and os.path.abspath(p).startswith(cwd + os.sep):
            out.append(cwd)
    return list(dict.fromkeys(out))


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
    from .ignorefile.locate import dockerfile_of_ignore_file
    df = dockerfile_of_ignore_file(ignore_path)
    return df if df is not None and os.path.isfile(df) else None


class ProjectView:
    """`stable`: the files do not change while this view lives (a CLI run that writes
    nothing), so folder listings, the repository's build files, parsed ignore files and
    context walks are shared between the Dockerfiles checked. Otherwise (the language server)
    a repository's build files are read once and re-read when one of them, or a folder
    listing, changes. `trees`: the folders the run was handed (CLI directories, workspace
    folders): the repository when no `.git` says where it is."""

    def __init__(self, context_override: str | None = None, *, stable: bool = False,
                 trees: Iterable[str] = ()) -> None:
        self.context_override = context_override
        # `--diff`: fixed texts by absolute path, read instead of the files they would replace
        self.pending: dict[str, str] = {}
        self.trees = [os.path.abspath(t) for t in trees]
        self._snapshots: dict[tuple[str, str | None], object] = {}
        self._folders = Folders() if stable else None
        self._stable = stable
        self._repos: dict = {}
        self._choices: dict | None = {} if stable else None
        self._folders_seen: dict | None = {} if stable else None  # see _context_choice's `folders`
        self._shared: dict | None = {} if stable else None
        # The Dockerfiles under a folder (a walk), kept while the files do not change: for a
        # stable view, or once someone says creations and deletions will be reported
        # (`forget_listings`; the language server when the client watches files).
        self.listings_watched = False
        self._listings: dict[str, list[str]] = {}

    def forget(self) -> None:
        """Drop what was read so far: a fix changed (or `--diff` would change) an ignore file, or
        the repositories' build files changed."""
        self._snapshots.clear()
        self._repos.clear()
        self._listings.clear()
        if self._folders_seen is not None:
            self._folders_seen.clear()
        if self._choices is not None:
            self._choices.clear()

    def dockerfiles_under(self, folder: str) -> list[str]:
        """The Dockerfiles below `folder` (one walk; kept while creations and deletions are
        reported, see `listings_watched`)."""
        from .files import discover, is_dockerfile_name
        folder = os.path.abspath(folder)
        kept = self._listings.get(folder)
        if kept is not None:
            return kept
        found = [str(p) for p in discover(Path(folder)) if is_dockerfile_name(p.name)]
        if self._stable or self.listings_watched:
            self._listings[folder] = found
        return found

    def forget_listings(self, paths: Iterable[str]) -> None:
        """Files or folders were created or deleted at `paths`: the listings holding them (or
        held by a folder deleted) go."""
        for path in paths:
            path = os.path.abspath(path)
            for folder in [f for f in self._listings if path == f or path.startswith(f.rstrip(os.sep) + os.sep)
                           or f.startswith(path + os.sep)]:
                del self._listings[folder]

    def build_inputs(self, choice) -> tuple[str, ...]:
        """The files a context choice was read from (compose, bake, CI files, the folders holding
        them, the `.env` beside a compose file): stat them to see that it may have changed."""
        repo = self._repos.get(getattr(choice, "repo_root", None))
        return repo.inputs() if repo is not None else ()

    def context_choice(self, dockerfile: str, cfg: Config | None, text: str | None = None, model=None):
        """The build context of `dockerfile` and where it came from (a ContextChoice);
        `text` (and its parse, `model`): the Dockerfile as the editor holds it."""
        key = (os.path.abspath(dockerfile), id(cfg))
        if self._choices is not None and key in self._choices:
            return self._choices[key][1]
        choice = _context_choice(dockerfile, cfg, self.context_override, text=text, model=model, trees=self.trees,
                                 repos=self._repos, stable=self._stable, folders=self._folders_seen)
        if self._choices is not None:
            self._choices[key] = (cfg, choice)  # keeps cfg alive, so its id stays its own
        return choice

    def context_dir(self, dockerfile: str, cfg: Config | None, text: str | None = None) -> str | None:
        """The build context folder of `dockerfile`; None when undecided (context rules then
        stay silent)."""
        return self.context_choice(dockerfile, cfg, text).directory

    def _ignore_folder_choice(self, ignore_path: str):
        """A `.dockerignore` governs the context it lies in: its folder."""
        from .buildcontext.infer import ContextChoice, find_repo_root
        folder = os.path.dirname(os.path.abspath(ignore_path))
        return ContextChoice(folder, "ignore-folder", repo_root=find_repo_root(folder, self.trees))

    def _view(self, ctx_dir: str, dockerfile: str | None, choice=None):
        from .buildcontext import load_context
        key = (os.path.abspath(ctx_dir), os.path.abspath(dockerfile) if dockerfile else None)
        if key not in self._snapshots:
            if self.pending:
                from .buildcontext.view import ContextView
                isfile = self._folders.isfile if self._folders is not None else os.path.isfile
                self._snapshots[key] = ContextView(key[0], key[1], shared=self._shared, isfile=isfile,
                                                   pending=self.pending)
            elif self._shared is None:
                self._snapshots[key] = load_context(key[0], key[1])
            else:
                from .buildcontext.view import ContextView
                self._snapshots[key] = ContextView(key[0], key[1], shared=self._shared,
                                                   isfile=self._folders.isfile)
        view = self._snapshots[key]
        view.choice = choice
        return view

    def builds_using(self, ignore_path: str, cfg: Config, text_of=None) -> tuple | None:
        """(path, text) of the Dockerfiles whose build uses the ignore file: what its patterns
        can keep out of an image; None when unknown. `text_of(path)`: an editor's unsaved text."""
        own = _dockerfile_of_ignore(ignore_path)
        if own is None and not os.path.isfile(ignore_path):
            return None  # not on disk yet: which builds use it is unknown
        paths = [own] if own is not None else dockerfiles_for_ignore(ignore_path, cfg, project=self)
        out = []
        for df in paths:
            df = os.path.abspath(df)
            text = self.pending.get(df) if self.pending else None
            if text is None and text_of is not None:
                text = text_of(df)
            if text is None:
                try:
                    with open(df, encoding="utf-8", errors="replace") as fh:
                        text = fh.read()
                except OSError:
                    continue
            out.append((df, text))
        return tuple(out)

    def for_file(self, path: str, text: str, cfg: Config, model=None) -> dict:
        """Keyword arguments for check(): the context view and, for a Dockerfile, the ignore
        file that applies to it, when enabled rules need them. Nothing when the context is
        undecided. `model`: the Dockerfile's parse, when at hand."""
        if path == "-" or not (os.path.exists(path) or os.path.abspath(path) in self.pending):
            return {}
        kind = file_kind(path)
        if not needs_context(cfg, kind, path):
            return {}
        if kind == "dockerignore":
            df = _dockerfile_of_ignore(path)
            if df is not None:
                choice = self.context_choice(df, cfg)
                if not choice.decided:
                    return {}
                view = self._view(choice.directory, df, choice)
            else:
                view = self._view(os.path.dirname(os.path.abspath(path)), None, self._ignore_folder_choice(path))
            # the ignore file being checked is parsed from `text` by the engine
            view.builds = self.builds_using(path, cfg)
            return {"context": view, "ignore_path": os.path.abspath(path)}
        choice = self.context_choice(path, cfg, text or None, model=model if text else None)
        if not choice.decided:
            return {}
        view = self._view(choice.directory, path, choice)
        return {"context": view, "ignore": view.ignore, "ignore_path": view.ignore_path}


def dockerfiles_for_ignore(path: str, cfg: Config | None = None, context_override: str | None = None,
                           project: ProjectView | None = None) -> list[str]:
    """The Dockerfiles whose build uses the ignore file `path` (so they deserve a re-check
    when it changes). `<name>.dockerignore` belongs to `<name>`; a `.dockerignore` or
    `.containerignore` belongs to the Dockerfiles under its folder whose context is that
    folder and which have no `<Dockerfile>.dockerignore` of their own."""
    from .ignorefile import find_ignore_file

    if file_kind(path) != "dockerignore" or not os.path.isfile(path):
        return []
    own = _dockerfile_of_ignore(path)
    if own is not None:
        return [own]
    folder = os.path.dirname(os.path.abspath(path))
    target = os.path.abspath(path)
    if project is None:
        project = ProjectView(context_override, stable=True, trees=[folder])
    out = []
    for df in project.dockerfiles_under(folder):
        if cfg is None:
            from .config import find_config
            try:
                dcfg = find_config(df)
            except Exception:  # a broken config is reported when the Dockerfile is checked
                dcfg = None
        else:
            dcfg = cfg
        ctx = project.context_dir(df, dcfg)
        if ctx is None or os.path.abspath(ctx) != folder:
            continue
        found = find_ignore_file(ctx, df)
        if found is not None and os.path.abspath(found) == target:
            out.append(os.path.relpath(df) if not os.path.isabs(path) else df)
    return out


def expand_ignore_targets(targets: list[str], context_override: str | None = None,
                          trees: list[str] | None = None) -> list[str]:
    """`targets` plus, after each ignore file, the Dockerfiles it applies to (no duplicates).
    `trees`: the folders the run was handed (default: those of `targets`)."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.abspath(p) if p != "-" else p
        if key not in seen:
            seen.add(key)
            out.append(p)

    for t in targets:
        add(t)
    if not any(t != "-" and file_kind(t) == "dockerignore" for t in targets):
        return out
    project = ProjectView(context_override, stable=True,  # one scan per repository
                          trees=handed_trees(targets) if trees is None else trees)
    for t in targets:
        if t != "-" and file_kind(t) == "dockerignore":
            for df in dockerfiles_for_ignore(t, context_override=context_override, project=project):
                add(df)
    return out
