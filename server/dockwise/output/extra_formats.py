"""CI report formats: SARIF 2.1.0, GitHub workflow commands, GitLab Code Quality, Checkstyle, JUnit."""

from __future__ import annotations

import hashlib
import json
import os
import re
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..engine.diagnostic import Diagnostic, Severity
from ..engine.registry import all_rules
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


def render_sarif(reports, **_) -> str:
    rules = all_rules()
    used = sorted({d.code for r in reports for d in r.diagnostics})
    index = {code: i for i, code in enumerate(used)}
    rule_objs = []
    for code in used:
        rule = rules.get(code)
        if rule is None:  # e.g. ShellCheck codes
            rule_objs.append({"id": code, "helpUri": f"https://www.shellcheck.net/wiki/{code}"})
            continue
        rule_objs.append({
            "id": code, "name": rule.name,
            "shortDescription": {"text": rule.message or rule.summary()},
            "fullDescription": {"text": rule.summary()},
            "helpUri": rule.url(),
            "help": {"text": rule.docs(), "markdown": rule.docs()},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            "properties": {"tags": [rule.category.value] + ([rule.buildkit_name] if rule.buildkit_name else [])},
        })
    results = []
    notifications = []
    for r in reports:
        if r.problem:
            notifications.append({"level": "error", "message": {"text": f"{r.path}: {r.problem}"},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]})
            continue
        seen: dict = {}
        source = Source(r.text)
        for d in r.diagnostics:
            res = {
                "ruleId": d.code, "ruleIndex": index[d.code], "level": SARIF_LEVEL[d.severity],
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
            if d.fix is not None and d.fix.edits:
                res["fixes"] = [{"description": {"text": f"{d.fix.title} ({d.fix.applicability.value})"},
                                 "artifactChanges": [{"artifactLocation": {"uri": _uri(d.path)}, "replacements": [
                                     {"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                      "insertedContent": {"text": e.text}} for e in d.fix.edits]}]}]
            results.append(res)
    run = {
        "tool": {"driver": {"name": "dockwise", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": rule_objs}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"


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
