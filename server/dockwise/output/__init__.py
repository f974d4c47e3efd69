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


def formatter(name: str):
    from . import json_format, text
    table = {"text": text.render, "json": json_format.render}
    try:
        from . import extra_formats
        table.update(extra_formats.FORMATS)
    except ImportError:
        pass
    return table.get(name)


def format_names() -> list[str]:
    names = ["text", "json"]
    try:
        from . import extra_formats
        names += list(extra_formats.FORMATS)
    except ImportError:
        pass
    return names
