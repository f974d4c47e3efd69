"""Infer the build context of every Dockerfile of ../shared/contexts/ (44 real repository trees).

    python benchmarks/context_inference.py [CONTEXTS_DIR]

Prints, per source of the choice (compose, bake, ci, script, evidence, folder, undecided), how
many Dockerfiles got it, then the time to scan each repository's build files once and to
choose every context, and the largest scan.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from dockwise.buildcontext.infer import RepoBuilds
from dockwise.files import discover, is_dockerfile_name
from dockwise.project import ProjectView


def main() -> None:
    base = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "contexts")
    sources: Counter = Counter()
    scan_s = choose_s = 0.0
    slowest = (0.0, "")
    for repo in sorted(p for p in base.iterdir() if p.is_dir()):
        t0 = time.perf_counter()
        RepoBuilds(str(repo))
        took = time.perf_counter() - t0
        scan_s += took
        slowest = max(slowest, (took, repo.name))
        dockerfiles = [p for p in discover(repo) if is_dockerfile_name(p.name)]
        project = ProjectView(stable=True, trees=[repo])
        t0 = time.perf_counter()
        for df in dockerfiles:
            sources[project.context_choice(str(df), None).source] += 1
        choose_s += time.perf_counter() - t0  # includes the project's own scan
    total = sum(sources.values())
    for source, n in sources.most_common():
        print(f"{source:<10} {n:>5}  {100 * n / total:5.1f}%")
    print(f"{'total':<10} {total:>5}")
    print(f"scan of build files, all repositories: {scan_s:.2f} s (slowest {slowest[1]}: {slowest[0]:.2f} s)")
    print(f"scan + choice of every context:        {choose_s:.2f} s ({1000 * choose_s / total:.1f} ms per Dockerfile)")
    print(f"cpu count {os.cpu_count()}")


if __name__ == "__main__":
    main()
