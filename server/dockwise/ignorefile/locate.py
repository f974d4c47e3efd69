"""Which ignore file a build uses, and what the builder always sends.

Public API::

    ALWAYS_SENT: tuple[str, ...]  # ("Dockerfile", ".dockerignore")
    always_sent_paths(dockerfile_relpath: str | None = "Dockerfile",
                      ignore_relpath: str | None = ".dockerignore") -> tuple[str, ...]
    with_always_sent(ignore: IgnoreFile, dockerfile_relpath: str | None = "Dockerfile") -> IgnoreFile
    find_ignore_file(context_dir, dockerfile_path=None, *, exists=os.path.isfile) -> str | None
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .gopath import go_clean
from .matcher import IgnoreFile

__all__ = ["ALWAYS_SENT", "always_sent_paths", "find_ignore_file", "with_always_sent"]

#: Docker always sends the Dockerfile and the ignore file, whatever the patterns say: the
#: classic builder's CLI appends ``!.dockerignore`` and ``!<Dockerfile>`` exceptions when
#: the patterns would exclude them (``build.TrimBuildFilesFromExcludes``), and BuildKit
#: transfers the Dockerfile separately. Ignoring them in ``.dockerignore`` therefore does
#: not keep them out of the build (``COPY . .`` still gets them with the classic builder).
#: This rule lives in the builder, not in the matcher, so ``IgnoreFile.matches`` does not
#: apply it; use :func:`with_always_sent`.
ALWAYS_SENT: tuple[str, ...] = ("Dockerfile", ".dockerignore")


def always_sent_paths(
    dockerfile_relpath: str | None = "Dockerfile", ignore_relpath: str | None = ".dockerignore"
) -> tuple[str, ...]:
    """The context-relative paths the builder sends regardless of the patterns (a
    Dockerfile outside the context or read from stdin is None)."""
    out = []
    for p in (ignore_relpath, dockerfile_relpath):
        if p is None:
            continue
        p = go_clean(p.replace(os.sep, "/"))
        if p.startswith("../") or p in ("..", ".") or p.startswith("/"):
            continue
        if p not in out:
            out.append(p)
    return tuple(out)


def with_always_sent(ignore: IgnoreFile, dockerfile_relpath: str | None = "Dockerfile",
                     ignore_relpath: str | None = ".dockerignore") -> IgnoreFile:
    """``ignore`` plus the ``!path`` exceptions the CLI appends for the Dockerfile and the
    ignore file when the patterns would exclude them."""
    extra = []
    for p in always_sent_paths(dockerfile_relpath, ignore_relpath):
        v = ignore.verdict(p)
        if v.excluded or v.error:
            extra.append("!" + p)
    return ignore.with_patterns(extra) if extra else ignore


def find_ignore_file(
    context_dir: str | os.PathLike[str],
    dockerfile_path: str | os.PathLike[str] | None = None,
    *,
    exists: Callable[[str], bool] = os.path.isfile,
) -> str | None:
    """The ignore file a build of ``context_dir`` with ``dockerfile_path`` uses, or None.

    Precedence (BuildKit / buildx, then Podman/Buildah):

    1. ``<Dockerfile path>.dockerignore`` next to the Dockerfile, e.g.
       ``docker/app.Dockerfile.dockerignore`` for ``-f docker/app.Dockerfile``;
    2. ``<context>/.dockerignore``;
    3. ``<context>/.containerignore`` (Podman), only when there is no ``.dockerignore``.

    A relative ``dockerfile_path`` is taken relative to ``context_dir``. ``exists`` is the
    only I/O and can be replaced (e.g. by an in-memory check in the language server).
    """
    ctx = os.fspath(context_dir)
    candidates = []
    if dockerfile_path is not None:
        df = os.fspath(dockerfile_path)
        if not os.path.isabs(df):
            df = os.path.join(ctx, df)
        candidates.append(df + ".dockerignore")
    candidates.append(os.path.join(ctx, ".dockerignore"))
    candidates.append(os.path.join(ctx, ".containerignore"))
    for c in candidates:
        if exists(c):
            return c
    return None


def dockerfile_of_ignore_file(ignore_path: str) -> str | None:
    """The Dockerfile a per-Dockerfile ignore file names (`app.Dockerfile` for
    `app.Dockerfile.dockerignore`, the first choice above); None for `.dockerignore` and
    `.containerignore`, which serve every Dockerfile of their context."""
    name = os.path.basename(ignore_path)
    if name == ".dockerignore" or not name.endswith(".dockerignore"):
        return None
    return ignore_path[:-len(".dockerignore")]
