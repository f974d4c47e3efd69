"""Cost of the `.dockerignore` fix guard on a large build context.

    python benchmarks/ignore_fix_guard.py [--dirs N]

Builds a context with N source packages (60 files and a `__pycache__` of 20 each), a
20,000-file `node_modules`, `.git` and a `.env` with a secret, then times DW522/DW523/DW524
(each fix computes the exact files it would exclude and judges them), next to the walk they
share. Prints process CPU seconds, not wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time

from dockwise.buildcontext import load_context
from dockwise.config import Config
from dockwise.engine.check import check


def make_context(root: str, dirs: int) -> None:
    for i in range(dirs):
        pkg = os.path.join(root, "src", f"pkg{i}")
        os.makedirs(os.path.join(pkg, "__pycache__"))
        for j in range(60):
            open(os.path.join(pkg, f"m{j}.py"), "w").close()
        for j in range(20):
            open(os.path.join(pkg, "__pycache__", f"m{j}.cpython-312.pyc"), "w").close()
    os.makedirs(os.path.join(root, "node_modules", "a"))
    for j in range(20_000):
        open(os.path.join(root, "node_modules", "a", f"f{j}.js"), "w").close()
    os.makedirs(os.path.join(root, ".git"))
    open(os.path.join(root, ".git", "HEAD"), "w").close()
    with open(os.path.join(root, ".env"), "w") as fh:
        fh.write("SECRET_KEY=dev-only\n")
    with open(os.path.join(root, "Dockerfile"), "w") as fh:
        fh.write("FROM python:3.12-slim\nCOPY . /app\nRUN pip install /app\n")


def timed(root: str, codes: list[str]) -> tuple[float, float, int]:
    """(CPU seconds to walk the context, CPU seconds of the rules after it, fixes)."""
    view = load_context(root, os.path.join(root, "Dockerfile"))
    text = open(os.path.join(root, "Dockerfile")).read()
    start = time.process_time()
    view.snapshot  # noqa: B018 - the walk every context rule shares
    view.unfiltered  # noqa: B018
    walked = time.process_time()
    found = check(text, os.path.join(root, "Dockerfile"), Config(select=codes), context=view,
                  ignore=view.ignore, ignore_path=view.ignore_path)
    return walked - start, time.process_time() - walked, sum(1 for d in found if d.fix)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dirs", type=int, default=300)
    args = ap.parse_args()
    root = tempfile.mkdtemp(prefix="dockwise-guard-")
    try:
        make_context(root, args.dirs)
        walk, rules, fixes = timed(root, ["DW522", "DW523", "DW524"])
        print(f"files: {sum(len(f) for _, _, f in os.walk(root))}")
        print(f"walk: {walk:.2f} s CPU; DW522/DW523/DW524 with {fixes} guarded fix(es): {rules:.2f} s CPU")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
