#!/usr/bin/env python3
"""Lint the whole shared corpus with dockwise and with peers, side by side, in one run.

Each tool gets one invocation over all files (what a user or CI would do); times are wall
clock, best of N runs. Peers that are not installed are reported as such, not guessed.

dockwise's byte code is compiled first, as `pip install` does for every installed package: an
editable install under PYTHONDONTWRITEBYTECODE=1 (set on this machine) would otherwise compile
all ~200 modules again in every run (~70 ms), which no installed copy ever does.

    python benchmarks/corpus_speed.py [--runs 3] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def corpus_files(corpus: Path) -> list[str]:
    from shared_data import corpus_dockerfiles
    return [str(p) for p in corpus_dockerfiles()]


def timed(cmd: list[str], runs: int, env=None) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="dockwise --jobs (0: all cores)")
    args = ap.parse_args()
    files = corpus_files(ROOT.parent / "shared" / "corpus")
    n = len(files)
    rows = []
    env = dict(os.environ, NO_COLOR="1")
    import dockwise
    subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(dockwise.__file__)], check=True)
    dw = timed([sys.executable, "-m", "dockwise", "check", "--exit-zero", "--quiet", f"--jobs={args.jobs}", *files], args.runs, env)
    rows.append(("dockwise (default rules)", dw))
    dw1 = timed([sys.executable, "-m", "dockwise", "check", "--exit-zero", "--quiet", "--jobs=1", *files], args.runs, env)
    rows.append(("dockwise --jobs=1", dw1))
    single = timed([sys.executable, "-m", "dockwise", "check", "--exit-zero", "--quiet", files[0]], args.runs, env)
    peers = {
        "hadolint": ["hadolint", "--no-fail", *files],
        "tally": ["tally", "lint", "--slow-checks", "off", *files],  # offline: no registry look-ups
        "dockerfile-doctor": ["dockerfile-doctor", *files],
    }
    for name, cmd in peers.items():
        if shutil.which(cmd[0]) is None:
            rows.append((f"{name} (not installed)", None))
            continue
        rows.append((name, timed(cmd, 1 if name == "hadolint" else args.runs)))
    print(f"{n} files, best of {args.runs} runs (hadolint: 1 run)\n")
    print(f"{'tool':32s} {'total s':>9s} {'ms/file':>9s} {'vs dockwise':>12s}")
    for name, t in rows:
        if t is None:
            print(f"{name:32s} {'-':>9s}")
            continue
        print(f"{name:32s} {t:9.2f} {t / n * 1000:9.2f} {t / dw:11.1f}x")
    print(f"\ndockwise on one file, process start included: {single * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
