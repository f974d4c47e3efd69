"""Every input the fuzzers crashed on stays here as a regression test (tests/trust/fuzz_crashes/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockwise.config import Config
from dockwise.engine.check import run
from dockwise.engine.fixer import fix_text

CRASHES = Path(__file__).parent / "fuzz_crashes"
ALL = Config(select=["ALL"], preview=True)


@pytest.mark.parametrize("path", sorted(CRASHES.iterdir()), ids=lambda p: p.name)
def test_former_crash_is_handled(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    result = run(text, "Dockerfile", ALL)
    assert not result.crashed
    fix_text(text, "Dockerfile", ALL, unsafe=True)


def test_run_of_only_an_export_after_another_run():
    """Found by atheris: a RUN whose script has no command (only `export`) broke DL3059."""
    result = run("FROM alpine:3.20\nRUN echo a\nRUN export A=1 # note\nRUN echo b\n", "Dockerfile", ALL)
    assert not result.crashed


def test_chmod_of_a_variable_before_the_first_from():
    """Found by atheris: `chmod 777 "$dir"` in a RUN before any FROM (no stage) broke DW215."""
    result = run('RUN chmod 777 "$tempDir"\nFROM alpine:3.20\n', "Dockerfile", ALL)
    assert not result.crashed
