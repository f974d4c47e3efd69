"""CI report formats: SARIF 2.1.0, GitHub workflow commands, GitLab Code Quality, Checkstyle, JUnit."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..engine.diagnostic import Diagnostic, Severity
from ..rules.registry import all_rules
from ..source import Source

INFO_URI = "https://github.com/dockwise/dockwise"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.STYLE: "note"}
GITLAB_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor", Severity.STYLE: "info"}
GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice", Severity.STYLE: "notice"}


def _uri(path: str) -> str:
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    # A file name that is not UTF-8 reaches us with its bytes as lone surrogates (PEP 383):
    # written as %XX, the report stays valid UTF-8 and still names the file.
    return _SURROGATE.sub(lambda m: f"%{ord(m[0]) - 0xDC00:02X}", rel.replace(os.sep, "/"))


_SURROGATE = re.compile("[\udc80-\udcff]")


def fingerprint(d: Diagnostic, source: Source | None, seen: dict) -> str:
    """Stable across unrelated edits: the rule, the file, the finding's line text, and which
    occurrence of that combination it is (so moving lines does not re-open alerts). `source`
    is the file's text, indexed once per file (not once per finding)."""
    line = source.line_text(d.line).strip() if source is not None and source.text else ""
    key = (d.path, d.code, line)
    n = seen.get(key, 0)
    seen[key] = n + 1
    return hashlib.sha256(f"{d.path}\0{d.code}\0{line}\0{n}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _problem_diag(r) -> dict:
    return {"path": r.path, "message": r.problem}


def _rule_object(rules, code: str) -> dict:
    rule = rules.get(code)
    if rule is None:  # e.g. ShellCheck codes
        return {"id": code, "helpUri": f"https://www.shellcheck.net/wiki/{code}"}
    return {
        "id": code, "name": rule.name,
        "shortDescription": {"text": rule.message or rule.summary()},
        "fullDescription": {"text": rule.summary()},
        "helpUri": rule.url(),
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.category.value] + ([rule.buildkit_name] if rule.buildkit_name else [])},
    }


def _result(d: Diagnostic, rule_index: int, source: Source, seen: dict) -> dict:
    res = {
        "ruleId": d.code, "ruleIndex": rule_index, "level": SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.path)},
            "region": {"startLine": d.line + 1, "startColumn": d.column + 1,
                       "endLine": d.end_line + 1, "endColumn": d.end_column + 1,
                       "charOffset": d.start, "charLength": d.end - d.start}}}],
        "partialFingerprints": {"dockwise/v1": fingerprint(d, source, seen)},
    }
    if d.related:
        res["relatedLocations"] = [{"id": k, "message": {"text": rel.message}, "physicalLocation": {
            "artifactLocation": {"uri": _uri(rel.path or d.path)},
            "region": {"charOffset": rel.start, "charLength": rel.end - rel.start}}}
            for k, rel in enumerate(d.related)]
    fixes = [fix for fix in d.fixes if fix.edits]  # the finding's own fix first, then the alternatives
    if fixes:
        res["fixes"] = [{"description": {"text": f"{fix.title} ({fix.applicability.value})"},
                         "artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": [
                             {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                              "insertedContent": {"text": e.text}} for e in fix.edits]}]} for fix in fixes]
    return res


# The C encoder (no `indent`): the indenting one is pure Python, ten times slower.
_encode = json.JSONEncoder(ensure_ascii=False).encode


class SarifWriter:
    """Writes one SARIF 2.1.0 document to `out` as files come: `add(report)` for each, then
    `close()`. Each result is written when its file is added, one per line; the rules they use
    (numbered in order of first use, for `ruleIndex`) and the run's notifications come after
    the results (the order of an object's members does not matter in JSON)."""

    def __init__(self, out) -> None:
        self.out = out
        self.rules = all_rules()
        self.index: dict[str, int] = {}
        self.notifications: list[dict] = []
        self.count = 0
        out.write('{\n  "$schema": ' + _encode(SARIF_SCHEMA) + ',\n  "version": "2.1.0",\n  "runs": [\n    {\n'
                  '      "columnKind": "unicodeCodePoints",\n      "results": [')

    def add(self, report) -> None:
        for code, message in report.fix_problems:  # a fix refused as broken or not converging
            self.notifications.append({
                "level": "warning", "message": {"text": message}, "associatedRule": {"id": code},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(report.path)}}}]})
        if report.problem:
            self.notifications.append({
                "level": "error", "message": {"text": f"{report.path}: {report.problem}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(report.path)}}}]})
            return
        if not report.diagnostics:
            return
        seen: dict = {}
        source = Source(report.text)
        index = self.index
        for d in report.diagnostics:
            k = index.get(d.code)
            if k is None:
                k = index[d.code] = len(index)
            self.out.write(("\n        " if not self.count else ",\n        ")
                           + _encode(_result(d, k, source, seen)))
            self.count += 1

    def close(self) -> None:
        tool = {"driver": {"name": "dockwise", "version": __version__, "semanticVersion": __version__,
                           "informationUri": INFO_URI, "rules": [_rule_object(self.rules, c) for c in self.index]}}
        invocations = [{"executionSuccessful": not any(n["level"] == "error" for n in self.notifications),
                        "toolExecutionNotifications": self.notifications}]
        self.out.write(("\n      ],\n" if self.count else "],\n")
                       + '      "tool": ' + _indented(tool, 6) + ",\n"
                       + '      "invocations": ' + _indented(invocations, 6) + "\n    }\n  ]\n}\n")


def _indented(value, depth: int) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * depth)


def render_sarif(reports, **_) -> str:
    out = io.StringIO()
    writer = SarifWriter(out)
    for r in reports:
        writer.add(r)
    writer.close()
    return out.getvalue()


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render_github(reports, **_) -> str:
    lines = []
    for r in reports:
        if r.problem:
            lines.append(f"::error file={_gh_escape(_uri(r.path), True)}::{_gh_escape(r.problem)}")
            continue
        for d in r.diagnostics:
            props = (f"file={_gh_escape(_uri(d.path), True)},line={d.line + 1},col={d.column + 1},"
                     f"endLine={d.end_line + 1},endColumn={d.end_column + 1},title={_gh_escape(d.code + ' ' + d.name, True)}")
            lines.append(f"::{GITHUB_LEVEL[d.severity]} {props}::{_gh_escape(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def render_gitlab(reports, **_) -> str:
    items = []
    for r in reports:
        seen: dict = {}
        source = Source(r.text)
        if r.problem:
            items.append({"description": r.problem, "check_name": "io-error", "severity": "critical",
                          "fingerprint": hashlib.sha256(f"{r.path}\0{r.problem}".encode()).hexdigest(),
                          "location": {"path": _uri(r.path), "lines": {"begin": 1}}})
        for d in r.diagnostics:
            items.append({
                "description": f"{d.code} {d.message}", "check_name": d.code,
                "fingerprint": fingerprint(d, source, seen), "severity": GITLAB_SEVERITY[d.severity],
                "categories": [_gitlab_category(d.code)],
                "location": {"path": _uri(d.path), "lines": {"begin": d.line + 1, "end": d.end_line + 1}},
            })
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _gitlab_category(code: str) -> str:
    rule = all_rules().get(code)
    if rule is None:
        return "Bug Risk"
    return {"size": "Performance", "cache": "Performance", "security": "Security",
            "correctness": "Bug Risk", "maintainability": "Style"}[rule.category.value]


def render_checkstyle(reports, **_) -> str:
    sev = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info", Severity.STYLE: "info"}
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">']
    for r in reports:
        out.append(f"  <file name={quoteattr(_uri(r.path))}>")
        if r.problem:
            out.append(f'    <error line="1" column="1" severity="error" message={quoteattr(r.problem)} source="dockwise.io-error"/>')
        for d in r.diagnostics:
            out.append(f'    <error line="{d.line + 1}" column="{d.column + 1}" severity="{sev[d.severity]}" '
                       f'message={quoteattr(d.message)} source={quoteattr("dockwise." + d.code)}/>')
        out.append("  </file>")
    out.append("</checkstyle>")
    return "\n".join(out) + "\n"


def render_junit(reports, **_) -> str:
    failures = sum(1 for r in reports if r.diagnostics or r.problem)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="dockwise" tests="{len(reports)}" failures="{failures}">',
           f'  <testsuite name="dockwise" tests="{len(reports)}" failures="{failures}" errors="0">']
    for r in reports:
        out.append(f'    <testcase name={quoteattr(_uri(r.path))} classname="dockwise">')
        if r.problem:
            out.append(f'      <failure message={quoteattr(r.problem)} type="io-error"/>')
        elif r.diagnostics:
            body = "\n".join(f"{d.line + 1}:{d.column + 1} {d.code} {d.message}" for d in r.diagnostics)
            out.append(f'      <failure message={quoteattr(f"{len(r.diagnostics)} finding(s)")} type="dockwise">'
                       f"{escape(body)}</failure>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


FORMATS = {
    "sarif": render_sarif,
    "github": render_github,
    "gitlab": render_gitlab,
    "checkstyle": render_checkstyle,
    "junit": render_junit,
}
