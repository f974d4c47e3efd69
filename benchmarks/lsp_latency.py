"""Language-server latency, side by side: dockwise, rcjsuen's dockerfile-language-server, tally.

Every scenario starts each server afresh, and all servers run in the same invocation, one after
the other, so that their figures come from the same machine state:

  startup      process start -> `initialize` answered, and -> first diagnostics of a 300-line file
  edits        one-character edits after a pause (the quiet window), at ~40, ~300, 5,000 and 20,000
               lines of concatenated corpus files, and 5,000 lines made by repeating ollama's
               Dockerfile (hundreds of stages built FROM each other: the slow shape). didOpen ->
               final diagnostics, edit -> final diagnostics p50/p99/max, code actions with only the
               diagnostics under the cursor (as editors send them: the first request, and the median
               of 20), the first `source.fixAll.dockwise`, RSS
  typing       300 characters typed at 30 characters a second into a RUN line, at 300, 5,000 and
               20,000 lines and the 5,000-line stages shape: for each keystroke, the time to a
               publish of a version at least that new (p50/p99); the longest gap between publishes
               while typing (from the first keystroke to the last); the last keystroke -> its
               diagnostics
  documents    1, 10 and 50 open 300-line documents: edit -> final diagnostics p50/p99 on one of
               them, and RSS

Before every scenario but `startup` a server opens and closes a small document, so that a server
that answers `initialize` before it has loaded (dockwise does) is timed working, not loading.
dockwise runs with debounceMs 0 in `edits` and `documents` (the time of the work, not of a
wait), and with its default settings (as users get it) in `typing` and `startup`.

How "final diagnostics" is measured, the same rule for every server: after the edit, wait for
the first textDocument/publishDiagnostics for the URI, then keep listening until no further
publish for it arrives within a quiet window (--quiet, default 0.3 s); the latency is the time
of the LAST publish. A server that publishes early partial results (tally) is timed to its
final publish, not its first. The quiet window is not counted, only waited.

While typing, a publish counts for a keystroke when it carries a version at least as new as
the keystroke's. A server whose publishes carry no version gets each publish counted for every
keystroke sent before it (an optimistic bound for it; the table says which servers do that).

Protocol details each peer needs:
  * rcjsuen skips validation, and so publishes nothing, when a change leaves the text as it
    was: single edits insert a character, then delete it at the same point, so every edit
    changes the text.
  * tally declares full document sync (textDocumentSync.change = 1): it gets the whole text on
    each change; incremental servers get the one-character range change.
  * The server's own requests are answered: workspace/configuration (a list, one entry per
    item), client/registerCapability (null).

Each server has a time limit per scenario (--server-timeout): a server that exceeds it is
stopped and the scenario recorded as "timeout" for it, and the others go on. --time-limit
bounds the whole run: scenarios not started by then are recorded as "skipped".

Percentiles are nearest-rank (p99 of n samples: the ceil(0.99 n)-th smallest); with 100 edits
p99 is the second largest latency, and the largest is reported as `max` beside it.

    python benchmarks/lsp_latency.py [--edits 100] [--quiet 0.3] [--only dockwise,rcjsuen]
        [--scenarios startup,edits,typing,documents] [--server-timeout 300] [--time-limit 3600]

Peers (optional; skipped when missing):
    npm install --prefix .bench/rcjsuen dockerfile-language-server-nodejs@0.15.0
    pip install tally-cli      (offline it needs .tally.toml [slow-checks] mode = "off",
                                written into the benchmark's work directory)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
TIMEOUT = "timeout"
SKIPPED = "skipped"


def corpus_texts() -> list[str]:
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
    return texts


def build_files() -> dict[str, str]:
    """Test files by name: "40", "300", "5000", "20000" (concatenated corpus files, or one file
    of about that size) and "5000-stages" (ollama's Dockerfile repeated)."""
    texts = corpus_texts()

    def build(n: int) -> str:
        for t in texts:  # the first file with about n lines, else concatenate until n
            if abs(t.count("\n") - n) <= n // 8 and "RUN " in t:
                return t
        out, lines = [], 0
        while lines < n:
            for t in texts:
                out.append(t)
                lines += t.count("\n")
                if lines >= n:
                    break
        return "\n".join("".join(out).split("\n")[:n]) + "\n"

    ollama = (CORPUS / "ollama__ollama" / "Dockerfile").read_text()
    stages = ollama * (5000 // ollama.count("\n") + 1)
    stages = "\n".join(stages.split("\n")[:5000]) + "\n"
    return {"40": build(40), "300": build(300), "5000": build(5000), "5000-stages": stages, "20000": build(20000)}


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

    async def open(self, uri: str, text: str, quiet: float) -> tuple[float, dict]:
        """didOpen -> (ms to its final diagnostics, the last publish)."""
        self.drain_notes()
        t0 = time.perf_counter()
        await self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile",
                                                                    "version": 1, "text": text}})
        t1, last, _ = await self.final_diagnostics(uri, quiet)
        return (t1 - t0) * 1000, last


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


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted samples."""
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


class Server:
    """One server process with an initialized client; `full_sync` when it wants whole texts."""

    def __init__(self, name: str, cmd: list[str], workdir: Path, settings: dict, warm: bool = True) -> None:
        self.name, self.cmd, self.workdir, self.settings, self.warm = name, cmd, workdir, settings, warm

    async def __aenter__(self) -> "Server":
        self.started = time.perf_counter()
        self.proc = await asyncio.create_subprocess_exec(*self.cmd, stdin=asyncio.subprocess.PIPE,
                                                         stdout=asyncio.subprocess.PIPE,
                                                         stderr=asyncio.subprocess.DEVNULL, cwd=self.workdir)
        self.c = Client(self.proc, {"dockwise": self.settings})
        caps = {"textDocument": {"publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                                 "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "source"]}},
                                                "resolveSupport": {"properties": ["edit"]}},  # as VS Code
                                 "synchronization": {}},
                "workspace": {"configuration": True}}
        answered, init = await self.c.request("initialize", {
            "processId": os.getpid(), "rootUri": self.workdir.as_uri(), "capabilities": caps,
            "workspaceFolders": [{"uri": self.workdir.as_uri(), "name": "bench"}],
            "initializationOptions": {"settings": self.settings}})
        self.initialize_ms = (answered - self.started) * 1000
        sync = init["result"]["capabilities"].get("textDocumentSync", 1)
        self.full_sync = (sync.get("change", 1) if isinstance(sync, dict) else sync) == 1
        await self.c.notify("initialized", {})
        if self.warm:
            # a server may answer `initialize` before it has loaded (dockwise does): open and
            # close a small document first, so that scenarios time the work, not the loading
            uri = self.uri("warm-up", "FROM alpine:3.20\nRUN echo hi\n")
            await self.c.open(uri, "FROM alpine:3.20\nRUN echo hi\n", 0.1)
            await self.c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        return self

    async def __aexit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                await asyncio.wait_for(self.c.request("shutdown", None), 10)
                await self.c.notify("exit", None)
                await asyncio.wait_for(self.proc.wait(), 10)
        except (asyncio.TimeoutError, ConnectionError):
            pass
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        self.c.reader.cancel()

    def uri(self, name: str, text: str) -> str:
        path = self.workdir / name / "Dockerfile"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path.as_uri()

    def change(self, uri: str, version: int, lines: list[str], line: int, col: int, insert: str | None) -> dict:
        """A didChange inserting `insert` at (line, col), or deleting the character there."""
        if insert is not None:
            lines[line] = lines[line][:col] + insert + lines[line][col:]
        else:
            lines[line] = lines[line][:col] + lines[line][col + 1:]
        if self.full_sync:
            change = {"text": "\n".join(lines)}
        else:
            end = col if insert is not None else col + 1
            change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": end}},
                      "text": insert or ""}
        return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}


def under_cursor(diags: list[dict], line: int, col: int) -> list[dict]:
    """The diagnostics whose range holds the cursor, as an editor sends them in a codeAction."""
    def holds(d: dict) -> bool:
        r = d["range"]
        return (r["start"]["line"], r["start"]["character"]) <= (line, col) <= (r["end"]["line"], r["end"]["character"])
    return [d for d in diags if holds(d)]


async def single_edits(s: Server, uri: str, text: str, edits: int, quiet: float) -> dict:
    """Edits after a pause: insert a character in a RUN, then delete it at the same place."""
    lines = text.split("\n")
    points = edit_points(text)
    lat, publishes = [], []
    last = None
    for k in range(edits):
        line, col = points[(k // 2) % len(points)]
        params = s.change(uri, k + 2, lines, line, col, "x" if k % 2 == 0 else None)
        await asyncio.sleep(0.002)
        s.c.drain_notes()
        t0 = time.perf_counter()
        await s.c.notify("textDocument/didChange", params)
        t1, last, n = await s.c.final_diagnostics(uri, quiet)
        lat.append((t1 - t0) * 1000)
        publishes.append(n)
    lat.sort()
    return {"p50": statistics.median(lat), "p99": percentile(lat, 0.99), "max": lat[-1],
            "publishes/edit": statistics.mean(publishes), "last": last}


async def scenario_edits(s: Server, text: str, args) -> dict:
    uri = s.uri("edits", text)
    open_ms, _ = await s.c.open(uri, text, args.quiet)
    edits = args.edits if text.count("\n") <= 5000 else max(10, args.edits // 4)
    if s.name == "tally":
        edits = min(edits, 10)  # seconds per edit at 5,000 lines
    out = {"didOpen": open_ms, **await single_edits(s, uri, text, edits, args.quiet), "edits": edits}
    diags = out.pop("last")["params"]["diagnostics"]
    line, col = edit_points(text)[0]
    context = under_cursor(diags, line, col)
    ca = []
    for _ in range(20):
        t0 = time.perf_counter()
        t1, resp = await s.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}},
            "context": {"diagnostics": context}})
        ca.append((t1 - t0) * 1000)
    out.update({"codeAction first": ca[0], "codeAction p50": statistics.median(ca), "diagnostics under cursor": len(context),
                "actions": len(resp.get("result") or [])})
    if s.name == "dockwise":
        # a fresh document, so that no fix-all is remembered: on-save requests ask with `only`
        uri2 = s.uri("fixall", text)
        await s.c.open(uri2, text, args.quiet)
        t0 = time.perf_counter()
        t1, resp = await s.c.request("textDocument/codeAction", {
            "textDocument": {"uri": uri2}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll.dockwise"]}})
        out["fixAll first"] = (t1 - t0) * 1000
    out["RSS"] = tree_rss_mb(s.proc.pid)
    return out


async def scenario_typing(s: Server, text: str, args) -> dict:
    uri = s.uri("typing", text)
    await s.c.open(uri, text, args.quiet)
    lines = text.split("\n")
    line = edit_points(text)[0][0]
    col = len(lines[line])
    typed = (" && apt-get install -y --no-install-recommends curl ca-certificates git" * 10)[:args.chars]
    s.c.drain_notes()
    sent: list[tuple[float, int]] = []
    published: list[tuple[float, int | None]] = []

    async def listen() -> None:
        while True:
            t, msg = await s.c.notes.get()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                published.append((t, msg["params"].get("version")))

    listener = asyncio.create_task(listen())
    try:
        start = time.perf_counter()
        for k, ch in enumerate(typed):
            due = start + k / args.rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            version = k + 2
            params = s.change(uri, version, lines, line, col + k, ch)
            sent.append((time.perf_counter(), version))
            await s.c.notify("textDocument/didChange", params)
        typing_end = sent[-1][0]
        last_version = sent[-1][1]
        deadline = time.perf_counter() + args.server_timeout
        while not (any(v is not None and v >= last_version for _, v in published)
                   or any(v is None and t >= typing_end for t, v in published)):
            if time.perf_counter() > deadline:
                raise asyncio.TimeoutError
            await asyncio.sleep(0.005)
        await asyncio.sleep(args.quiet)
    finally:
        listener.cancel()
    versioned = any(v is not None for _, v in published)

    def covers(pv, pt, version, t_sent) -> bool:
        return pv >= version if versioned and pv is not None else pt >= t_sent

    waits = []
    for t_sent, version in sent:
        first = next((t for t, v in published if t >= t_sent and covers(v, t, version, t_sent)), None)
        waits.append((first - t_sent) * 1000)
    waits.sort()
    during = [sent[0][0]] + [t for t, _ in published if sent[0][0] <= t <= typing_end] + [typing_end]
    gap = max(b - a for a, b in zip(during, during[1:])) * 1000
    final = next(t for t, v in published if covers(v, t, last_version, typing_end))
    return {"keystroke→diag p50": statistics.median(waits), "keystroke→diag p99": percentile(waits, 0.99),
            "longest gap typing": gap, "last keystroke→diag": (final - typing_end) * 1000,
            "publishes while typing": len(during) - 2, "keystrokes": len(sent), "versioned": versioned}


async def scenario_documents(s: Server, text: str, args, count: int) -> dict:
    uris = [s.uri(f"docs{count}/d{k}", text) for k in range(count)]
    for uri in uris:
        await s.c.open(uri, text, 0.05)
    await asyncio.sleep(args.quiet)
    edits = min(args.edits, 40) if s.name != "tally" else 10
    out = await single_edits(s, uris[0], text, edits, args.quiet)
    out.pop("last")
    out["RSS"] = tree_rss_mb(s.proc.pid)
    return out


async def scenario_startup(s: Server, text: str, args) -> dict:
    uri = s.uri("startup", text)
    await s.c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile",
                                                               "version": 1, "text": text}})
    t, _ = await s.c.diagnostics_for(uri)
    return {"initialize": s.initialize_ms, "first diagnostics": (t - s.started) * 1000}


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


def plan(files: dict[str, str], chosen: set[str]) -> list[tuple[str, str, object]]:
    """(scenario, label, run(server, args)) in the order they run."""
    out = []
    if "startup" in chosen:
        out.append(("startup", "startup (300 lines)", lambda s, a: scenario_startup(s, files["300"], a)))
    if "edits" in chosen:
        for name in ("40", "300", "5000", "5000-stages", "20000"):
            text = files[name]
            out.append(("edits", f"edits {name} ({text.count(chr(10))} lines)",
                        lambda s, a, text=text: scenario_edits(s, text, a)))
    if "typing" in chosen:
        for name in ("300", "5000", "5000-stages", "20000"):
            text = files[name]
            out.append(("typing", f"typing {name} ({text.count(chr(10))} lines)",
                        lambda s, a, text=text: scenario_typing(s, text, a)))
    if "documents" in chosen:
        for count in (1, 10, 50):
            out.append(("documents", f"{count} open documents (300 lines)",
                        lambda s, a, count=count: scenario_documents(s, files["300"], a, count)))
    return out


async def run_one(name: str, cmd: list[str], scenario: str, job, args) -> dict | str:
    """One server through one scenario, in a fresh process; "timeout" when it takes longer than
    --server-timeout (the process is killed first, so that nothing waits on it any more)."""
    settings = {}
    if name == "dockwise" and scenario in ("edits", "documents"):
        settings = {"debounceMs": 0}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / ".tally.toml").write_text('[slow-checks]\nmode = "off"\n')
        server = Server(name, cmd, work, settings, warm=scenario != "startup")

        async def go():
            async with server as s:
                return await job(s, args)

        task = asyncio.ensure_future(go())
        done, _ = await asyncio.wait({task}, timeout=args.server_timeout)
        if not done:
            proc = getattr(server, "proc", None)
            if proc is not None and proc.returncode is None:
                proc.kill()
            task.cancel()
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(task, 5)
            return TIMEOUT
        try:
            return task.result()
        except Exception as e:  # noqa: BLE001 - a broken peer must not hide the others
            print(f"{name}: {scenario} failed: {e!r}", file=sys.stderr)
            return f"failed: {type(e).__name__}"


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--quiet", type=float, default=0.3, help="seconds without a publish that make diagnostics final")
    ap.add_argument("--chars", type=int, default=300, help="characters typed per burst")
    ap.add_argument("--rate", type=float, default=30.0, help="characters a second")
    ap.add_argument("--only")
    ap.add_argument("--scenarios", default="startup,edits,typing,documents")
    ap.add_argument("--server-timeout", type=float, default=300, help="seconds per server and scenario")
    ap.add_argument("--time-limit", type=float, default=3600, help="seconds for the whole run")
    args = ap.parse_args()
    files = build_files()
    found = servers(args.only)
    names = list(found)
    end = time.perf_counter() + args.time_limit
    results: dict[str, dict[str, dict | str]] = {}
    for scenario, label, job in plan(files, set(args.scenarios.split(","))):
        results[label] = {}
        for name in names:
            if time.perf_counter() > end:
                results[label][name] = SKIPPED
                continue
            t0 = time.perf_counter()
            results[label][name] = await run_one(name, found[name], scenario, job, args)
            print(f"{label}: {name} done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print(f"servers: {', '.join(names)}; quiet window {args.quiet} s; typing {args.chars} characters at "
          f"{args.rate:g}/s; times in ms, RSS in MB; per-server timeout {args.server_timeout:g} s\n")
    width = 30
    header = f"{'':<{width}}" + "".join(f"{n:>12}" for n in names) + "".join(f"{'dw/' + n:>12}" for n in names[1:])
    for label, per_server in results.items():
        print(label)
        print(header)
        keys = []
        for r in per_server.values():
            if isinstance(r, dict):
                keys.extend(k for k in r if k not in keys)
        if not keys:
            keys = ["result"]
        for key in keys:
            vals = []
            for n in names:
                r = per_server[n]
                vals.append(r if isinstance(r, str) else r.get(key, "-"))
            row = f"  {key:<{width - 2}}" + "".join(f"{v:>12.1f}" if isinstance(v, float) else f"{str(v):>12}" for v in vals)
            if isinstance(vals[0], (int, float)) and not isinstance(vals[0], bool):
                row += "".join(f"{vals[0] / v:>12.2f}" if isinstance(v, (int, float)) and not isinstance(v, bool) and v
                               else f"{'-':>12}" for v in vals[1:])
            print(row)
        print()


if __name__ == "__main__":
    asyncio.run(main())
