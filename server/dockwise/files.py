"""Files on disk: discovery, safe reading, and atomic writes that keep bytes we did not change."""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .classify import DOCKERFILE, DOCKERIGNORE, classify
from .source import decode

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".venv",
                       "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"})
MAX_BYTES = 10 * 1024 * 1024


class FileProblem(OSError):
    """A file we cannot lint or write, with a one-line reason (an OSError, so that callers
    handling read errors handle these too)."""


def is_dockerfile_name(name: str) -> bool:
    return classify(name) == DOCKERFILE


def is_ignore_name(name: str) -> bool:
    return classify(name) == DOCKERIGNORE


def is_lintable_name(name: str) -> bool:
    return classify(name) is not None


def create_inside(path: str, text: str) -> None:
    """Create a new file (never replacing one) whose real path stays inside the project."""
    check_inside(path)
    with open(path, "x", encoding="utf-8", newline="") as fh:
        fh.write(text)


def discover(root: Path) -> list[Path]:
    """Dockerfiles and ignore files under `root`, skipping VCS folders, dependencies and venvs."""
    return list(walk_lintable(root))


def walk_lintable(root: str | os.PathLike[str]):
    """Each Dockerfile and ignore file under `root` (see `classify`), in sorted order, skipping
    VCS folders, dependencies and virtual environments; links to folders are not followed.
    The CLI's directory walk and the language server's workspace scan."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                             and not os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg")))
        for name in sorted(filenames):
            if classify(name) is not None:
                yield Path(dirpath) / name


@dataclass
class Loaded:
    path: str
    text: str
    had_bom: bool
    invalid_utf8: bool


def load(path: str) -> Loaded:
    return _decoded(path, read_regular(path))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO", "a device" …), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_regular(path: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them. A FIFO, device, socket or folder is
    refused before any read (opened without blocking: opening a FIFO waits for a writer), and
    the cap counts the bytes read, not the size the file claims (a link to /dev/zero says 0)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise _open_problem(path, e) from None
    try:
        st = os.fstat(fd)
        kind = special_kind(st.st_mode)
        if kind == "a directory":
            raise FileProblem("is a directory")
        if kind is not None:
            raise FileProblem(f"skipped: {kind}, not a regular file")
        if st.st_size > limit:
            raise FileProblem(_too_large(limit, st.st_size))
        data = _read_at_most(fd, limit + 1, st.st_size)
        if len(data) > limit:
            raise FileProblem(_too_large(limit, None))
        return data
    except FileProblem:
        raise
    except OSError as e:
        raise FileProblem(f"cannot read: {e.strerror}") from None
    finally:
        os.close(fd)


def _open_problem(path: str, e: OSError) -> FileProblem:
    if isinstance(e, FileNotFoundError):
        return FileProblem("no such file")
    try:  # a socket cannot be opened (ENXIO): say what it is
        kind = special_kind(os.stat(path).st_mode)
    except OSError:
        kind = None
    if kind == "a directory":
        return FileProblem("is a directory")
    if kind is not None:
        return FileProblem(f"skipped: {kind}, not a regular file")
    return FileProblem(f"cannot read: {e.strerror}")


def _too_large(limit: int, size: int | None) -> str:
    return f"skipped: larger than {limit // (1024 * 1024)} MB" + (f" ({size} bytes)" if size is not None else "")


def _read_at_most(fd: int, most: int, size: int) -> bytes:
    """Up to `most` bytes (one read for a regular file whose stat size is right)."""
    chunks, total = [], 0
    while total < most:
        chunk = os.read(fd, min(most - total, max(size + 1, 65536)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _decoded(path: str, data: bytes) -> Loaded:
    dec = decode(data)
    if dec.binary:
        raise FileProblem("skipped: binary file (contains NUL bytes)")
    return Loaded(path, dec.text, dec.had_bom, dec.invalid_utf8)


# -- where dockwise may walk ---------------------------------------------------------------


def refused_walk_root(root: str, project: str | None = None) -> str | None:
    """Why walking `root` (a build context, a workspace folder) is refused, or None. The file
    system root, the home folder and any folder above `project` (the folder being checked) hold
    far more than a build would send: walking them takes minutes and reads private files."""
    real = os.path.realpath(root)
    if real == os.path.realpath(os.sep) or os.path.dirname(real) == real:
        return f"{root}: refusing to walk the file system root"
    home = os.path.expanduser("~")
    if home not in ("~", "") and real == os.path.realpath(home):
        return f"{root}: refusing to walk the home folder"
    if project is not None:
        inside = os.path.realpath(project)
        if inside != real and _is_under(inside, real):
            return f"{root}: refusing to walk a folder above the project {project}"
    return None


def _is_under(path: str, root: str) -> bool:
    """Whether the real path `path` is `root` or inside it (both already resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


# -- writing --------------------------------------------------------------------------------

CONFIG_FILES = (".dockwise.toml", "pyproject.toml")
VCS_MARKERS = (".git", ".hg", ".svn")


def project_root(path: str) -> str:
    """The project a file belongs to: the nearest folder above it (as written, links not
    followed) that holds a dockwise configuration or a VCS root; else the file's own folder.
    Never the current directory merely because dockwise runs there."""
    return marked_project_root(path) or os.path.dirname(os.path.abspath(path))


def nearest_holding(folder: str, names) -> str | None:
    """The nearest folder at or above `folder` (as written, links not followed) holding one of
    `names`, or None."""
    probe = folder
    while True:
        if any(os.path.exists(os.path.join(probe, name)) for name in names):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return None
        probe = parent


def marked_project_root(path: str) -> str | None:
    """The nearest folder above `path` holding a dockwise configuration or a VCS root, or None."""
    probe = os.path.dirname(os.path.abspath(path))
    while True:
        if any(os.path.exists(os.path.join(probe, name)) for name in VCS_MARKERS + CONFIG_FILES[:1]) or \
                _pyproject_configures(os.path.join(probe, "pyproject.toml")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return None
        probe = parent


def _pyproject_configures(path: str) -> bool:
    try:
        return b"[tool.dockwise" in read_regular(path, 1024 * 1024)
    except OSError:
        return False


def check_inside(path: str, root: str | None = None) -> str:
    """The real path to write for `path`, if every component resolved keeps it inside the
    project root (`root`, else `project_root(path)`); FileProblem otherwise."""
    root = project_root(path) if root is None else root
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    if not _is_under(real, real_root):
        raise FileProblem(f"it resolves to {real}, outside the project {real_root}")
    return real


def write_atomic(path: str, text: str, project_root: str | None = None, *, expected: str | None = None) -> None:
    """Replace a file's content atomically, keeping its owner, group and mode, its hard links
    and any edit saved meanwhile:
    - the file's real path must lie inside the project root (see `check_inside`);
    - a file with other hard links is not replaced (that would split it from them);
    - when `expected` is given, the file must still hold that text when it is replaced;
    - the new file gets the old one's owner, group and mode before it takes its place; if the
      owner cannot be kept, the file is not written (setuid/setgid never move to another owner).
    FileProblem (an OSError) with a one-line reason otherwise; the file is then unchanged."""
    target = check_inside(path, project_root)
    st = os.lstat(target)
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem(f"{special_kind(st.st_mode)}, not a regular file")
    if st.st_nlink > 1:
        raise FileProblem(f"it has {st.st_nlink} hard links, which a replaced file would no longer share")
    _unchanged_since_read(target, expected)
    directory = os.path.dirname(target) or "."
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=".dockwise-", dir=directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
                fh.flush()
                _keep_owner_and_mode(fh.fileno(), st)
                os.fsync(fh.fileno())
            _unchanged_since_read(target, expected)  # again, as late as possible
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise


_HELD_SIGNALS = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}


@contextmanager
def _signals_held():
    """Ctrl-C and SIGTERM wait until the file is replaced or its temporary file removed (a few
    milliseconds): a stop never leaves a `.dockwise-XXXX` file or half of a write behind."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _unchanged_since_read(target: str, expected: str | None) -> None:
    if expected is None:
        return
    try:
        now = _decoded(target, read_regular(target)).text
    except FileProblem as e:
        raise FileProblem(f"{e}") from None
    if now != expected:
        raise FileProblem("the file changed since it was read")


def _keep_owner_and_mode(fd: int, st: os.stat_result) -> None:
    if hasattr(os, "fchown"):
        now = os.fstat(fd)
        if (now.st_uid, now.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.fchown(fd, st.st_uid, st.st_gid)
            except PermissionError:
                raise FileProblem("its owner or group could not be kept") from None
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))
