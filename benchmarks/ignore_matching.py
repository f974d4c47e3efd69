"""Time Docker-exact `.dockerignore` matching: 200,000 verdicts against 50 patterns.

    python benchmarks/ignore_matching.py [--paths N]

The test suite holds the work done (one combined regex call per path component,
tests/ignorefile/test_quirks.py); this script reports the seconds.
"""

from __future__ import annotations

import argparse
import time

from dockwise.ignorefile import parse_ignore_file

PATTERNS = [f"dir{i}/**/*.tmp" for i in range(20)] + [f"*.ext{i}" for i in range(20)] + [
    "node_modules", "**/__pycache__", "!keep/**", ".git", "**/*.pyc", "dist", "build",
    "!build/keep.txt", "*.log", ".env"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paths", type=int, default=200_000)
    n = ap.parse_args().paths
    f = parse_ignore_file("\n".join(PATTERNS))
    paths = [f"src/pkg{i % 300}/mod{i % 17}/file{i}.py" for i in range(n)]
    f.verdict(paths[0])
    t = time.perf_counter()
    for p in paths:
        f.verdict(p)
    elapsed = time.perf_counter() - t
    print(f"{n} verdicts, {len(f.patterns)} patterns: {elapsed:.2f} s ({elapsed / n * 1e6:.1f} µs each)")


if __name__ == "__main__":
    main()
