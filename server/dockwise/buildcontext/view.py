"""A lazy, read-only view of one build: its context directory, ignore file and Dockerfile.

Public API::

    load_context(context_dir, dockerfile_path=None) -> ContextView

    ContextView
        .root: str                       # absolute context directory
        .dockerfile_relpath: str | None  # the Dockerfile relative to the root (None: outside it)
        .ignore_path: str | None         # the ignore file the build uses (find_ignore_file)
        .ignore_text: str | None
        .ignore: IgnoreFile | None       # as written (no always-sent exceptions)
        .effective_ignore: IgnoreFile | None  # plus Docker's `!Dockerfile` / `!.dockerignore`
        .snapshot: ContextSnapshot       # what the build sends; walked on first use, cached
        .unfiltered: ContextSnapshot     # every path in the directory, ignore file not applied
        .ignore_relpath: str | None
        .choice: ContextChoice | None    # how the context was chosen (buildcontext.infer)
        .phrase: str                     # how messages name it

Nothing touches the disk until a rule asks: finding and reading the ignore file is cheap and
done on first access of ``ignore``; walking the context happens on the first ``snapshot``.
Docker always sends the Dockerfile and the ignore file itself, so ``snapshot`` applies
:func:`dockwise.ignorefile.with_always_sent`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..files import read_regular
from ..ignorefile import IgnoreFile, find_ignore_file, parse_ignore_file, with_always_sent
from ..ignorefile.locate import always_sent_paths
from .walk import ContextSnapshot, walk_context

__all__ = ["ContextView", "load_context"]

_UNSET = object()


def _rel_inside(path: str | None, root: str) -> str | None:
    if path is None:
        return None
    path = os.path.abspath(path)
    prefix = root if root.endswith(os.sep) else root + os.sep
    if path.startswith(prefix):  # what relpath gives for a normalised path below root, without its walk
        return path[len(prefix):].replace(os.sep, "/")
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return None if rel == ".." or rel.startswith("../") else rel


class ContextView:
    """See the module docstring. Build with :func:`load_context`."""

    def __init__(self, root: str, dockerfile_path: str | None = None, *, shared: dict | None = None,
                 isfile: Callable[[str], bool] = os.path.isfile, pending: dict[str, str] | None = None) -> None:
        """`shared`: a cache of parsed ignore files and walks for views of files that do not
        change (see ProjectView); `isfile` answers where the ignore file is; `pending`: texts
        by absolute path that stand for the files on disk (fixes `--diff` shows, not written)."""
        self.root = os.path.abspath(root)
        self._pending = pending or {}
        if self._pending:
            isfile = (lambda path, on_disk=isfile: os.path.abspath(path) in self._pending or on_disk(path))
        self._shared = shared
        self._isfile = isfile
        if dockerfile_path is not None and not os.path.isabs(dockerfile_path) and \
                not os.path.exists(dockerfile_path):
            dockerfile_path = os.path.join(self.root, dockerfile_path)
        self.dockerfile_path = os.path.abspath(dockerfile_path) if dockerfile_path else None
        self.dockerfile_relpath = _rel_inside(self.dockerfile_path, self.root) if self.dockerfile_path \
            else "Dockerfile"
        self._ignore_loaded = False
        self._ignore_path: str | None = None
        self._ignore_text: str | None = None
        self._ignore: IgnoreFile | None = None
        self._effective: object = _UNSET
        self._snapshot: ContextSnapshot | None = None
        self._unfiltered: ContextSnapshot | None = None
        self.choice = None  # the ContextChoice that picked this context, when one did
        # for an ignore file's check: (path, text) of the Dockerfiles built with it; None: unknown
        self.builds: tuple[tuple[str, str], ...] | None = None

    @property
    def phrase(self) -> str:
        """How messages name this context: "the build context `.` (from compose.yaml, service
        `web`)", or "this build context" when nothing says how it was chosen."""
        return self.choice.phrase() if self.choice is not None else "this build context"

    def __repr__(self) -> str:
        return f"ContextView(root={self.root!r}, ignore_path={self.ignore_path!r})"

    # -- the ignore file

    def _load_ignore(self) -> None:
        if self._ignore_loaded:
            return
        self._ignore_loaded = True
        path = find_ignore_file(self.root, self.dockerfile_path, exists=self._isfile)
        if path is None:
            return
        self._ignore_path = path
        if os.path.abspath(path) in self._pending:
            text = self._pending[os.path.abspath(path)]
            self._ignore_text = text
            self._ignore = self._once(("ignore", text), lambda: parse_ignore_file(text))
            return
        try:
            data = read_regular(path)
        except OSError as exc:  # FileProblem too: a FIFO or device is never read
            from ..ignorefile import IgnoreError
            self._ignore_text = ""
            self._ignore = parse_ignore_file("")
            self._ignore.errors.append(IgnoreError(-1, -1, -1, f"cannot read {path}: {exc}"))
            return
        text = data.decode("utf-8", "surrogateescape")
        self._ignore_text = text
        # an IgnoreFile is never changed once parsed: views of the same text may share it
        self._ignore = self._once(("ignore", text), lambda: parse_ignore_file(text))

    @property
    def ignore_path(self) -> str | None:
        self._load_ignore()
        return self._ignore_path

    @property
    def ignore_text(self) -> str | None:
        self._load_ignore()
        return self._ignore_text

    @property
    def ignore(self) -> IgnoreFile | None:
        self._load_ignore()
        return self._ignore

    @property
    def ignore_relpath(self) -> str | None:
        return _rel_inside(self.ignore_path, self.root)

    @property
    def effective_ignore(self) -> IgnoreFile | None:
        if self._effective is _UNSET:
            ign = self.ignore
            if ign is not None:
                relpaths = (self.dockerfile_relpath, self.ignore_relpath or ".dockerignore")
                # one object per (ignore file, relpaths), so that walks can be shared
                ign = self._once(("effective", ign, relpaths), lambda: with_always_sent(ign, *relpaths))
            self._effective = ign
        return self._effective  # type: ignore[return-value]

    # -- the walks

    @property
    def snapshot(self) -> ContextSnapshot:
        if self._snapshot is None:
            eff, plain = self.effective_ignore, self.ignore
            snap = None
            if eff is not plain and plain is not None:
                # Several Dockerfiles built from one context whose ignore file excludes them
                # (`Dockerfile*`): share one walk, each adding back its own always-sent files.
                paths = always_sent_paths(self.dockerfile_relpath, self.ignore_relpath or ".dockerignore")
                snap = self._once(("sent-anyway", eff), lambda: _sent_anyway(self._walk(plain), eff, paths))
            self._snapshot = snap if snap is not None else self._walk(eff)
        return self._snapshot

    @property
    def unfiltered(self) -> ContextSnapshot:
        """Every file, symlink and directory of the context, whatever the ignore file says."""
        if self._unfiltered is None:
            if self.ignore is None and self._snapshot is not None:
                self._unfiltered = self._snapshot
            else:
                self._unfiltered = self._walk(None)
        return self._unfiltered

    def _walk(self, ignore: IgnoreFile | None) -> ContextSnapshot:
        # IgnoreFile hashes by identity
        return self._once(("walk", self.root, ignore), lambda: walk_context(self.root, ignore))

    def _once(self, key: tuple, make):
        """`make()`, computed once per `key` and shared between views when they share a cache."""
        if self._shared is None:
            return make()
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    @property
    def walked(self) -> bool:
        """True once the context has been walked (for tests of laziness)."""
        return self._snapshot is not None or self._unfiltered is not None


def _sent_anyway(base: ContextSnapshot, effective: IgnoreFile, paths) -> ContextSnapshot | None:
    """What a walk with `effective` (the ignore file plus `!path` for the Dockerfile and the
    ignore file, see :func:`dockwise.ignorefile.with_always_sent`) sends, from `base`, the walk
    with the ignore file as written: the same, plus those files. None when one of them lies in
    a folder the base walk did not enter (then only a real walk says what is sent)."""
    files: dict[str, int] | None = None
    ignored = base.ignored
    for p in paths:
        parent = p.rsplit("/", 1)[0] if "/" in p else ""
        if parent and parent not in base.dirs:
            return None
        entry = base.ignored.get(p)
        if entry is None or p in base.files:
            continue  # sent already, or missing
        if entry.kind != "file":
            return None
        try:
            size = os.lstat(os.path.join(base.root, p)).st_size
        except OSError:
            return None
        if files is None:
            files, ignored = dict(base.files), dict(base.ignored)
        files[p] = size
        del ignored[p]
    return ContextSnapshot(root=base.root, ignore=effective, files=base.files if files is None else files,
                           executable=base.executable, symlinks=base.symlinks, dirs=base.dirs, ignored=ignored, pruned=base.pruned,
                           match_errors=base.match_errors, problems=base.problems)


def load_context(context_dir: str | os.PathLike[str], dockerfile_path: str | os.PathLike[str] | None = None
                 ) -> ContextView:
    """A lazy view of building ``context_dir`` with ``dockerfile_path`` (absolute, relative to
    the working directory, or relative to the context; None: ``<context>/Dockerfile``)."""
    return ContextView(os.fspath(context_dir), os.fspath(dockerfile_path) if dockerfile_path is not None else None)
