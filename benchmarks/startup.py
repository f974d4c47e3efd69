#!/usr/bin/env python3
"""One small file, checked by a fresh process: what a pre-commit hook or an editor without the
language server pays on every run.

Four commands, measured in ONE run, alternating (one of each, then again, N times), so that a
machine that gets busier or quieter part-way affects them all alike:

  python      `python3 -c pass`: the interpreter's own start, the floor for any Python tool
  dockwise    `python3 -m dockwise check FILE` (this checkout's code)
  doctor      `dockerfile-doctor FILE`
  hadolint    `hadolint FILE`

For each: the median wall time, and the median CPU time of the child (user + system, from
os.wait4's resource usage of that one process), with ratios to `python3 -c pass` and to
dockwise. #18's targets: dockwise wall <= 3x python's, dockwise CPU below dockerfile-doctor's.

dockwise's byte code is compiled first, as `pip install` does for an installed package (see
corpus_speed.py). `--compare DIR` adds `dockwise check` from another checkout (DIR holds its
`server/`), alternating with the others: before/after figures from one machine state. Peers are run from the interpreter's own bin folder when installed there
(what a pyenv shim would run after starting bash and pyenv, which is not the peer's cost).

    python benchmarks/startup.py [--runs 30] [--file ../shared/corpus/...] [--compare DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT.parent / "shared" / "corpus" / "GoogleCloudPlatform__microservices-demo" / "src__adservice__Dockerfile"


def executable(name: str) -> str | None:
    """The peer beside this interpreter (no shim in between), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def checkout_env(root: Path = ROOT) -> dict[str, str]:
    """The dockwise of the checkout at `root` (default: this one) first on the path; no colours."""
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root / "server"), env.get("PYTHONPATH")) if p)
    return env


def compile_checkout(env: dict[str, str], root: Path = ROOT) -> None:
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "server" / "dockwise")], check=True, env=env)


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one run of `cmd`."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="repetitions of each command")
    ap.add_argument("--file", default=str(DEFAULT_FILE), help="the Dockerfile to check")
    ap.add_argument("--compare", type=Path, help="another checkout (holding server/) to time beside this one")
    args = ap.parse_args()
    env = checkout_env()
    compile_checkout(env)
    commands = {
        "python3 -c pass": [sys.executable, "-c", "pass"],
        "dockwise check": [sys.executable, "-m", "dockwise", "check", args.file],
    }
    envs = dict.fromkeys(commands, env)
    if args.compare:
        envs["compared checkout"] = checkout_env(args.compare.resolve())
        compile_checkout(envs["compared checkout"], args.compare.resolve())
        commands["compared checkout"] = commands["dockwise check"]
    missing = []
    for name, cmd in (("dockerfile-doctor", ["dockerfile-doctor", args.file]), ("hadolint", ["hadolint", args.file])):
        exe = executable(cmd[0])
        if exe is None:
            missing.append(name)
        else:
            commands[name] = [exe, *cmd[1:]]
            envs[name] = env
    for name, cmd in commands.items():  # warm the page cache; not counted
        measure(cmd, envs[name])
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            samples[name].append(measure(cmd, envs[name]))
    wall = {n: statistics.median(w for w, _ in s) for n, s in samples.items()}
    cpu = {n: statistics.median(c for _, c in s) for n, s in samples.items()}
    base, dw = "python3 -c pass", "dockwise check"
    lines = sum(1 for _ in open(args.file, encoding="utf-8", errors="replace"))
    print(f"{args.file} ({lines} lines), median of {args.runs} alternating runs each\n")
    print(f"{'command':20s} {'wall ms':>8s} {'CPU ms':>8s} {'wall/python':>12s} {'CPU/python':>11s} {'CPU/dockwise':>13s}")
    for n in commands:
        print(f"{n:20s} {wall[n] * 1000:8.1f} {cpu[n] * 1000:8.1f} {wall[n] / wall[base]:11.2f}x "
              f"{cpu[n] / cpu[base]:10.2f}x {cpu[n] / cpu[dw]:12.2f}x")
    for n in missing:
        print(f"{n:20s} (not installed)")
    print(f"\ntarget: dockwise wall <= 3x python's: {wall[dw] / wall[base]:.2f}x "
          f"({'met' if wall[dw] <= 3 * wall[base] else 'NOT met'})")
    if "dockerfile-doctor" in cpu:
        doc = cpu["dockerfile-doctor"]
        print(f"target: dockwise CPU below dockerfile-doctor's: {cpu[dw] * 1000:.1f} vs {doc * 1000:.1f} ms "
              f"({'met' if cpu[dw] < doc else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
