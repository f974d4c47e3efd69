"""Files on disk: discovery, safe reading, and atomic writes that keep bytes we did not change."""

from __future__ import annotations

import fnmatch
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .source import decode

# Real repositories also use `Dockerfile-dev`, `Dockerfile_gpu`, `api-Dockerfile`, `web_Dockerfile`.
DOCKERFILE_PATTERNS = ("Dockerfile", "Dockerfile.*", "Dockerfile-*", "Dockerfile_*", "*.Dockerfile", "*-Dockerfile",
                       "*_Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*", "Containerfile-*",
                       "*.Containerfile", "dockerfile")
NOT_DOCKERFILES = (".md", ".txt", ".rst", ".py", ".sh", ".json", ".yml", ".yaml", ".toml", ".j2", ".tmpl",
                   ".template", ".tpl", ".in", ".orig", ".bak", ".swp", ".dockerignore", ".html", ".go", ".rs")
IGNORE_PATTERNS = (".dockerignore", "*.dockerignore", ".containerignore")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".venv",
                       "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"})
MAX_BYTES = 10 * 1024 * 1024


class FileProblem(Exception):
    """A file we cannot lint, with a one-line reason."""


def is_dockerfile_name(name: str) -> bool:
    if name.lower().endswith(NOT_DOCKERFILES):  # `Dockerfile.md`, `Dockerfile.j2` templates …
        return False
    return any(fnmatch.fnmatchcase(name, p) for p in DOCKERFILE_PATTERNS)


def is_ignore_name(name: str) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in IGNORE_PATTERNS)


def is_lintable_name(name: str) -> bool:
    return is_dockerfile_name(name) or is_ignore_name(name)


def discover(root: Path) -> list[Path]:
    """Dockerfiles and ignore files under `root`, skipping VCS folders, dependencies and venvs."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                             and not os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg")))
        for name in sorted(filenames):
            if is_lintable_name(name):
                found.append(Path(dirpath) / name)
    return found


@dataclass
class Loaded:
    path: str
    text: str
    had_bom: bool
    invalid_utf8: bool


def load(path: str) -> Loaded:
    # One open, fstat and read on the descriptor: the common case costs three system calls.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return _load_by_path(path)  # cannot open it: the path checks below say why
    try:
        st = os.fstat(fd)
        _check_stat(st)
        data = _read_all(fd, st.st_size)
    except OSError as e:
        raise FileProblem(f"cannot read: {e.strerror}") from None
    finally:
        os.close(fd)
    return _decoded(path, data)


def _read_all(fd: int, size: int) -> bytes:
    """Everything up to the end (one read for a regular file: `size` is its stat size)."""
    chunks = []
    while chunk := os.read(fd, max(size + 1, 4096)):
        chunks.append(chunk)
    return b"".join(chunks)


def _load_by_path(path: str) -> Loaded:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise FileProblem("no such file") from None
    except OSError as e:
        raise FileProblem(f"cannot read: {e.strerror}") from None
    _check_stat(st)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise FileProblem(f"cannot read: {e.strerror}") from None
    return _decoded(path, data)


def _check_stat(st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise FileProblem("is a directory")
    if st.st_size > MAX_BYTES:
        raise FileProblem(f"skipped: larger than {MAX_BYTES // (1024 * 1024)} MB ({st.st_size} bytes)")


def _decoded(path: str, data: bytes) -> Loaded:
    dec = decode(data)
    if dec.binary:
        raise FileProblem("skipped: binary file (contains NUL bytes)")
    return Loaded(path, dec.text, dec.had_bom, dec.invalid_utf8)


def write_atomic(path: str, text: str, project_root: str | None = None) -> None:
    """Replace a file's content atomically, keeping its permissions. Writes through a symlink
    only when its target stays inside `project_root` (default: the current directory)."""
    target = os.path.realpath(path)
    root = os.path.realpath(project_root or os.getcwd())
    if os.path.islink(path) and os.path.commonpath([target, root]) != root:
        raise FileProblem(f"not written: it is a symlink to {target}, outside {root}")
    mode = stat.S_IMODE(os.stat(target).st_mode)
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=".dockwise-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
