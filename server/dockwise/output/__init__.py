"""Report formats. Each formatter takes a list of FileReport and returns text."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.diagnostic import Diagnostic


@dataclass
class FileReport:
    path: str
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None      # a file we could not lint: the one-line reason
    fix_problems: list[tuple[str, str]] = field(default_factory=list)  # (code, message): fixes refused by --fix


FORMAT_NAMES = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit")


def formatter(name: str):
    """The renderer for a format name, imported only when asked for (start-up time matters)."""
    if name == "text":
        from .text import render
        return render
    if name == "json":
        from .json_format import render
        return render
    if name in FORMAT_NAMES:
        from .extra_formats import FORMATS
        return FORMATS[name]
    return None


def format_names() -> list[str]:
    return list(FORMAT_NAMES)
