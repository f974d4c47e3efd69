#!/usr/bin/env python3
"""Lint the whole shared corpus with dockwise and with peers, side by side, in one run.

Each tool gets one invocation over all files (what a user or CI would do). For each: wall
clock time and CPU time (user + system of the process and the workers it waited for, from
os.wait4), best of N runs; the tools take turns, one run of each per round, so that a machine
that gets busier part-way affects them all alike. Peers that are not installed are reported as
such, not guessed; they are run from the interpreter's own bin folder when installed there (no
pyenv shim in between). #18's targets, whole corpus: dockwise's CPU below dockerfile-doctor's,
and at least 40x below hadolint's.

dockwise's byte code is compiled first, as `pip install` does for every installed package: an
editable install under PYTHONDONTWRITEBYTECODE=1 (set on this machine) would otherwise compile
all ~200 modules again in every run (~70 ms), which no installed copy ever does.

    python benchmarks/corpus_speed.py [--runs 3] [--jobs 0] [--peers hadolint,tally,dockerfile-doctor] [--compare DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from startup import checkout_env, compile_checkout, executable, measure  # noqa: E402


def corpus_files(corpus: Path) -> list[str]:
    from shared_data import corpus_dockerfiles
    return [str(p) for p in corpus_dockerfiles()]


def best_of(commands: dict[str, list[str]], runs: dict[str, int], envs: dict) -> dict[str, tuple[float, float]]:
    """(best wall, best CPU) per command, seconds; one run of each command per round."""
    best = {name: (float("inf"), float("inf")) for name in commands}
    for round_ in range(max(runs.values())):
        for name, cmd in commands.items():
            if round_ < runs[name]:
                wall, cpu = measure(cmd, envs[name])
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0, help="dockwise --jobs (0: all cores)")
    ap.add_argument("--compare", type=Path, help="another checkout (holding server/) to time beside this one")
    ap.add_argument("--peers", default="hadolint,tally,dockerfile-doctor",
                    help="comma-separated peers to run (tally alone takes ~90 s a run)")
    args = ap.parse_args()
    files = corpus_files(ROOT.parent / "shared" / "corpus")
    n = len(files)
    env = checkout_env()
    compile_checkout(env)
    dockwise = [sys.executable, "-m", "dockwise", "check", "--exit-zero", "--quiet"]
    commands = {
        "dockwise (default rules)": [*dockwise, f"--jobs={args.jobs}", *files],
        "dockwise --jobs=1": [*dockwise, "--jobs=1", *files],
        "dockwise, one file": [*dockwise, files[0]],
    }
    envs = dict.fromkeys(commands, env)
    if args.compare:
        envs["compared checkout --jobs=1"] = checkout_env(args.compare.resolve())
        compile_checkout(envs["compared checkout --jobs=1"], args.compare.resolve())
        commands["compared checkout --jobs=1"] = commands["dockwise --jobs=1"]
    runs = dict.fromkeys(commands, args.runs)
    peers = {
        "hadolint": ["hadolint", "--no-fail", *files],
        "tally": ["tally", "lint", "--slow-checks", "off", *files],  # offline: no registry look-ups
        "dockerfile-doctor": ["dockerfile-doctor", *files],
    }
    missing = []
    for name, cmd in peers.items():
        if name not in args.peers.split(","):
            continue
        exe = executable(cmd[0])
        if exe is None:
            missing.append(name)
            continue
        commands[name] = [exe, *cmd[1:]]
        envs[name] = env
        runs[name] = 1 if name == "hadolint" else args.runs
    best = best_of(commands, runs, envs)
    single = best.pop("dockwise, one file")
    dw_wall, dw_cpu = best["dockwise (default rules)"]
    dw1_cpu = best["dockwise --jobs=1"][1]
    print(f"{n} files, best of {args.runs} runs (hadolint: 1 run)\n")
    print(f"{'tool':28s} {'wall s':>8s} {'ms/file':>8s} {'wall/dw':>8s} {'CPU s':>8s} {'CPU/dw -j1':>11s}")
    for name, (wall, cpu) in best.items():
        print(f"{name:28s} {wall:8.2f} {wall / n * 1000:8.2f} {wall / dw_wall:7.1f}x {cpu:8.2f} {cpu / dw1_cpu:10.2f}x")
    for name in missing:
        print(f"{name + ' (not installed)':28s} {'-':>8s}")
    print(f"\ndockwise on one file, process start included: {single[0] * 1000:.0f} ms wall, {single[1] * 1000:.0f} ms CPU")
    print(f"(dockwise's CPU with all cores: {dw_cpu:.2f} s; the workers' start and hand-over included)")
    if "dockerfile-doctor" in best:
        doc = best["dockerfile-doctor"][1]
        print(f"target: dockwise CPU below dockerfile-doctor's: {dw1_cpu:.2f} vs {doc:.2f} s "
              f"({'met' if dw1_cpu < doc else 'NOT met'})")
    if "hadolint" in best:
        ratio = best["hadolint"][1] / dw1_cpu
        print(f"target: dockwise CPU >= 40x below hadolint's: {ratio:.1f}x ({'met' if ratio >= 40 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
