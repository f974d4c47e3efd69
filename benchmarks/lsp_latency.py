"""Language-server latency, side by side: dockwise, rcjsuen's dockerfile-language-server, tally.

For each server and each file size (~40, ~300 and 5,000 lines built from the shared corpus):
didOpen -> final diagnostics, didChange -> final diagnostics (p50/p99/max over one-character edits
inside a RUN: an insert, then its deletion at the same place, so the text keeps returning to the
original), codeAction round trip (with the last published diagnostics as context: the first request after
the edits, and the median of 20 repeats, which servers may answer from a cache), and the
server's RSS. dockwise runs with debounceMs 0. One minimal JSON-RPC client over stdio drives
every server, so client overhead is the same for all.

How "final diagnostics" is measured, the same rule for every server: after the edit, wait for
the first textDocument/publishDiagnostics for the URI, then keep listening until no further
publish for it arrives within a quiet window (--quiet, default 0.3 s); the latency is the time
of the LAST publish. A server that publishes early partial results (tally) is timed to its
final publish, not its first. The quiet window is not counted, only waited.

Protocol details each peer needs (they were why rcjsuen timed out before):
  * rcjsuen skips validation, and so publishes nothing, when a change leaves the text as it
    was (`if (content !== buffer)` in its didChange): the old edit pattern inserted at one RUN
    and deleted at another, eroding lines until a deletion past a line's end changed nothing.
    Inserts and deletions now pair up at the same point, so every edit changes the text.
  * tally declares full document sync (textDocumentSync.change = 1): it gets the whole text on
    each change; incremental servers get the one-character range change.
  * The server's own requests are answered: workspace/configuration (a list, one entry per
    item), client/registerCapability (null).

Percentiles are nearest-rank (p99 of n samples: the ceil(0.99 n)-th smallest). With the default
100 edits p99 is the second largest latency; the largest is reported as `max` beside it (with 40
edits, as earlier runs used, p99 and max are the same sample). tally gets 10 edits per size
(about 5 s each at 5,000 lines), so its p99 is its max.

    python benchmarks/lsp_latency.py [--edits 100] [--quiet 0.3] [--only dockwise,rcjsuen]

Peers (optional; skipped when missing):
    npm install --prefix .bench/rcjsuen dockerfile-language-server-nodejs@0.15.0
    pip install tally-cli      (offline it needs .tally.toml [slow-checks] mode = "off",
                                written into the benchmark's work directory)
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "lsp"))
from lsp_wire import JsonRpcClient  # noqa: E402  (shared with the load test)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RCJSUEN = ROOT / ".bench" / "rcjsuen" / "node_modules" / "dockerfile-language-server-nodejs" / "bin" / "docker-langserver"


def build_files() -> dict[str, str]:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.name.endswith("__result")
                   and p.name not in ("MANIFEST.tsv", "README.md") and "dockerignore" not in p.name
                   and "buildkit" not in str(p))
    texts = []
    for p in files:
        data = p.read_bytes()
        if b"\x00" in data or b"\r" in data or b"escape=" in data[:200]:
            continue
        t = data.decode("utf-8", "replace")
        texts.append(t if t.endswith("\n") else t + "\n")

    def build(n: int) -> str:
        # the first file with about n lines, else concatenate until n
        for t in texts:
            if abs(t.count("\n") - n) <= n // 8 and "RUN " in t:
                return t
        out, lines = [], 0
        for t in texts:
            out.append(t)
            lines += t.count("\n")
            if lines >= n:
                break
        return "\n".join("".join(out).split("\n")[:n]) + "\n"

    return {"40": build(40), "300": build(300), "5000": build(5000)}


class Client(JsonRpcClient):
    """Queues notifications, and returns responses, with their arrival time."""

    def __init__(self, proc: asyncio.subprocess.Process, settings: dict) -> None:
        self.notes: asyncio.Queue = asyncio.Queue()
        super().__init__(proc, settings)

    def on_notification(self, msg: dict, arrived: float) -> None:
        self.notes.put_nowait((arrived, msg))

    def response_value(self, msg: dict, arrived: float) -> tuple[float, dict]:
        return arrived, msg

    async def request(self, method: str, params, timeout: float = 120) -> tuple[float, dict]:
        return await super().request(method, params, timeout)

    async def diagnostics_for(self, uri: str, timeout: float = 120) -> tuple[float, dict]:
        end = time.perf_counter() + timeout
        while True:
            now, msg = await asyncio.wait_for(self.notes.get(), max(0.01, end - time.perf_counter()))
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                return now, msg

    async def final_diagnostics(self, uri: str, quiet: float, timeout: float = 120) -> tuple[float, dict, int]:
        """The LAST publish for `uri` before `quiet` seconds pass without another one:
        (its arrival time, the message, how many publishes came for this edit)."""
        last_t, last = await self.diagnostics_for(uri, timeout)
        count = 1
        while True:
            try:
                t, msg = await self.diagnostics_for(uri, quiet)
            except asyncio.TimeoutError:
                return last_t, last, count
            last_t, last, count = t, msg, count + 1

    def drain_notes(self) -> None:
        while not self.notes.empty():
            self.notes.get_nowait()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def tree_rss_mb(pid: int) -> float:
    """RSS of the process and its children (e.g. a shell wrapper)."""
    total = rss_mb(pid)
    try:
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            total += tree_rss_mb(int(child))
    except OSError:
        pass
    return total


def edit_points(text: str) -> list[tuple[int, int]]:
    lines = text.split("\n")
    runs = [i for i, l in enumerate(lines) if l.startswith("RUN ") and len(l) > 8]
    mid = [i for i in runs if len(lines) // 4 <= i <= 3 * len(lines) // 4] or runs or [0]
    return [(i, 4) for i in mid]


async def bench_server(name: str, cmd: list[str], files: dict[str, str], edits: int, workdir: Path,
                       quiet: float) -> dict:
    settings = {"dockwise": {"debounceMs": 0}} if name == "dockwise" else {}
    proc = await asyncio.create_subprocess_exec(*cmd, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.DEVNULL, cwd=workdir)
    c = Client(proc, settings)
    caps = {"textDocument": {"publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                             "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}}},
                             "synchronization": {}},
            "workspace": {"configuration": True}}
    _, init = await c.request("initialize", {"processId": os.getpid(), "rootUri": workdir.as_uri(), "capabilities": caps,
                                             "workspaceFolders": [{"uri": workdir.as_uri(), "name": "bench"}],
                                             "initializationOptions": {"settings": settings.get("dockwise", {})}})
    sync = init["result"]["capabilities"].get("textDocumentSync", 1)
    full_sync = (sync.get("change", 1) if isinstance(sync, dict) else sync) == 1
    await c.notify("initialized", {})
    await asyncio.sleep(0.5)
    out: dict = {"full_sync": full_sync}
    for size, text in files.items():
        path = workdir / f"size{size}" / "Dockerfile"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        uri = path.as_uri()
        c.drain_notes()
        t0 = time.perf_counter()
        await c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
        t1, last, _ = await c.final_diagnostics(uri, quiet)
        open_ms = (t1 - t0) * 1000
        lines = text.split("\n")
        points = edit_points(text)
        lat, publishes = [], []
        version = 1
        for k in range(edits):
            line, col = points[(k // 2) % len(points)]  # insert, then delete it at the same place
            version += 1
            insert = k % 2 == 0
            lines[line] = lines[line][:col] + "x" + lines[line][col:] if insert else lines[line][:col] + lines[line][col + 1:]
            if full_sync:
                change = {"text": "\n".join(lines)}
            else:
                change = {"range": {"start": {"line": line, "character": col},
                                    "end": {"line": line, "character": col if insert else col + 1}},
                          "text": "x" if insert else ""}
            await asyncio.sleep(0.002)
            c.drain_notes()
            t0 = time.perf_counter()
            await c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            t1, last, n = await c.final_diagnostics(uri, quiet)
            lat.append((t1 - t0) * 1000)
            publishes.append(n)
        ca, ca_errors = [], 0
        line = points[0][0]
        diags = [d for d in last["params"]["diagnostics"]] if last else []
        for _ in range(20):
            t0 = time.perf_counter()
            t1, resp = await c.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 5}},
                "context": {"diagnostics": diags}})
            ca_errors += "error" in resp
            ca.append((t1 - t0) * 1000)
        await c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        lat.sort()
        out[size] = {"open": open_ms, "p50": statistics.median(lat), "p99": percentile(lat, 0.99), "max": lat[-1],
                     "code_action": statistics.median(ca), "code_action_first": ca[0], "lines": text.count("\n"), "edits": len(lat),
                     "publishes_per_edit": statistics.mean(publishes), "ca_errors": ca_errors}
    out["rss"] = tree_rss_mb(proc.pid)
    try:
        await asyncio.wait_for(c.request("shutdown", None), 10)
        await c.notify("exit", None)
        await asyncio.wait_for(proc.wait(), 10)
    except (asyncio.TimeoutError, ConnectionError):
        proc.kill()
    c.reader.cancel()
    return out


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted samples."""
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def servers(only: str | None) -> dict[str, list[str]]:
    found = {"dockwise": [sys.executable, "-m", "dockwise", "lsp"]}
    if RCJSUEN.exists() and shutil.which("node"):
        found["rcjsuen"] = ["node", str(RCJSUEN), "--stdio"]
    tally = shutil.which("tally")
    if tally:
        found["tally"] = [tally, "lsp", "--stdio"]
    if only:
        found = {k: v for k, v in found.items() if k in only.split(",")}
    return found


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--quiet", type=float, default=0.3, help="seconds without a publish that make diagnostics final")
    ap.add_argument("--only")
    args = ap.parse_args()
    files = build_files()
    results = {}
    for name, cmd in servers(args.only).items():
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / ".tally.toml").write_text('[slow-checks]\nmode = "off"\n')
            edits = args.edits if name != "tally" else min(args.edits, 10)
            try:
                results[name] = await bench_server(name, cmd, files, edits, work, args.quiet)
            except Exception as e:  # noqa: BLE001 - a broken peer must not hide the others
                print(f"{name}: failed: {e!r}", file=sys.stderr)
    names = list(results)
    print(f"edits per size: {args.edits} (tally: {min(args.edits, 10)}); quiet window {args.quiet} s; "
          f"times in ms, RSS in MB; full-sync servers: {[n for n in names if results[n]['full_sync']]}\n")
    header = f"{'metric':<28}" + "".join(f"{n:>12}" for n in names) + "".join(f"{'dw/' + n:>12}" for n in names[1:])
    print(header)
    print("-" * len(header))
    for size in files:
        lines = results[names[0]][size]["lines"] if names else 0
        for key, label in (("open", "didOpen"), ("p50", "edit→diag p50"), ("p99", "edit→diag p99"),
                           ("max", "edit→diag max"), ("code_action_first", "codeAction first"),
                           ("code_action", "codeAction p50")):
            vals = [results[n][size][key] for n in names]
            row = f"{label + f' ({lines} lines)':<28}" + "".join(f"{v:>12.1f}" for v in vals)
            row += "".join(f"{vals[0] / v:>12.2f}" if v else f"{'-':>12}" for v in vals[1:])
            print(row)
    vals = [results[n]["rss"] for n in names]
    for size in files:
        print(f"publishes/edit ({size}): " + ", ".join(f"{n} {results[n][size]['publishes_per_edit']:.2f}" for n in names)
              + "; codeAction errors: " + ", ".join(f"{n} {results[n][size]['ca_errors']}" for n in names))
    print(f"{'RSS after run':<28}" + "".join(f"{v:>12.1f}" for v in vals) + "".join(f"{vals[0] / v:>12.2f}" for v in vals[1:]))


if __name__ == "__main__":
    asyncio.run(main())
