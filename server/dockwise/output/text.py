"""Human output like ruff's: `path:line:col: CODE message`, a code frame, and fix hints."""

from __future__ import annotations

import os
import sys

from ..engine.diagnostic import Applicability, Severity
from ..source import Source

COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36", Severity.STYLE: "35"}


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _c(code: str, s: str, on: bool) -> str:
    return f"\x1b[{code}m{s}\x1b[0m" if on else s


def fix_mark(d) -> str:
    """` [*]` for a fix `--fix` applies, ` [unsafe fix]` for one that needs `--unsafe-fixes`."""
    if d.fix is None or not (d.fix.edits or d.fix.other_files):
        return ""
    return {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}.get(d.fix.applicability, "")


def _head(path: str, d, colour: bool) -> str:
    """`path:line:col: CODE [*] severity: message`, the severity coloured on a terminal."""
    severity = _c(COLOURS[d.severity], d.severity.label, colour)
    return (f"{_c('1', path, colour)}:{d.line + 1}:{d.column + 1}: "
            f"{_c(COLOURS[d.severity] + ';1', d.code, colour)}{fix_mark(d)} {severity}: {d.message}")


def render(reports, *, colour: bool = False, quiet: bool = False, show_fixes: bool = True, **_) -> str:
    out = []
    for r in reports:
        if r.problem:
            out.append(f"{_c('1', r.path, colour)}: {r.problem}")
            continue
        src = Source(r.text) if r.diagnostics and not quiet else None
        for d in r.diagnostics:
            out.append(_head(r.path, d, colour))
            if quiet or src is None:
                continue
            line_text = src.line_text(d.line).expandtabs(1)
            gutter = str(d.line + 1)
            pad = " " * len(gutter)
            width = (d.end_column - d.column) if d.end_line == d.line else len(line_text) - d.column
            out.append(f"{pad} |")
            out.append(f"{gutter} | {line_text}")
            out.append(f"{pad} | {' ' * d.column}{_c(COLOURS[d.severity], '^' * max(1, width), colour)}")
            if d.fix is not None and show_fixes:
                kind = {Applicability.SAFE: "fix", Applicability.UNSAFE: "unsafe fix",
                        Applicability.SUGGESTION: "suggestion"}[d.fix.applicability]
                out.append(f"{pad} = {kind}: {d.fix.title}")
                for alt in d.alternatives:  # picked with --prefer-fix KIND
                    out.append(f"{pad} = or (--prefer-fix {alt.kind}): {alt.title}")
            out.append("")
    return "\n".join(out) + ("\n" if out else "")
