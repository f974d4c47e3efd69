"""Typing into the language server: changes that queue up are checked together, a burst of
typing does not starve publishing, versions are never published out of order, and code actions
answer only for the diagnostics under the requested range. Driven over raw pipes (the server's
own reader) by the same minimal client as the latency benchmark."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import sys
from pathlib import Path

import pytest

from dockwise.engine.check import check
from dockwise.rules.registry import all_rules
from lsp_wire import JsonRpcClient
from service_client import PublishedVersions
from shared_data import corpus_dockerfiles


def ollama() -> str:
    """A real multi-stage Dockerfile (CUDA/ROCm stages built FROM each other), repeated as a
    long file is: enough text that a check is not instant."""
    path = next(p for p in corpus_dockerfiles() if p.parent.name == "ollama__ollama" and p.name == "Dockerfile")
    return path.read_text() * 3


class Recorder(JsonRpcClient):
    def __init__(self, proc, settings) -> None:
        self.published: list[tuple[float, int | None, list]] = []
        self.event = asyncio.Event()
        super().__init__(proc, settings)

    def on_notification(self, msg: dict, arrived: float) -> None:
        if msg.get("method") == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.published.append((arrived, p.get("version"), p["diagnostics"]))
            self.event.set()

    async def version_published(self, version: int, timeout: float = 60) -> None:
        async def until():
            while not any(v == version for _, v, _ in self.published):
                self.event.clear()
                await self.event.wait()
        await asyncio.wait_for(until(), timeout)


async def serve(workspace: Path, settings: dict) -> Recorder:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "dockwise", "lsp", cwd=workspace,
                                                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.DEVNULL, env=dict(os.environ))
    c = Recorder(proc, {"dockwise": settings})
    await c.request("initialize", {"processId": os.getpid(), "rootUri": workspace.as_uri(), "capabilities": {
        "textDocument": {"publishDiagnostics": {"versionSupport": True}}},
        "initializationOptions": {"settings": settings}}, timeout=60)
    await c.notify("initialized", {})
    return c


async def stop(c: Recorder) -> None:
    await c.request("shutdown", None, timeout=60)
    await c.notify("exit", None)
    await asyncio.wait_for(c.proc.wait(), 30)
    c.reader.cancel()


def keystrokes(text: str, typed: str) -> tuple[list[dict], str]:
    """didChange content changes typing `typed` one character at a time at the end of the
    middle RUN's first line, and the text they make."""
    lines = text.split("\n")
    line = [i for i, l in enumerate(lines) if l.startswith("RUN ")][len(lines) // 200]
    col = len(lines[line])
    changes = []
    for k, ch in enumerate(typed):
        changes.append({"range": {"start": {"line": line, "character": col + k}, "end": {"line": line, "character": col + k}},
                        "text": ch})
    lines[line] += typed
    return changes, "\n".join(lines)


async def open_document(c, uri: str, text: str) -> None:
    """Open `text` as version 1 and wait for its diagnostics."""
    await c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1,
                                                             "text": text}})
    await c.version_published(1)


async def test_changes_that_queue_up_are_checked_together_and_in_order(workspace):
    text = ollama()
    typed = " && pip install flask && apt-get install -y curl"
    changes, final = keystrokes(text, typed)
    c = await serve(workspace, {"debounceMs": 0})
    uri = (workspace / "Dockerfile").as_uri()
    try:
        await open_document(c, uri, text)
        # every keystroke sent at once, as they pile up while the server is busy
        for version, change in enumerate(changes, 2):
            c.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        await c.proc.stdin.drain()
        last = len(changes) + 1
        await c.version_published(last)
        versions = [v for _, v, _ in c.published]
        assert versions == sorted(versions) and len(set(versions)) == len(versions), versions
        # checked together: not once per keystroke (48 of them)
        assert len(versions) - 1 <= 4, versions
        got = await c.request("dockwise/documentText", {"uri": uri})
        assert got["result"]["text"] == final
        # (rules reading the build context, the workspace here, are left out: check() gets none)
        contextual = {code for code, rule in all_rules().items() if rule.needs_context}
        want = sorted((d.code, d.line, d.column) for d in check(final, str(workspace / "Dockerfile")))
        published = sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
                           for d in c.published[-1][2] if d["code"] not in contextual)
        assert published == want
    finally:
        await stop(c)


async def test_a_burst_of_typing_does_not_starve_publishing(workspace):
    """A debounce far longer than the gap between keystrokes (a minute here): diagnostics must
    still come while the user types, not only after."""
    text = ollama()
    typed = "x" * 30
    changes, _ = keystrokes(text, typed)
    c = await serve(workspace, {"debounceMs": 60_000})
    uri = (workspace / "Dockerfile").as_uri()
    try:
        await open_document(c, uri, text)
        for version, change in enumerate(changes, 2):
            await c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                      "contentChanges": [change]})
            await asyncio.sleep(1 / 30)  # 30 characters a second
        final = len(changes) + 1
        await c.version_published(final)  # the last keystroke's, not a minute later
        # and versions typed before it were published on the way: the burst did not hold
        # publishing back until the debounce (a minute) ran out
        during = [v for _, v, _ in c.published if 1 < v < final]
        assert during, [v for _, v, _ in c.published]
        versions = [v for _, v, _ in c.published]
        assert versions == sorted(versions), versions
    finally:
        await stop(c)


async def test_code_actions_answer_only_for_the_diagnostics_under_the_range(workspace):
    text = ("FROM python:3.12\n"
            "RUN pip install flask\n"
            "RUN apt-get update && apt-get install -y curl\n"
            "RUN pip install requests\n"
            'CMD ["python", "app.py"]\n')
    c = await serve(workspace, {"debounceMs": 0})
    uri = (workspace / "Dockerfile").as_uri()
    try:
        await open_document(c, uri, text)
        every = c.published[-1][2]
        assert {d["range"]["start"]["line"] for d in every} >= {1, 2, 3}

        async def actions(line: int, character: int) -> list[dict]:
            pos = {"line": line, "character": character}
            got = await c.request("textDocument/codeAction", {
                "textDocument": {"uri": uri}, "range": {"start": pos, "end": pos},
                "context": {"diagnostics": every, "only": ["quickfix"]}})
            return got["result"] or []

        on_line_3 = await actions(3, 6)
        answered = [d for a in on_line_3 for d in a.get("diagnostics") or []]
        under = [d for d in every if d["range"]["start"]["line"] <= 3 <= d["range"]["end"]["line"]]
        assert answered and all(d in under for d in answered), json.dumps(on_line_3)[:600]
        assert {d["code"] for d in answered} == {d["code"] for d in under}
        quick = [a for a in on_line_3 if a["title"].startswith("dockwise (")]
        assert quick and all(e["range"]["start"]["line"] == 3 for a in quick for e in a["edit"]["changes"][uri])
        # at the FROM line: only what is reported there (DW200, no USER), nothing from the RUNs
        on_from = [d for a in await actions(0, 0) for d in a.get("diagnostics") or []]
        assert on_from and all(d["range"]["start"]["line"] == 0 for d in on_from), on_from
    finally:
        await stop(c)


def test_an_older_version_is_never_published_after_a_newer_one():
    from dockwise.lsp.service import Service

    client = PublishedVersions()
    service = Service(client)
    from lsprotocol import types as lsp
    doc = service.open(lsp.TextDocumentItem(uri="file:///w/Dockerfile", language_id="dockerfile", version=7,
                                            text="FROM alpine:3.20\nRUN pip install flask\n"))
    assert client.sent == [7]
    doc.version = 5  # a late check of an older version (as a stray timer could run)
    doc.checked_version = -1
    service.publish(doc)
    assert client.sent == [7]
    doc.version = 8
    service.publish(doc)
    assert client.sent == [7, 8]


async def test_disk_changes_count_from_the_next_edit_without_file_watchers(workspace):
    """A client that cannot watch files (Neovim 0.7) never says that `.dockerignore` or the
    configuration changed on disk (a `git checkout`, another editor): the server stats them
    when it checks, so a stale finding does not survive the next edit."""
    (workspace / "package.json").write_text('{"name": "app"}\n')
    (workspace / ".dockerignore").write_text("*.json\n")
    text = "FROM node:20.11-bookworm\nWORKDIR /app\nCOPY package.json ./\nRUN pip install flask\n"
    c = await serve(workspace, {"debounceMs": 0})
    uri = (workspace / "Dockerfile").as_uri()
    (workspace / "Dockerfile").write_text(text)

    async def edit(version: int) -> set[str]:
        """Type a space at the end of the RUN line and return the codes of its diagnostics."""
        await c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [
            {"range": {"start": {"line": 3, "character": 21}, "end": {"line": 3, "character": 21}}, "text": " "}]})
        await c.version_published(version)
        return {d["code"] for _, v, ds in c.published if v == version for d in ds}

    try:
        await open_document(c, uri, text)
        first = {d["code"] for d in c.published[-1][2]}
        assert {"DW520", "DL3042"} <= first, first
        assert {"DW520", "DL3042"} <= await edit(2)  # nothing changed on disk: the same
        (workspace / ".dockerignore").write_text("node_modules\n")
        after_ignore = await edit(3)
        assert "DW520" not in after_ignore and "DL3042" in after_ignore, after_ignore
        (workspace / ".dockwise.toml").write_text('ignore = ["DL3042"]\n')
        after_config = await edit(4)
        assert "DL3042" not in after_config, after_config
        (workspace / ".dockwise.toml").unlink()
        (workspace / ".dockerignore").write_text("*.json\n")
        assert {"DW520", "DL3042"} <= await edit(5)
    finally:
        await stop(c)


async def test_a_result_overtaken_during_its_check_is_dropped_for_the_newer_version():
    """A change that arrives while a check runs (unread input when it ends) makes the server
    read it and publish the newer version's check instead of the older one's."""
    from lsprotocol import types as lsp

    from dockwise.lsp.service import Service

    client = PublishedVersions()
    service = Service(client)
    uri = "file:///w/Dockerfile"
    doc = service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1,
                                            text="FROM python:3.12\nRUN pip install flask\n"))
    assert client.sent == [1]
    queued: list = []
    real_lint = service.lint

    def lint(d):
        out = real_lint(d)
        if d.version == 2:  # the user typed on while version 2 was being checked
            queued.append(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(1, 22), lsp.Position(1, 22)),
                                                      text=" requests")]))
        return out

    service.lint = lint
    service.input_waiting = lambda: bool(queued)
    service.change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(1, 4), lsp.Position(1, 4)), text=" ")]))
    for _ in range(200):  # the event loop: read what waits, let timers fire
        while queued:
            service.change(queued.pop(0))
        await asyncio.sleep(0.005)
        if client.sent[-1] == 3:
            break
    assert client.sent == [1, 3]  # version 2's check was dropped, not published after all
    assert doc.text.endswith("RUN  pip install flask requests\n")


def test_a_keystroke_is_judged_by_what_it_typed_and_the_whole_text_once_it_had_a_problem():
    """Document problems (binary, too large, not UTF-8) are found by scanning only what an edit
    put in, while the document had none; once it has one the whole text is judged again."""
    from lsprotocol import types as lsp

    from dockwise.lsp.documents import Document

    def typed(doc: Document, line: int, col: int, text: str, end: int | None = None) -> None:
        rng = lsp.Range(lsp.Position(line, col), lsp.Position(line, col if end is None else end))
        doc.apply(lsp.TextDocumentContentChangePartial(range=rng, text=text), (doc.version or 0) + 1)

    doc = Document("file:///w/Dockerfile", "dockerfile", "")
    doc.set_text("FROM alpine:3.20\nRUN echo hi\n", 1)
    typed(doc, 1, 11, " \x00")
    assert doc.problem is not None and "binary" in doc.problem and doc.model is None
    typed(doc, 1, 11, "", 13)  # deleted again: the whole text is clean
    assert doc.problem is None and doc.model is not None and doc.text == "FROM alpine:3.20\nRUN echo hi\n"
    typed(doc, 1, 11, " 😀")
    assert doc.problem is None
    typed(doc, 1, 11, "\ud800")  # a lone surrogate, as a JSON escape can deliver it
    assert doc.problem is not None and "UTF-8" in doc.problem


def test_the_debounce_is_never_longer_than_a_check_of_the_document(monkeypatch):
    """Waiting for more keystrokes saves work only when a check costs more than the wait: a
    file checked in under FAST_CHECK_S (up to ~5,000 lines on an idle machine) is checked at
    once, a slower one after as long as its last check took (at most half the time goes to
    checking while someone types), a long file's after the configured debounce."""
    from lsprotocol import types as lsp

    from dockwise.lsp import service as service_mod
    from dockwise.lsp.service import Service

    service = Service(PublishedVersions())
    uri = "file:///w/Dockerfile"
    doc = service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1,
                                            text="FROM python:3.12\nRUN pip install flask\n"))
    assert doc.check_s is not None  # the open's check was measured
    delays: list[float] = []
    monkeypatch.setattr(service, "_later", lambda d, delay: delays.append(delay))
    monkeypatch.setattr(service_mod.time, "monotonic", lambda: 1000.0)  # the schedule, not the clock

    def keystroke(version: int) -> float:
        doc.dirty_since = None
        service.change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(1, 4), lsp.Position(1, 4)), text="x")]))
        return delays[-1]

    assert service.settings.debounce_ms == 30
    doc.check_s = 0.004  # a check as of a few hundred lines: at once
    assert keystroke(2) == 0.0
    doc.check_s = 0.025  # as of 5,000 lines: at once too
    assert keystroke(3) == 0.0
    doc.check_s = 0.2  # as of 20,000 lines: the configured debounce
    assert keystroke(4) == pytest.approx(0.03)
    service.settings = dataclasses.replace(service.settings, debounce_ms=100)  # a slower check waits as long as it took
    doc.check_s = 0.045
    assert keystroke(5) == pytest.approx(0.045)
    doc.check_s = 0.2  # never longer than MAX_WAIT_S, whatever the debounce
    assert keystroke(6) == pytest.approx(service_mod.MAX_WAIT_S) and service_mod.MAX_WAIT_S < 0.1
