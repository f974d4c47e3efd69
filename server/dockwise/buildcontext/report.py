"""What a build context costs, for the future ``dockwise context`` command. No printing.

Public API::

    DEFAULT_CANDIDATES: tuple[str, ...]
    load_ignore(root, dockerfile_path=None) -> tuple[IgnoreFile | None, str | None]
    context_report(root, dockerfile_path=None, ignore=AUTO, *,
                   candidates=DEFAULT_CANDIDATES, top=10) -> dict
    list_sent_paths(root, dockerfile_path=None, ignore=AUTO, *, include_dirs=False) -> list[str]
    candidate_savings(snapshot, candidates) -> list[dict]

``ignore``: ``AUTO`` (default) finds and parses the ignore file the build would use
(:func:`dockwise.ignorefile.find_ignore_file`); ``None`` means no ignore file; or pass an
:class:`~dockwise.ignorefile.IgnoreFile`. ``dockerfile_path`` (absolute, or relative to
``root``) selects a ``<Dockerfile>.dockerignore`` and is always sent, like
``.dockerignore`` (:data:`dockwise.ignorefile.ALWAYS_SENT`).

``context_report`` returns (all sizes in bytes, paths relative POSIX)::

    {
      "root": str, "ignore_file": str | None,
      "ignore_errors": [{"line": int, "message": str}],     # Docker rejects the file
      "files_sent": int, "bytes_sent": int, "symlinks_sent": int,
      "ignored_entries": int, "pruned_dirs": int,
      "largest_dirs": [{"path": str, "files": int, "bytes": int}],   # top-level, "." = root files
      "largest_files": [{"path": str, "bytes": int}],
      "candidates": [{"pattern": str, "files": int, "bytes": int}],  # saved if appended; bytes desc
      "match_errors": [{"path": str, "message": str}],
      "problems": [{"path": str, "kind": str, "message": str}],
    }
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..files import read_regular
from ..ignorefile import (
    IgnoreFile,
    find_ignore_file,
    ignore_file_from_patterns,
    parse_ignore_file,
    with_always_sent,
)
from .walk import ContextSnapshot, walk_context

__all__ = ["AUTO", "DEFAULT_CANDIDATES", "candidate_savings", "context_report", "list_sent_paths", "load_ignore"]

AUTO = object()

DEFAULT_CANDIDATES: tuple[str, ...] = (
    ".git",
    "node_modules",
    "**/__pycache__",
    ".venv",
    "**/*.pyc",
    ".env",
    "dist",
    "build",
    "target",
    ".tox",
    ".pytest_cache",
    "*.log",
)


def load_ignore(root: str | os.PathLike[str], dockerfile_path: str | os.PathLike[str] | None = None
                ) -> tuple[IgnoreFile | None, str | None]:
    """(parsed ignore file, its path) for a build of ``root``; (None, None) if there is none.
    An unreadable ignore file gives an IgnoreFile whose ``errors`` say so."""
    path = find_ignore_file(root, dockerfile_path)
    if path is None:
        return None, None
    try:
        data = read_regular(path)
    except OSError as exc:  # FileProblem too: a FIFO or device is never read
        f = parse_ignore_file("")
        from ..ignorefile import IgnoreError

        f.errors.append(IgnoreError(-1, -1, -1, f"cannot read {path}: {exc}"))
        return f, path
    return parse_ignore_file(data.decode("utf-8", "surrogateescape")), path


def _resolve(root, dockerfile_path, ignore):
    root_s = os.fspath(root)
    ignore_path = None
    if ignore is AUTO:
        ignore, ignore_path = load_ignore(root_s, dockerfile_path)
    df_rel = "Dockerfile"
    if dockerfile_path is not None:
        df = os.fspath(dockerfile_path)
        if not os.path.isabs(df):
            df = os.path.join(root_s, df)
        rel = os.path.relpath(df, root_s)
        df_rel = None if rel.startswith("..") else rel.replace(os.sep, "/")
    ignore_rel = ".dockerignore"
    if ignore_path is not None:
        rel = os.path.relpath(ignore_path, root_s)
        ignore_rel = None if rel.startswith("..") else rel.replace(os.sep, "/")
    if ignore is not None:
        ignore = with_always_sent(ignore, df_rel, ignore_rel)
    return root_s, ignore, ignore_path


def candidate_savings(snapshot: ContextSnapshot, candidates: Iterable[str]) -> list[dict]:
    """For each pattern, the sent files and bytes it would drop if appended to the ignore
    file (Docker semantics: it matches the file or one of its parent directories)."""
    by_dir: dict[str, list[tuple[str, int]]] = {}
    for path, size in snapshot.files.items():
        i = path.rfind("/")
        by_dir.setdefault(path[:i] if i >= 0 else "", []).append((path, size))
    out = []
    for raw in candidates:
        cand = ignore_file_from_patterns([raw])
        if not cand.patterns or cand.errors or cand.patterns[0].is_bad:
            out.append({"pattern": raw, "files": 0, "bytes": 0, "error": True})
            continue
        pat = cand.patterns[0]
        dir_hit: dict[str, bool] = {"": False}

        def hit(d: str, dir_hit: dict[str, bool] = dir_hit, pat=pat) -> bool:
            r = dir_hit.get(d)
            if r is None:
                i = d.rfind("/")
                r = hit(d[:i] if i >= 0 else "") or pat.match(d)
                dir_hit[d] = r
            return r

        files = 0
        nbytes = 0
        fm = pat.match
        for d, entries in by_dir.items():
            if hit(d):
                files += len(entries)
                nbytes += sum(s for _, s in entries)
                continue
            for path, size in entries:
                if fm(path):
                    files += 1
                    nbytes += size
        out.append({"pattern": raw, "files": files, "bytes": nbytes})
    out.sort(key=lambda c: (-c["bytes"], -c["files"], c["pattern"]))
    return out


def context_report(
    root: str | os.PathLike[str],
    dockerfile_path: str | os.PathLike[str] | None = None,
    ignore: IgnoreFile | None | object = AUTO,
    *,
    candidates: Iterable[str] = DEFAULT_CANDIDATES,
    top: int = 10,
) -> dict:
    """Walk ``root`` and summarise what the build sends; see the module docstring."""
    root_s, ign, ignore_path = _resolve(root, dockerfile_path, ignore)
    snap = walk_context(root_s, ign)
    per_top: dict[str, list[int]] = {}
    for path, size in snap.files.items():
        i = path.find("/")
        acc = per_top.setdefault("." if i < 0 else path[:i], [0, 0])
        acc[0] += 1
        acc[1] += size
    largest_dirs = sorted(per_top.items(), key=lambda kv: (-kv[1][1], kv[0]))[:top]
    return {
        "root": root_s,
        "ignore_file": ignore_path,
        "ignore_errors": [{"line": e.line, "message": e.message} for e in (ign.errors if ign else [])],
        "files_sent": snap.file_count,
        "bytes_sent": snap.total_bytes,
        "symlinks_sent": snap.symlink_count,
        "ignored_entries": len(snap.ignored),
        "pruned_dirs": len(snap.pruned),
        "largest_dirs": [{"path": p, "files": v[0], "bytes": v[1]} for p, v in largest_dirs],
        "largest_files": [{"path": p, "bytes": s} for p, s in snap.largest_files(top)],
        "candidates": candidate_savings(snap, candidates),
        "match_errors": [{"path": p, "message": m} for p, m in sorted(snap.match_errors.items())],
        "problems": [{"path": p.path, "kind": p.kind, "message": p.message} for p in snap.problems],
    }


def list_sent_paths(
    root: str | os.PathLike[str],
    dockerfile_path: str | os.PathLike[str] | None = None,
    ignore: IgnoreFile | None | object = AUTO,
    *,
    include_dirs: bool = False,
) -> list[str]:
    """Every path the build would send (files and symlinks; directories too with
    ``include_dirs``), sorted, relative POSIX."""
    root_s, ign, _ = _resolve(root, dockerfile_path, ignore)
    return walk_context(root_s, ign).sent_paths(include_dirs=include_dirs)
