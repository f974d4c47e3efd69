"""dockwise's matcher must agree with Docker's own on every shared conformance case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dockwise.ignorefile import parse_ignore_file

CASES = Path(__file__).resolve().parents[2].parent / "shared" / "dockerignore-conformance" / "cases.jsonl"


def _cases():
    if not CASES.is_file():  # the shared data is part of the test set-up: missing data must fail
        raise RuntimeError(f"shared conformance data missing: {CASES}")
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_case_count():
    assert len(_cases()) == 400


@pytest.mark.parametrize("case", _cases(), ids=lambda c: repr(c["dockerignore"])[:60])
def test_agrees_with_docker(case):
    f = parse_ignore_file(case["dockerignore"])
    assert (not f.is_valid) == case["error"], f.errors
    if case["error"]:
        return
    got = {}
    for path in case["paths"]:
        v = f.verdict(path)
        got[path] = "error" if v.error else v.excluded
    assert got == case["paths"]
