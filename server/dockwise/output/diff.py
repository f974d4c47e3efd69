"""`--diff`: unified diffs that `git apply` and `patch -p1` accept, for any text dockwise fixes.

Lines are split on LF only, as git and patch split them: a CR-only file is one long line, and
form feeds or Unicode line separators stay inside their line. A last line without a newline is
followed by git's `\\ No newline at end of file` marker.
"""

from __future__ import annotations

import difflib
import os

NO_NEWLINE = "\\ No newline at end of file\n"


def patch_lines(text: str) -> list[str]:
    """`text` cut after each LF; the last piece may have no LF."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def patch_path(path: str) -> str:
    """The path as a diff header shows it: relative to the working directory (`../` when
    outside it), with `/` separators, as `git apply` and `patch -p1` resolve it from there."""
    try:
        path = os.path.relpath(os.path.abspath(path))
    except ValueError:  # Windows: on another drive
        pass
    return path.replace(os.sep, "/")


def unified_diff(before: str | None, after: str, path: str) -> str:
    """A file's diff from `before` (None: the file does not exist yet) to `after`."""
    shown = patch_path(path)
    old = "/dev/null" if before is None else f"a/{shown}"
    out = []
    for line in difflib.unified_diff(patch_lines(before or ""), patch_lines(after), old, f"b/{shown}"):
        if line.startswith(("---", "+++")):
            line = line.rstrip("\n") + "\n"  # difflib's header ends with a newline already
        out.append(line if line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)
