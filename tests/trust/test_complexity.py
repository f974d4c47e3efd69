"""Every adversarial family (fuzz/generators.py) costs time linear in its size and bounded memory.

For each family: inputs of size n and 4n, checked in this process (parse, all default rules,
the JSON report; the fixer too where a family has fixes; ignore files are also matched against
a context's paths). The CPU time of 4n, best of three, must stay under 6 times that of n (a
quadratic step gives 16), and the traced memory peak under a fixed bound. Absolute times are
in benchmarks/pathological.py, never asserted here.
"""

from __future__ import annotations

import gc
import io
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from dockwise.runner import collections_per_file as _collections_per_file
from dockwise.config import Config
from dockwise.engine.check import run
from dockwise.engine.fixer import fix_text
from dockwise.ignorefile import parse_ignore_file
from dockwise.output import FileReport
from dockwise.output.json_format import JsonWriter

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))
from generators import CONTEXT_PATHS, FAMILIES  # noqa: E402

MAX_RATIO = 6
PEAK_MB = 150

# family -> (n, whether the fixer runs too); sizes chosen so that n takes tens of milliseconds
SIZES = {
    "consecutive_runs": (300, True),
    "doubling_args": (40, False),
    "heredoc_chain": (1000, True),
    "and_chain": (1000, True),
    "chained_stages": (800, True),
    "nested_defaults": (500, False),
    "nested_substitutions": (100, False),
    "repeated_doublestar": (200, False),
    "many_ignore_patterns": (1000, False),
    "findings_everywhere": (100, True),
    "env_lines": (1000, False),
    "long_line": (1000, False),
    "unterminated_heredoc": (1000, False),
    "copy_from_stages": (300, False),
}


def work(family: str, n: int, with_fix: bool) -> None:
    name, text = FAMILIES[family](n)
    result = run(text, name, Config())
    assert not result.crashed, result.crashed
    JsonWriter(io.StringIO()).add(FileReport(name, text, result.diagnostics))
    if name == ".dockerignore":
        ignore = parse_ignore_file(text)
        for path in CONTEXT_PATHS:
            ignore.verdict(path)
    if with_fix:
        fix_text(text, name, Config(), unsafe=True)


def cpu_seconds(family: str, n: int, with_fix: bool) -> float:
    """Best of three, with the garbage collector set as the CLI sets it (the default collects
    the whole heap ever more often as a big model grows: a cost of the process, not of dockwise)."""
    best = float("inf")
    with _collections_per_file():
        for _ in range(3):
            gc.collect()
            t = time.process_time()
            work(family, n, with_fix)
            best = min(best, time.process_time() - t)
    return best


def test_every_family_is_measured():
    assert set(SIZES) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(SIZES))
def test_time_grows_linearly_and_memory_stays_bounded(family):
    n, with_fix = SIZES[family]
    work(family, n, with_fix)  # imports and first-use tables out of the measurement
    small = cpu_seconds(family, n, with_fix)
    large = cpu_seconds(family, 4 * n, with_fix)
    # a floor of 50 ms for the small size: below it, the ratio measures timer noise
    assert large / max(small, 0.05) < MAX_RATIO, f"{family}: n={n} {small:.3f}s, 4n={4 * n} {large:.3f}s"
    tracemalloc.start()
    try:
        work(family, 4 * n, with_fix)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert peak < PEAK_MB, f"{family}: {peak:.0f} MB at n={4 * n}"


class _Counting:
    """A report destination that keeps only the number of characters written to it."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, text: str) -> None:
        self.size += len(text)


def _writer(fmt: str):
    if fmt == "sarif":
        from dockwise.output.extra_formats import SarifWriter
        return SarifWriter
    return JsonWriter


def _write_report(fmt: str, report: FileReport) -> int:
    sink = _Counting()
    writer = _writer(fmt)(sink)
    writer.add(report)
    writer.close()
    return sink.size


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_reports_grow_linearly_with_findings_and_stream(fmt):
    """n and 4n consecutive RUNs (a finding with a fix on each): the report's size and the time to
    write it grow with the number of findings, and writing holds no more than one finding's
    output at a time (the report goes out as it is made, however big it gets)."""
    n = 2000
    reports = {}
    for size in (n, 4 * n):
        name, text = FAMILIES["consecutive_runs"](size)
        diagnostics = run(text, name, Config()).diagnostics
        assert len(diagnostics) >= size - 1
        reports[size] = FileReport(name, text, diagnostics)
    sizes = {size: _write_report(fmt, report) for size, report in reports.items()}
    assert 3.5 < sizes[4 * n] / sizes[n] < 4.5, sizes

    def cpu(size: int) -> float:
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            _write_report(fmt, reports[size])
            best = min(best, time.process_time() - t)
        return best

    small, large = cpu(n), cpu(4 * n)
    assert large / max(small, 0.05) < MAX_RATIO, f"{fmt}: {n} findings {small:.3f}s, {4 * n}: {large:.3f}s"
    tracemalloc.start()
    try:
        _write_report(fmt, reports[4 * n])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sizes[4 * n] > 3 * 2**20 and peak < 2**20, f"{fmt}: peak {peak} bytes for a {sizes[4 * n]}-character report"
