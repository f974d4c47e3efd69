"""Bounded coverage-guided fuzzing (atheris) of the parser, rules, fixer and ignore matcher.

The longer runs behind the numbers in the release notes use the same harness:
`python fuzz/fuzz_targets.py check -max_total_time=600 <seed dir>`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
import atheris  # noqa: F401,E402 - a test dependency: fail loudly when missing


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_targets.py"), "--seed", str(out)], check=True)
    assert len(list(out.iterdir())) > 800
    return out


@pytest.mark.parametrize("target,runs", [("parse", 1500), ("check", 400), ("fix", 200), ("ignore", 3000),
                                         ("structured", 150)])
def test_fuzz_target_finds_no_crash(seeds, tmp_path, target, runs):
    r = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_targets.py"), target, f"-runs={runs}",
                        "-max_total_time=60", "-timeout=30", "-rss_limit_mb=1500",
                        f"-artifact_prefix={tmp_path}/", str(seeds)],
                       capture_output=True, text=True, timeout=300)
    tail = r.stderr[-3000:]
    assert r.returncode == 0, tail
    assert "Done" in tail, tail
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*")) \
        and not list(tmp_path.glob("oom-*")), tail
