"""The judged precision corpus (`verdicts.tsv`) held as a regression test.

Each verdict names a finding (file under ../shared, line, code) that a reader who knows Docker
judged: `right`, `wrong`, `debatable`, or `fixed` (judged wrong, and no longer made). This
re-runs dockwise on the judged files and fails when a finding judged right disappears or one
judged wrong comes back. `python scripts/precision.py report` prints the numbers per rule.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from shared_data import SHARED

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import precision  # noqa: E402


def verdicts() -> dict[tuple[str, int, str], tuple[str, str]]:
    return precision.read_verdicts()


@pytest.fixture(scope="module")
def findings() -> set[tuple[str, int, str]]:
    files = sorted({file for file, _, _ in verdicts()})
    missing = [f for f in files if not (SHARED / f).is_file()]
    assert not missing, f"judged files missing from ../shared: {missing[:5]}"
    # as `precision.py` lints them: corpus files at their repository's path
    return {precision.key_of(f) for f in precision.run_dockwise([SHARED / f for f in files], timeout=600)}


def test_the_verdict_file_is_well_formed():
    with open(precision.VERDICTS, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows, "no verdicts"
    keys = [(r["file"], r["line"], r["code"]) for r in rows]
    assert len(keys) == len(set(keys)), "a finding is judged twice"
    for r in rows:
        assert r["verdict"] in precision.VERDICT_KINDS, r
        assert r["reason"].strip(), f"a verdict without a reason: {r}"


def test_findings_judged_right_are_still_made(findings):
    lost = [(k, reason) for k, (verdict, reason) in verdicts().items() if verdict == "right" and k not in findings]
    assert not lost, f"{len(lost)} findings judged right are no longer made, e.g. {lost[:5]}"


def test_findings_judged_wrong_do_not_come_back(findings):
    back = [(k, reason) for k, (verdict, reason) in verdicts().items() if verdict == "fixed" and k in findings]
    assert not back, f"{len(back)} findings judged wrong are made again, e.g. {back[:5]}"
