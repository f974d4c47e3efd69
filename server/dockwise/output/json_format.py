"""`--format json`: one object per finding, stable keys, 1-based lines and columns.

Written one finding at a time (`JsonWriter`), each object on one line: the report streams per
file, and its size and time grow with the number of findings, nothing else.
"""

from __future__ import annotations

import io
import json

from ..engine.diagnostic import Diagnostic

# The C encoder (json.dumps without `indent`): the indenting one is pure Python, ten times slower.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def diagnostic_dict(d: Diagnostic) -> dict:
    out = {
        "path": d.path, "code": d.code, "name": d.name, "severity": d.severity.label,
        "message": d.message,
        "line": d.line + 1, "column": d.column + 1, "end_line": d.end_line + 1, "end_column": d.end_column + 1,
        "url": d.url, "fix": None,
    }
    if d.fix is not None:
        out["fix"] = _fix_dict(d.fix)
    if d.alternatives:  # only where offered: most findings have none
        out["alternatives"] = [{"kind": alt.kind, **_fix_dict(alt)} for alt in d.alternatives]
    return out


def _fix_dict(fix) -> dict:
    return {"title": fix.title, "applicability": fix.applicability.value,
            "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in fix.edits]}


def problem_dict(r) -> dict:
    return {"path": r.path, "code": "E902", "severity": "error", "message": r.problem,
            "line": 1, "column": 1, "end_line": 1, "end_column": 1, "name": "io-error",
            "url": "", "fix": None}


class JsonWriter:
    """Writes the report's array to `out` as files come: `add(report)` for each, then `close()`."""

    def __init__(self, out) -> None:
        self.out = out
        self.count = 0
        out.write("[")

    def _item(self, item: dict) -> None:
        self.out.write(("\n  " if not self.count else ",\n  ") + _encode(item))
        self.count += 1

    def add(self, report) -> None:
        if report.problem:
            self._item(problem_dict(report))
        for d in report.diagnostics:
            self._item(diagnostic_dict(d))

    def close(self) -> None:
        self.out.write("\n]\n" if self.count else "]\n")


def render(reports, **_) -> str:
    out = io.StringIO()
    writer = JsonWriter(out)
    for r in reports:
        writer.add(r)
    writer.close()
    return out.getvalue()
