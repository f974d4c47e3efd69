"""No test asserts on wall-clock time: a shared machine is 5-10x slower when loaded, so such a
test fails for no fault of the code. Tests bound work done (calls, sizes, growth ratios);
seconds are reported by the scripts in benchmarks/."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CLOCKS = {"time", "perf_counter", "monotonic", "perf_counter_ns", "monotonic_ns", "time_ns"}


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            f = sub.func
            if isinstance(f, ast.Attribute) and f.attr in CLOCKS and isinstance(f.value, ast.Name) \
                    and f.value.id == "time":
                return True
        if isinstance(sub, ast.Name) and sub.id in timed:
            return True
    return False


def wall_clock_asserts(source: str) -> list[int]:
    """Lines of asserts on a clock reading or on a name computed from one."""
    tree = ast.parse(source)
    timed: set[str] = set()
    for _ in range(3):  # names computed from names computed from a clock
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and _reads_clock(node.value, timed):
                timed |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Assert) and _reads_clock(node.test, timed)]


def test_the_detector_catches_the_shapes_that_flaked():
    assert wall_clock_asserts("import time\nt = time.perf_counter()\nwork()\n"
                              "elapsed = time.perf_counter() - t\nassert elapsed < 5.0\n") == [5]
    assert wall_clock_asserts("import time\nstarted = time.monotonic()\nassert time.monotonic() - started < 3\n") == [3]
    assert wall_clock_asserts("import time\nt = time.perf_counter()\nassert calls == 4\n") == []


def test_no_test_asserts_wall_clock_seconds():
    found = {str(p.relative_to(TESTS)): lines for p in sorted(TESTS.rglob("*.py"))
             if (lines := wall_clock_asserts(p.read_text(encoding="utf-8")))}
    assert found == {}
