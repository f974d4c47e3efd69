#!/usr/bin/env python3
"""Absolute times and peak memory of dockwise on the adversarial input families
(fuzz/generators.py), each at a few sizes, plus the 100,000-line file of consecutive RUNs
checked by the CLI with `--format json`.

    PYTHONPATH=server python3 benchmarks/pathological.py [--sizes 1000,4000] [--family NAME]

Each measurement runs in its own process (so one slow family cannot hide another's memory),
with a time limit; it prints CPU seconds, peak traced memory (tracemalloc) and the size of
the JSON report.

    PYTHONPATH=server python3 benchmarks/pathological.py --ratios [--family NAME] [--repeat 5]

measures as tests/trust/test_complexity.py does (n and 4n in one process, best of three CPU
seconds each) and prints each family's 4n/n ratio, which the test bounds by 6.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "fuzz"))

from generators import FAMILIES  # noqa: E402

DEFAULT_SIZES = {"doubling_args": (10, 40), "nested_defaults": (1000, 4000), "nested_substitutions": (250, 1000),
                 "repeated_doublestar": (500, 2000), "chained_stages": (2500, 10000)}

ONE = r"""
import json, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from generators import FAMILIES
from dockwise.config import Config
from dockwise.engine.check import run
from dockwise.engine.fixer import fix_text
from dockwise.output import FileReport, formatter
name, text = FAMILIES[sys.argv[2]](int(sys.argv[3]))
tracemalloc.start()
t = time.process_time()
result = run(text, name, Config())
report = formatter("json")([FileReport(name, text, result.diagnostics)])
checked = time.process_time() - t
fixed = fix_text(text, name, Config(), unsafe=True)
total = time.process_time() - t
print(json.dumps({"check": checked, "check+fix": total, "peak_mb": tracemalloc.get_traced_memory()[1] / 2**20,
                  "findings": len(result.diagnostics), "json_mb": len(report) / 2**20}))
"""


def measure(family: str, n: int, limit: float) -> dict:
    try:
        r = subprocess.run([sys.executable, "-c", ONE, str(ROOT / "fuzz"), family, str(n)],
                           capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return {"error": f"over {limit:.0f} s"}
    if r.returncode:
        return {"error": r.stderr.strip().splitlines()[-1] if r.stderr.strip() else f"exit {r.returncode}"}
    return json.loads(r.stdout)


def cli_hundred_thousand_runs(limit: float, fmt: str = "json") -> dict:
    """`dockwise check --format json` (or sarif) on 100,000 consecutive RUNs: wall and CPU time,
    peak RSS. The same as, by hand:

        python3 -c 'import sys; sys.path.insert(0, "fuzz"); from generators import FAMILIES;
                    open("big.Dockerfile", "w").write(FAMILIES["consecutive_runs"](100000)[1])'
        /usr/bin/time -v python3 -m dockwise check --format json --output-file report.json big.Dockerfile
    """
    with tempfile.TemporaryDirectory() as tmp:
        name, text = FAMILIES["consecutive_runs"](100_000)
        Path(tmp, name).write_text(text)
        code = ("import resource, sys\nfrom dockwise.cli import main\nrc = main(sys.argv[1:])\n"
                "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(rc)\n")
        t = time.perf_counter()
        children = os.times()
        try:
            r = subprocess.run([sys.executable, "-c", code, "check", "--format", fmt, "--output-file",
                                "report.json", name], cwd=tmp, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return {"error": f"over {limit:.0f} s"}
        wall = time.perf_counter() - t
        done = os.times()
        cpu = (done.children_user - children.children_user) + (done.children_system - children.children_system)
        rss = next((int(x.split()[1]) / 1024 for x in r.stderr.splitlines() if x.startswith("MAXRSS")), None)
        size = os.path.getsize(Path(tmp, "report.json")) / 2**20 if Path(tmp, "report.json").exists() else None
        return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": rss, "report_mb": size,
                "exit": r.returncode}


def ratios(families, repeat: int) -> None:
    """The complexity test's own measurement, with the numbers it asserts on printed."""
    sys.path.insert(0, str(ROOT / "tests" / "trust"))
    from test_complexity import MAX_RATIO, SIZES, cpu_seconds, work
    for family in families or sorted(SIZES):
        n, with_fix = SIZES[family]
        work(family, n, with_fix)
        for _ in range(repeat):
            small = cpu_seconds(family, n, with_fix)
            large = cpu_seconds(family, 4 * n, with_fix)
            ratio = large / max(small, 0.05)
            print(f"{family:24s} n={n:<6d} {small:6.3f} s  4n={4 * n:<6d} {large:6.3f} s  ratio {ratio:5.2f} "
                  f"(unfloored {large / small if small else float('inf'):5.2f})"
                  f"{'  OVER ' + str(MAX_RATIO) if ratio >= MAX_RATIO else ''}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", help="comma-separated sizes (default: per family)")
    ap.add_argument("--family", action="append", help="only these families")
    ap.add_argument("--limit", type=float, default=120, help="seconds per measurement")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--cli-only", action="store_true", help="only the 100,000-RUN file through the CLI")
    ap.add_argument("--ratios", action="store_true", help="the complexity test's 4n/n CPU-time ratios")
    ap.add_argument("--repeat", type=int, default=1, help="with --ratios: measurements per family")
    args = ap.parse_args()
    if args.ratios:
        ratios(args.family or None, args.repeat)
        return
    if args.cli_only:
        for fmt in ("json", "sarif"):
            print(f"cli: check --format {fmt}, 100,000 consecutive RUNs:", cli_hundred_thousand_runs(args.limit, fmt))
        return
    for family in args.family or FAMILIES:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else DEFAULT_SIZES.get(family, (5000, 20000))
        for n in sizes:
            m = measure(family, n, args.limit)
            if "error" in m:
                print(f"{family:24s} n={n:<7d} {m['error']}", flush=True)
            else:
                print(f"{family:24s} n={n:<7d} check {m['check']:7.2f} s  check+fix {m['check+fix']:7.2f} s  "
                      f"peak {m['peak_mb']:7.1f} MB  findings {m['findings']:7d}  json {m['json_mb']:7.2f} MB",
                      flush=True)
    if not args.skip_cli:
        print("cli: check --format json, 100,000 consecutive RUNs:", cli_hundred_thousand_runs(args.limit))


if __name__ == "__main__":
    main()
