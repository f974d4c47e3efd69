"""`--format json`: one object per finding, stable keys, 1-based lines and columns."""

from __future__ import annotations

import json

from ..engine.diagnostic import Diagnostic


def diagnostic_dict(d: Diagnostic) -> dict:
    out = {
        "path": d.path, "code": d.code, "name": d.name, "severity": d.severity.label,
        "message": d.message,
        "line": d.line + 1, "column": d.column + 1, "end_line": d.end_line + 1, "end_column": d.end_column + 1,
        "url": d.url, "fix": None,
    }
    if d.fix is not None:
        out["fix"] = {"title": d.fix.title, "applicability": d.fix.applicability.value,
                      "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in d.fix.edits]}
    return out


def render(reports, **_) -> str:
    items = []
    for r in reports:
        if r.problem:
            items.append({"path": r.path, "code": "E902", "severity": "error", "message": r.problem,
                          "line": 1, "column": 1, "end_line": 1, "end_column": 1, "name": "io-error",
                          "url": "", "fix": None})
        items.extend(diagnostic_dict(d) for d in r.diagnostics)
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
