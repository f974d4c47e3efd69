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


# --- judged fixes (`fix-verdicts.tsv`): a fix judged right is still offered on its finding, one
# judged wrong and mended (`fixed`) is not offered there again; `none` judges a finding left
# without a fix (right: it still is) ---------------------------------------------------------------

def fix_verdicts() -> dict[tuple[str, int, str, str], tuple[str, str]]:
    return precision.read_fix_verdicts()


@pytest.fixture(scope="module")
def offered() -> dict[tuple[str, int, str], set[str]]:
    judged = fix_verdicts()
    files = sorted({file for file, _, _, _ in judged})
    codes = sorted({code for _, _, code, _ in judged})
    found = precision.run_dockwise([SHARED / f for f in files], timeout=600,
                                   options=("--preview", "--select", ",".join(codes)))
    out: dict[tuple[str, int, str], set[str]] = {}
    for f in found:
        out.setdefault(precision.key_of(f), set()).update(precision.fixes_offered(f))
    return out


def test_the_fix_verdict_file_is_well_formed():
    with open(precision.FIX_VERDICTS, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    keys = [(r["file"], r["line"], r["code"], r["fix"]) for r in rows]
    assert len(keys) == len(set(keys)), "a fix is judged twice"
    from dockwise.engine.diagnostic import FIX_KINDS
    for r in rows:
        assert r["verdict"] in precision.VERDICT_KINDS and r["reason"].strip(), r
        assert r["fix"] in ("own", "none") or r["fix"] in FIX_KINDS, r
        assert (SHARED / r["file"]).is_file(), r


def _still_so(key: tuple[str, int, str, str], offered) -> bool:
    fixes = offered.get(key[:3])
    if key[3] == "none":
        return fixes is not None and not fixes  # still found, still without a fix
    return fixes is not None and key[3] in fixes


def test_fixes_judged_right_are_still_offered(offered):
    lost = [(k, reason) for k, (verdict, reason) in fix_verdicts().items()
            if verdict == "right" and not _still_so(k, offered)]
    assert not lost, f"{len(lost)} fixes judged right are no longer offered, e.g. {lost[:5]}"


def test_fixes_judged_wrong_are_not_offered_again(offered):
    back = [(k, reason) for k, (verdict, reason) in fix_verdicts().items()
            if verdict == "fixed" and k[3] != "none" and k[3] in offered.get(k[:3], set())]
    assert not back, f"{len(back)} fixes judged wrong are offered again, e.g. {back[:5]}"
