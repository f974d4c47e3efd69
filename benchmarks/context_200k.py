"""Walk + report a synthetic 200,000-file build context.

    python benchmarks/context_200k.py [--files N] [--keep DIR]

Creates nested source dirs, a large node_modules tree and a .git directory in a temp dir,
writes a realistic .dockerignore, then times parse, walk (with and without pruning) and
``context_report`` (which includes the candidate-pattern savings).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time

from dockwise.buildcontext import context_report, walk_context
from dockwise.ignorefile import parse_ignore_file

DOCKERIGNORE = """\
# VCS and tooling
.git
.github
**/__pycache__
**/*.pyc
.venv
.tox
.pytest_cache
node_modules
!node_modules/keep-me/**
*.log
dist
build
coverage
**/*.tmp
docs/**/*.md
!docs/README.md
.env
"""


def make_tree(root: str, total: int) -> None:
    budget = {"node_modules": int(total * 0.45), ".git": int(total * 0.10)}
    budget["src"] = total - sum(budget.values())
    payload = b"x" * 512
    # node_modules/<pkg>/lib/<file>.js
    n = 0
    pkg = 0
    while n < budget["node_modules"]:
        d = os.path.join(root, "node_modules", f"pkg{pkg}", "lib")
        os.makedirs(d)
        for i in range(50):
            with open(os.path.join(d, f"f{i}.js"), "wb") as fh:
                fh.write(payload[: 64 + i])
        n += 50
        pkg += 1
    # .git/objects/<xx>/<hash>
    n = 0
    while n < budget[".git"]:
        d = os.path.join(root, ".git", "objects", f"{n // 100:04x}")
        os.makedirs(d)
        for i in range(100):
            with open(os.path.join(d, f"{i:038x}"), "wb") as fh:
                fh.write(payload[:200])
        n += 100
    # src/pkgA/modB/*.py (+ __pycache__), docs
    n = 0
    a = 0
    while n < budget["src"]:
        d = os.path.join(root, "src", f"pkg{a // 20}", f"mod{a % 20}")
        os.makedirs(os.path.join(d, "__pycache__"))
        for i in range(40):
            with open(os.path.join(d, f"m{i}.py"), "wb") as fh:
                fh.write(payload[: 100 + i * 5])
        for i in range(8):
            with open(os.path.join(d, "__pycache__", f"m{i}.cpython-311.pyc"), "wb") as fh:
                fh.write(payload)
        n += 48
        a += 1
    os.makedirs(os.path.join(root, "docs"), exist_ok=True)
    with open(os.path.join(root, "Dockerfile"), "w") as fh:
        fh.write("FROM python:3.12-slim\nCOPY . /app\n")
    with open(os.path.join(root, ".dockerignore"), "w") as fh:
        fh.write(DOCKERIGNORE)


def count_files(root: str) -> int:
    return sum(len(f) for _, _, f in os.walk(root))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=200_000)
    ap.add_argument("--keep", help="build the tree here and keep it")
    args = ap.parse_args()
    root = args.keep or tempfile.mkdtemp(prefix="dockwise-ctx-")
    try:
        t = time.perf_counter()
        make_tree(root, args.files)
        print(f"created {count_files(root):,} files in {time.perf_counter() - t:.1f}s at {root}")

        t = time.perf_counter()
        ign = parse_ignore_file(DOCKERIGNORE)
        print(f"parse .dockerignore ({len(ign.patterns)} patterns): {1000 * (time.perf_counter() - t):.2f} ms")

        for prune in (True, False):
            t = time.perf_counter()
            snap = walk_context(root, ign, prune=prune)
            dt = time.perf_counter() - t
            print(f"walk prune={prune!s:5}: {dt:.2f}s  sent={snap.file_count:,} files "
                  f"({snap.total_bytes:,} B), ignored entries={len(snap.ignored):,}, pruned dirs={len(snap.pruned)}")

        t = time.perf_counter()
        rep = context_report(root)
        dt = time.perf_counter() - t
        print(f"context_report (walk + top-10 + {len(rep['candidates'])} candidates): {dt:.2f}s  "
              f"sent={rep['files_sent']:,} files, {rep['bytes_sent']:,} B")

        t = time.perf_counter()
        rep0 = context_report(root, ignore=None)
        dt = time.perf_counter() - t
        print(f"context_report without ignore file (all {rep0['files_sent']:,} files): {dt:.2f}s")
        for c in rep0["candidates"][:5]:
            print(f"  candidate {c['pattern']:<16} would save {c['files']:>7,} files {c['bytes']:>12,} B")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
