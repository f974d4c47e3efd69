"""The language server under load, over stdio with a minimal JSON-RPC client of our own
(raw pipes, so the test can also send bytes no well-behaved client library would send).

One server session (module-scoped, the tests run in order) takes:
  * 50 corpus Dockerfiles opened, then an edit storm of random incremental edits across all of
    them, interleaved with hover / code-action requests, with debounceMs 0;
  * a bound on the server's RSS growth over the storm;
  * every document's final text and diagnostics checked against a fresh `check()`;
  * malformed JSON-RPC (bad JSON, no "method", wrong param types, unknown methods) answered with
    the JSON-RPC error codes, the server still working afterwards;
  * `$/cancelRequest` for pending requests: each is answered (result, or -32800), no crash;
  * shutdown/exit with exit code 0.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from pathlib import Path

import pytest

from dockwise.buildcontext.view import load_context
from dockwise.engine.check import check
from shared_data import corpus_dockerfiles

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lsp"))
from lsp_harness import apply_utf16, to_position  # noqa: E402
from lsp_wire import JsonRpcClient  # noqa: E402

# one server for the whole module: the tests share its event loop and run in order
pytestmark = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-m", "dockwise", "lsp"]
N_DOCS = 50
STORM_MAX_EDITS = 4000    # the storm is this many edits, however long a loaded machine takes
# Measured here over the storm (50 docs, 4,000 edits): RSS grows by 18-19 MB (lazy caches
# warming up, plus up to 400 edits of cyclic garbage between the server's full collections).
# Before the server collected on its own (it raises the gc thresholds) it grew by 45-55 MB and
# kept growing ~10 MB per 1,000 edits; the futures pygls never dropped added more. 35 MB leaves
# almost 2x margin over the measured growth and still fails on either leak.
RSS_GROWTH_BOUND_MB = 35.0

PIECES = ["RUN pip install flask\n", "\\\n", "\n", "# dockwise: ignore=DL3042\n", "😀", "é", " ",
          "COPY <<EOF /x\nhello\nEOF\n", "FROM python:3.8 AS b\n", "EOF\n", "ENV A=1\n", "x",
          "--no-cache-dir ", "RUN apt-get update && apt-get install -y curl\n", "USER app\n", "\t"]


class RpcClient(JsonRpcClient):
    """Keeps the last published diagnostics (and their version) per document."""

    def __init__(self, proc: asyncio.subprocess.Process, settings: dict) -> None:
        self.published: dict[str, tuple[int | None, list]] = {}
        self.publish_event = asyncio.Event()
        super().__init__(proc, settings)

    def on_notification(self, msg: dict, arrived: float) -> None:
        if msg["method"] == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.published[p["uri"]] = (p.get("version"), p["diagnostics"])
            self.publish_event.set()

    async def wait_version(self, uri: str, version: int, timeout: float = 20) -> list:
        end = time.monotonic() + timeout
        while self.published.get(uri, (None,))[0] != version:
            self.publish_event.clear()
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no diagnostics for version {version} of {uri} "
                                     f"(last: {self.published.get(uri, (None,))[0]})")
            try:
                await asyncio.wait_for(self.publish_event.wait(), left)
            except asyncio.TimeoutError:
                pass
        return self.published[uri][1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def pick_documents(rnd: random.Random) -> list[str]:
    texts = []
    for p in corpus_dockerfiles():
        data = p.read_bytes()
        if len(data) > 20_000 or b"\x00" in data:
            continue
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    assert len(texts) >= N_DOCS, "the shared corpus is too small for the load test"
    return rnd.sample(texts, N_DOCS)


def random_edit(rnd: random.Random, cur: str) -> tuple[int, int, int, int, str]:
    a = rnd.randint(0, len(cur))
    b = min(len(cur), a + rnd.choice((0, 0, 1, 3, 10, 40)))
    if 0 < a < len(cur) and cur[a - 1:a + 1] == "\r\n":
        a -= 1  # LSP cannot address between \r and \n
    if 0 < b < len(cur) and cur[b - 1:b + 1] == "\r\n":
        b += 1
    b = max(a, min(b, len(cur)))
    new = rnd.choice(PIECES) if rnd.random() < 0.6 else ""
    sl, sc = to_position(cur, a)
    el, ec = to_position(cur, b)
    return sl, sc, el, ec, new


class Session:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: asyncio.subprocess.Process | None = None
        self.client: RpcClient | None = None
        self.texts: dict[str, str] = {}
        self.paths: dict[str, Path] = {}
        self.versions: dict[str, int] = {}
        self.rss_open = self.rss_after = 0.0
        self.edits = 0
        self.storm_seconds = 0.0


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Session:
    return Session(tmp_path_factory.mktemp("lsp_load").resolve())


async def test_open_fifty_documents_and_edit_storm(session: Session):
    rnd = random.Random(20240611)
    root = session.root
    settings = {"debounceMs": 0}
    proc = await asyncio.create_subprocess_exec(
        *SERVER, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=root, env=dict(os.environ))
    session.proc = proc
    c = session.client = RpcClient(proc, {"dockwise": settings})
    caps = {"workspace": {"configuration": True,
                          "didChangeWatchedFiles": {"dynamicRegistration": True}},
            "textDocument": {"publishDiagnostics": {"versionSupport": True, "dataSupport": True},
                             "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                                 "valueSet": ["quickfix", "source.fixAll"]}}}}}
    init = await c.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(),
                                          "capabilities": caps,
                                          "workspaceFolders": [{"uri": root.as_uri(), "name": "load"}],
                                          "initializationOptions": {"settings": settings}})
    assert "result" in init and init["result"]["capabilities"]["textDocumentSync"]
    await c.notify("initialized", {})

    for i, text in enumerate(pick_documents(rnd)):
        path = root / f"p{i:02d}" / "Dockerfile"
        path.parent.mkdir()
        path.write_text(text, newline="")
        uri = path.as_uri()
        session.texts[uri], session.paths[uri], session.versions[uri] = text, path, 1
        await c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
    for uri in session.texts:
        await c.wait_version(uri, 1)
    session.rss_open = rss_mb(proc.pid)

    uris = list(session.texts)
    stop = asyncio.Event()
    requests: list[asyncio.Future] = []

    async def editor(mine: list[str]) -> None:
        """One 'editor' typing into its own documents; ten of them run at once."""
        while not stop.is_set():
            if session.edits >= STORM_MAX_EDITS:
                stop.set()
                return
            uri = rnd.choice(mine)
            changes = []
            for _ in range(rnd.choice((1, 1, 1, 2, 3))):  # several changes in one notification
                sl, sc, el, ec, new = random_edit(rnd, session.texts[uri])
                session.texts[uri] = apply_utf16(session.texts[uri], sl, sc, el, ec, new)
                changes.append({"range": {"start": {"line": sl, "character": sc},
                                          "end": {"line": el, "character": ec}}, "text": new})
            session.versions[uri] += 1
            session.edits += 1
            await c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": session.versions[uri]}, "contentChanges": changes})
            roll = rnd.random()
            if roll < 0.05:
                line = rnd.randint(0, session.texts[uri].count("\n"))
                _, fut = c.start_request("textDocument/hover", {
                    "textDocument": {"uri": uri}, "position": {"line": line, "character": 2}})
                requests.append(fut)
            elif roll < 0.08:
                _, fut = c.start_request("textDocument/codeAction", {
                    "textDocument": {"uri": uri},
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "context": {"diagnostics": [], "only": ["source.fixAll.dockwise"]}})
                requests.append(fut)
            await asyncio.sleep(0)

    t0 = time.monotonic()
    await asyncio.gather(*(editor(uris[k::10]) for k in range(10)))
    for uri in uris:
        await c.wait_version(uri, session.versions[uri], timeout=60)
    session.storm_seconds = time.monotonic() - t0
    answers = await asyncio.wait_for(asyncio.gather(*requests), 30)
    assert all("result" in a for a in answers), [a for a in answers if "error" in a][:3]
    assert proc.returncode is None, "the server died during the storm"
    session.rss_after = rss_mb(proc.pid)
    growth = session.rss_after - session.rss_open
    print(f"\n{session.edits} edits over {len(uris)} documents in {session.storm_seconds:.1f} s; "
          f"RSS {session.rss_open:.1f} MB after opening, {session.rss_after:.1f} MB after the storm "
          f"(+{growth:.1f} MB)")
    assert session.edits == STORM_MAX_EDITS
    assert growth < RSS_GROWTH_BOUND_MB, f"RSS grew by {growth:.1f} MB over the storm"


async def test_final_diagnostics_equal_a_fresh_check(session: Session):
    c = session.client
    assert c is not None, "the storm test did not run"
    mismatches = []
    for uri, text in session.texts.items():
        got = await c.wait_version(uri, session.versions[uri])
        held = await c.request("dockwise/documentText", {"uri": uri})
        assert held["result"]["text"] == text, f"the server's text of {uri} drifted from the client's"
        path = session.paths[uri]
        view = load_context(path.parent, path)
        fresh = check(text, str(path), context=view, ignore=view.ignore, ignore_path=view.ignore_path)
        want = sorted((d.code, to_position(text, d.start), to_position(text, d.end)) for d in fresh)
        have = sorted((str(d["code"]), (d["range"]["start"]["line"], d["range"]["start"]["character"]),
                       (d["range"]["end"]["line"], d["range"]["end"]["character"])) for d in got)
        if want != have:
            mismatches.append((uri, sorted(set(want) ^ set(have))[:5]))
    assert not mismatches, mismatches[:3]


async def test_malformed_messages_get_json_rpc_errors(session: Session):
    c = session.client
    assert c is not None, "the storm test did not run"
    uri = next(iter(session.texts))

    # an invalid JSON body: -32700 Parse error, id null
    c.orphans.clear()
    c.send_raw(b'{"jsonrpc": "2.0", "id": 9001, "method": "textDocument/hover", "params": {')
    await c.proc.stdin.drain()
    ping = await c.request("dockwise/documentText", {"uri": uri})   # the server still answers
    assert "result" in ping
    assert [o["error"]["code"] for o in c.orphans] == [-32700], c.orphans

    # a request without "method": -32600 Invalid Request
    fut = asyncio.get_running_loop().create_future()
    c.pending[9002] = fut
    c.send({"jsonrpc": "2.0", "id": 9002, "params": {}})
    await c.proc.stdin.drain()
    got = await asyncio.wait_for(fut, 10)
    assert got.get("error", {}).get("code") == -32600, got

    # an unknown request: -32601 Method not found; an unknown notification: ignored
    await c.notify("dockwise/noSuchNotification", {"x": 1})
    got = await c.request("dockwise/noSuchMethod", {"x": 1})
    assert got.get("error", {}).get("code") == -32601, got

    # wrong parameter types: -32602 Invalid params
    for method, params in (("textDocument/hover", {"textDocument": 5, "position": "here"}),
                           ("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": [],
                                                        "context": {"diagnostics": "none"}}),
                           ("textDocument/diagnostic", {"textDocument": ["not", "an", "object"]})):
        got = await c.request(method, params)
        assert got.get("error", {}).get("code") == -32602, (method, got)

    # a notification with bad params must not take the server down either
    await c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": "x"},
                                              "contentChanges": "nope"})

    # ...and it keeps working: an edit still gets its diagnostics
    session.versions[uri] += 1
    session.texts[uri] = "FROM alpine:3.20\nRUN pip install flask\n"
    await c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": session.versions[uri]},
                                              "contentChanges": [{"text": session.texts[uri]}]})
    diags = await c.wait_version(uri, session.versions[uri])
    assert "DL3042" in {d["code"] for d in diags}
    assert c.proc.returncode is None


async def test_cancelled_requests_are_answered(session: Session):
    c = session.client
    assert c is not None, "the storm test did not run"
    uri = max(session.texts, key=lambda u: len(session.texts[u]))
    futures = []
    for k in range(30):
        method, params = (("textDocument/codeAction", {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll.dockwise"]}}) if k % 2 else
            ("textDocument/diagnostic", {"textDocument": {"uri": uri}}))
        msg_id, fut = c.start_request(method, params)
        c.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": msg_id}})
        futures.append(fut)
    # cancelling an id that is not pending (done long ago, or never sent) is harmless
    c.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 1}})
    c.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 987654}})
    await c.proc.stdin.drain()
    answers = await asyncio.wait_for(asyncio.gather(*futures), 30)
    for a in answers:
        assert "result" in a or a["error"]["code"] == -32800, a
    # still responsive
    got = await c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 1}})
    assert "result" in got
    assert c.proc.returncode is None


async def test_clean_shutdown_and_exit(session: Session):
    c = session.client
    assert c is not None, "the storm test did not run"
    got = await c.request("shutdown", None)
    assert got == {"jsonrpc": "2.0", "id": got["id"], "result": None}, got
    await c.notify("exit", None)
    code = await asyncio.wait_for(c.proc.wait(), 10)
    stderr = (await c.proc.stderr.read()).decode(errors="replace")
    c.reader.cancel()
    assert code == 0, stderr
