"""CI report formats: SARIF validates against the 2.1.0 schema; the others parse and carry findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from shared_data import SHARED

NAIVE = "FROM python:3.12\nRUN pip install flask\n# dockwise: ignore=DL3O42\nRUN echo\n"


def run(tmp_path, fmt, text=NAIVE, select="DL3042,DW491"):
    (tmp_path / "Dockerfile").write_text(text)
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", select, "--format", fmt, "Dockerfile"],
                       cwd=tmp_path, capture_output=True, env=dict(os.environ, NO_COLOR="1"), timeout=60)
    assert r.returncode == 1, r.stderr
    return r.stdout.decode()


@pytest.fixture(scope="module")
def sarif_schema():
    return json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text())


def test_sarif_validates_and_carries_rules_fixes_fingerprints(tmp_path, sarif_schema):
    doc = json.loads(run(tmp_path, "sarif"))
    jsonschema.validate(doc, sarif_schema)
    run0 = doc["runs"][0]
    rules = {r["id"]: r for r in run0["tool"]["driver"]["rules"]}
    assert {"DL3042", "DW491"} <= set(rules)
    assert rules["DL3042"]["helpUri"].startswith("https://")
    res = next(r for r in run0["results"] if r["ruleId"] == "DL3042")
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "Dockerfile"
    assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == " --no-cache-dir"
    assert res["partialFingerprints"]["dockwise/v1"]


def test_sarif_fingerprint_survives_moving_lines(tmp_path):
    first = json.loads(run(tmp_path, "sarif"))["runs"][0]["results"][0]["partialFingerprints"]
    moved = json.loads(run(tmp_path, "sarif", "\n\n" + NAIVE))["runs"][0]["results"][0]["partialFingerprints"]
    assert first == moved


def test_sarif_of_a_missing_file_still_validates(tmp_path, sarif_schema):
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "sarif", "nope/Dockerfile"],
                       cwd=tmp_path, capture_output=True, timeout=60)
    jsonschema.validate(json.loads(r.stdout), sarif_schema)
    assert r.returncode == 2  # a missing path is a usage error, and the report is still written


def test_github_annotations(tmp_path):
    out = run(tmp_path, "github")
    assert "::warning file=Dockerfile,line=2,col=5,endLine=2,endColumn=22,title=DL3042 pip-install-without-no-cache-dir::" in out


def test_gitlab_code_quality(tmp_path):
    items = json.loads(run(tmp_path, "gitlab"))
    item = next(i for i in items if i["check_name"] == "DL3042")
    assert item["location"] == {"path": "Dockerfile", "lines": {"begin": 2, "end": 2}}
    assert item["severity"] in ("info", "minor", "major", "critical", "blocker") and len(item["fingerprint"]) >= 16
    assert len({i["fingerprint"] for i in items}) == len(items)


def test_checkstyle(tmp_path):
    root = ET.fromstring(run(tmp_path, "checkstyle"))
    errors = root.findall("./file/error")
    assert {e.get("source") for e in errors} == {"dockwise.DL3042", "dockwise.DW491"}
    assert root.find("./file").get("name") == "Dockerfile"


def test_junit(tmp_path):
    root = ET.fromstring(run(tmp_path, "junit"))
    case = root.find("./testsuite/testcase")
    assert case.get("name") == "Dockerfile" and case.find("failure") is not None
    assert "DL3042" in case.find("failure").text


def test_every_format_name_has_a_renderer():
    from dockwise.output import extra_formats, format_names, formatter
    assert set(format_names()) == {"text", "json"} | set(extra_formats.FORMATS)
    assert all(formatter(n) is not None for n in format_names())


def test_sarif_streamed_over_several_files_indexes_its_rules(tmp_path, sarif_schema):
    """Written file by file: each result's ruleIndex names its own rule, whatever file used it first."""
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "Dockerfile").write_text("FROM python:3.12\nRUN pip install flask\n")
    (tmp_path / "worker").mkdir()
    (tmp_path / "worker" / "Dockerfile").write_text(
        "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nRUN pip install celery\n")
    r = subprocess.run([sys.executable, "-m", "dockwise", "check", "--format", "sarif", "--jobs", "1", "."],
                       cwd=tmp_path, capture_output=True, timeout=120)
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, sarif_schema)
    run0 = doc["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules)
    files = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run0["results"]}
    assert files == {"api/Dockerfile", "worker/Dockerfile"}
    for res in run0["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert {"DL3042", "DL3009"} <= {res["ruleId"] for res in run0["results"]}
