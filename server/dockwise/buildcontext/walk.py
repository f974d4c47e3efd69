"""Walk a build context directory like Docker and keep a read-only snapshot of it.

Public API::

    walk_context(root: str | PathLike, ignore: IgnoreFile | None = None, *, prune: bool = True)
        -> ContextSnapshot

    ContextSnapshot
        .root: str
        .ignore: IgnoreFile | None
        .files: dict[str, int]                 # sent regular files -> size in bytes
        .executable: set[str]                  # those of them with an execute bit (COPY keeps modes)
        .symlinks: dict[str, SymlinkInfo]      # sent symlinks (recorded, never followed)
        .dirs: set[str]                        # sent (walked, not excluded) directories
        .ignored: dict[str, IgnoredEntry]      # excluded files/dirs/symlinks that were seen
        .pruned: set[str]                      # excluded dirs not walked (nothing below is sent)
        .match_errors: dict[str, str]          # paths where Docker's matcher fails (build fails)
        .problems: list[ContextProblem]        # unreadable dirs/files, special files
        .file_count / .total_bytes / .symlink_count
        .exists(relpath) -> bool               # sent as file, symlink or directory
        .status(relpath) -> PathStatus         # sent / ignored (and by which pattern) / missing
        .matching(pattern) -> list[str]        # COPY source wildcard (Go filepath.Match per segment)
        .bytes_by_top_level() -> dict[str, int]   # "." holds files at the root
        .largest_files(n=10) -> list[tuple[str, int]]
        .sent_paths(include_dirs=False) -> list[str]   # sorted
        .all_paths() -> Iterator[tuple[str, str, bool, IgnorePattern | None]]
              # (path, kind, sent, deciding pattern), ignored ones included (flagged)

Paths are relative, POSIX (``/``) and never start with ``./``. The walk is iterative
(``os.scandir``), never follows symlinks (so links out of the context and link loops are
harmless) and never raises for unreadable entries: they are recorded in ``problems``.
An excluded directory is pruned, as Docker's walker does, only when no ``!`` exception could
re-include something below it (:meth:`IgnoreFile.can_prune`); with ``prune=False`` everything
is walked and every ignored path is listed.
"""

from __future__ import annotations

import os
import stat as stat_mod
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..ignorefile import IgnoreFile, IgnorePattern, go_clean, go_match

__all__ = [
    "ContextProblem",
    "ContextSnapshot",
    "IgnoredEntry",
    "PathStatus",
    "SymlinkInfo",
    "walk_context",
]

# Indirections so tests can simulate failures that root cannot produce with permissions.
_scandir = os.scandir


def _is_readable(path: str) -> bool:
    return os.access(path, os.R_OK)


def _should_check_readable() -> bool:
    # root reads everything, so skip one access() per file there
    return os.geteuid() != 0 if hasattr(os, "geteuid") else True


@dataclass(frozen=True)
class SymlinkInfo:
    target: str
    escapes: bool  # the target (lexically) lies outside the context


@dataclass(frozen=True)
class IgnoredEntry:
    kind: str  # 'file', 'dir', 'symlink', 'other'
    pattern: IgnorePattern | None


@dataclass(frozen=True)
class ContextProblem:
    path: str
    kind: str  # 'unreadable-dir', 'unreadable-file', 'special-file', 'stat-failed'
    message: str


@dataclass(frozen=True)
class PathStatus:
    """``state``: 'sent', 'ignored', 'missing' or 'error' (Docker's matcher fails on it).
    For 'ignored', ``pattern`` decided it and ``under`` is the pruned directory it lies in
    when the walker did not look inside (then whether the path exists is unknown)."""

    path: str
    state: str
    kind: str | None = None
    pattern: IgnorePattern | None = None
    under: str | None = None


@dataclass
class ContextSnapshot:
    root: str
    ignore: IgnoreFile | None
    files: dict[str, int] = field(default_factory=dict)
    executable: set[str] = field(default_factory=set)
    symlinks: dict[str, SymlinkInfo] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=set)
    ignored: dict[str, IgnoredEntry] = field(default_factory=dict)
    pruned: set[str] = field(default_factory=set)
    match_errors: dict[str, str] = field(default_factory=dict)
    problems: list[ContextProblem] = field(default_factory=list)
    _by_depth: dict[int, list[str]] | None = field(default=None, repr=False)
    # results of pure functions of the snapshot (it may be shared by several Dockerfiles)
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    # -- totals

    @property
    def file_count(self) -> int:
        return len(self.files)

    @property
    def symlink_count(self) -> int:
        return len(self.symlinks)

    @property
    def total_bytes(self) -> int:
        return sum(self.files.values())

    def bytes_by_top_level(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for path, size in self.files.items():
            i = path.find("/")
            key = "." if i < 0 else path[:i]
            out[key] = out.get(key, 0) + size
        return out

    def largest_files(self, n: int = 10) -> list[tuple[str, int]]:
        import heapq

        return heapq.nlargest(n, self.files.items(), key=lambda kv: (kv[1], kv[0]))

    def sent_paths(self, include_dirs: bool = False) -> list[str]:
        paths = list(self.files) + list(self.symlinks)
        if include_dirs:
            paths += list(self.dirs)
        return sorted(paths)

    def all_paths(self) -> Iterator[tuple[str, str, bool, IgnorePattern | None]]:
        for p in self.files:
            yield p, "file", True, None
        for p in self.symlinks:
            yield p, "symlink", True, None
        for p in self.dirs:
            yield p, "dir", True, None
        for p, e in self.ignored.items():
            yield p, e.kind, False, e.pattern

    # -- lookups

    def exists(self, relpath: str) -> bool:
        p = _norm(relpath)
        return p == "." or p in self.files or p in self.symlinks or p in self.dirs

    def status(self, relpath: str) -> PathStatus:
        p = _norm(relpath)
        if p == ".":
            return PathStatus(p, "sent", "dir")
        if p in self.match_errors:
            return PathStatus(p, "error")
        if p in self.files:
            return PathStatus(p, "sent", "file")
        if p in self.symlinks:
            return PathStatus(p, "sent", "symlink")
        if p in self.dirs:
            return PathStatus(p, "sent", "dir")
        if p in self.ignored:
            e = self.ignored[p]
            return PathStatus(p, "ignored", e.kind, e.pattern)
        # Below a pruned directory: excluded whatever it is.
        parts = p.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d in self.pruned:
                pat = self.ignored[d].pattern if d in self.ignored else None
                return PathStatus(p, "ignored", None, pat, under=d)
        return PathStatus(p, "missing")

    def matching(self, pattern: str) -> list[str]:
        """Sent paths (files, symlinks, directories) a COPY/ADD source matches, sorted.

        BuildKit splits the source on ``/`` and matches each segment with Go's
        ``filepath.Match`` (``*``, ``?``, ``[...]``, ``\\`` escapes; nothing crosses ``/``).
        A directory match means the whole directory is copied. A malformed pattern raises
        :class:`dockwise.ignorefile.BadPattern`.
        """
        p = _norm(pattern)
        if p == ".":
            return ["."]
        if not any(c in p for c in "*?[\\"):
            return [p] if self.exists(p) else []
        segs = p.split("/")
        for s in segs:
            go_match(s, "")  # validate once, whatever the candidates
        if self._by_depth is None:
            by: dict[int, list[str]] = {}
            for q in list(self.files) + list(self.symlinks) + list(self.dirs):
                by.setdefault(q.count("/") + 1, []).append(q)
            self._by_depth = by
        out = []
        for q in self._by_depth.get(len(segs), ()):
            qs = q.split("/")
            if all(go_match(a, b) for a, b in zip(segs, qs)):
                out.append(q)
        return sorted(out)


def _norm(relpath: str) -> str:
    p = go_clean(relpath.replace(os.sep, "/"))
    while p.startswith("/"):
        p = p[1:] or "."
    return p


def _lexically_escapes(linkpath: str, target: str) -> bool:
    if target.startswith("/"):
        return True  # an absolute target is resolved against the host, not the context
    parent = linkpath.rsplit("/", 1)[0] if "/" in linkpath else ""
    joined = go_clean((parent + "/" if parent else "") + target)
    return joined == ".." or joined.startswith("../")


def walk_context(
    root: str | os.PathLike[str], ignore: IgnoreFile | None = None, *, prune: bool = True
) -> ContextSnapshot:
    """Walk ``root`` and return what a build would send. See the module docstring."""
    root_s = os.fspath(root)
    snap = ContextSnapshot(root=root_s, ignore=ignore)
    files = snap.files
    ignored = snap.ignored
    check_readable = _should_check_readable()
    # (relative dir, absolute dir, matcher state)
    stack: list[tuple[str, str, object]] = [("", root_s, ignore.root_state() if ignore else None)]
    while stack:
        rel, absdir, state = stack.pop()
        try:
            it = _scandir(absdir)
        except OSError as exc:
            snap.problems.append(ContextProblem(rel or ".", "unreadable-dir", str(exc)))
            continue
        with it:
            while True:
                try:
                    entry = next(it)
                except StopIteration:
                    break
                except OSError as exc:
                    snap.problems.append(ContextProblem(rel or ".", "unreadable-dir", str(exc)))
                    break
                name = entry.name
                path = rel + "/" + name if rel else name
                excluded = False
                pattern = None
                if ignore is not None:
                    v = ignore.verdict_in(state, path)
                    if v.error is not None:
                        snap.match_errors[path] = v.error
                    else:
                        excluded = v.excluded
                        pattern = v.pattern
                try:
                    if entry.is_symlink():
                        if excluded:
                            ignored[path] = IgnoredEntry("symlink", pattern)
                            continue
                        target = os.readlink(entry.path)
                        snap.symlinks[path] = SymlinkInfo(target, _lexically_escapes(path, target))
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        if excluded:
                            ignored[path] = IgnoredEntry("dir", pattern)
                            if prune and ignore is not None and ignore.can_prune(path):
                                snap.pruned.add(path)
                                continue
                        else:
                            snap.dirs.add(path)
                        child_state = ignore.dir_state(state, path) if ignore is not None else None
                        stack.append((path, entry.path, child_state))
                        continue
                    if entry.is_file(follow_symlinks=False):
                        if excluded:
                            ignored[path] = IgnoredEntry("file", pattern)
                            continue
                        st = entry.stat(follow_symlinks=False)
                        if check_readable and not _is_readable(entry.path):
                            snap.problems.append(ContextProblem(path, "unreadable-file", "permission denied"))
                        files[path] = st.st_size
                        if st.st_mode & 0o111:
                            snap.executable.add(path)
                        continue
                    # FIFOs, sockets, devices
                    if excluded:
                        ignored[path] = IgnoredEntry("other", pattern)
                        continue
                    mode = entry.stat(follow_symlinks=False).st_mode
                    kind = "socket" if stat_mod.S_ISSOCK(mode) else "fifo" if stat_mod.S_ISFIFO(mode) else "device"
                    snap.problems.append(ContextProblem(path, "special-file", f"{kind}: not a regular file"))
                except OSError as exc:
                    snap.problems.append(ContextProblem(path, "stat-failed", str(exc)))
    return snap
