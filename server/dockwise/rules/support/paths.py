"""Paths in the image as instructions and commands name them."""

from __future__ import annotations

import posixpath

# What makes a path's value known only while building: a variable, a command, a glob, braces, a home.
_UNKNOWN = frozenset("$`*?[{~")


def within(path: str, parent: str) -> bool:
    """`path` is `parent` or below it."""
    return path == parent or path.startswith(parent.rstrip("/") + "/")


def absolute(path: str, cwd: str | None) -> str | None:
    """The absolute, normalised path `path` names from the working folder `cwd`; None when it
    cannot be known here (a variable, a glob, a relative path with no known working folder)."""
    if not path or any(c in _UNKNOWN for c in path):
        return None
    if not path.startswith("/"):
        if cwd is None:
            return None
        path = posixpath.join(cwd, path)
    return posixpath.normpath(path)
