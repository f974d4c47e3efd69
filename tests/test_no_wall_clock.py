"""No test asserts on wall-clock seconds: a shared machine is 5-10x slower when loaded, so such
a test fails for no fault of the code. Tests bound work done (calls, sizes) or growth ratios
(the time of size 4n over the time of size n: a load slows both); seconds are reported by the
scripts in benchmarks/."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CLOCKS = {"time", "perf_counter", "monotonic", "perf_counter_ns", "monotonic_ns", "time_ns"}


def _is_ratio(node: ast.AST, timed: set[str]) -> bool:
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) \
        and _reads_clock(node.left, timed) and _reads_clock(node.right, timed)


def _reads_clock(node: ast.AST, timed: set[str]) -> bool:
    """True when `node` holds seconds: a clock reading, or a name computed from one (a ratio of
    two such values is a pure number)."""
    if _is_ratio(node, timed):
        return False
    if isinstance(node, ast.Name):
        return node.id in timed
    if isinstance(node, ast.Call) and _is_clock_call(node):
        return True
    return any(_reads_clock(child, timed) for child in ast.iter_child_nodes(node))


def _is_clock_call(node: ast.Call) -> bool:
    f = node.func
    return isinstance(f, ast.Attribute) and f.attr in CLOCKS and isinstance(f.value, ast.Name) and f.value.id == "time"


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
                              "spent = time.perf_counter() - t\nassert spent < 5.0\n") == [5]
    assert wall_clock_asserts("import time\nstarted = time.monotonic()\nassert time.monotonic() - started < 3\n") == [3]
    assert wall_clock_asserts("import time\nt = time.perf_counter()\nassert calls == 4\n") == []
    # a growth ratio is allowed: a loaded machine slows both sizes alike
    assert wall_clock_asserts("import time\na = time.perf_counter()\nsmall = time.perf_counter() - a\n"
                              "b = time.perf_counter()\nbig = time.perf_counter() - b\n"
                              "ratio = big / small\nassert ratio < 6\nassert big / small < 6\n") == []


def test_no_test_asserts_wall_clock_seconds():
    found = {str(p.relative_to(TESTS)): lines for p in sorted(TESTS.rglob("*.py"))
             if (lines := wall_clock_asserts(p.read_text(encoding="utf-8")))}
    assert found == {}
