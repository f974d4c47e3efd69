"""Garbage collection happens off the path from a keystroke to its diagnostics (lsp/collector.py).

Counted, not timed: with the server's collector settings, edits of a 5,000-line Dockerfile made
of corpus files run no collection while they are checked (Python's own thresholds ran one every
few edits, in the middle of a check, walking the model's new objects), nor after it (what a
published check leaves is frozen, not walked), and cyclic garbage frozen that way is freed once
the frozen objects double.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from lsprotocol import types as lsp
from gc_probe import collections_while_checking
from service_client import PublishedVersions
from shared_data import corpus_dockerfiles

from dockwise.lsp import collector as collector_mod
from dockwise.lsp.service import Service


def long_dockerfile(lines: int) -> str:
    out, count = [], 0
    for path in corpus_dockerfiles():
        data = path.read_bytes()
        if b"\x00" in data or b"\r" in data or b"escape=" in data[:200]:
            continue
        text = data.decode("utf-8", "replace")
        out.append(text if text.endswith("\n") else text + "\n")
        count += text.count("\n")
        if count >= lines:
            break
    return "".join(out)


@pytest.fixture
def server_collector():
    """The server's collector settings, restored afterwards."""
    thresholds = gc.get_threshold()
    collector_mod.configure()
    collector = collector_mod.Collector()
    collector.kept = gc.get_freeze_count()
    try:
        yield collector
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_no_collection_runs_while_an_edit_is_checked(server_collector, monkeypatch, tmp_path):
    monkeypatch.setattr("dockwise.lsp.service.collector", server_collector)
    text = long_dockerfile(5000)
    lines = text.split("\n")
    run_lines = [i for i, line in enumerate(lines) if line.startswith("RUN ") and len(line) > 8]
    assert text.count("\n") >= 5000 and len(run_lines) > 100

    client = PublishedVersions()
    service = Service(client)
    uri = (tmp_path / "Dockerfile").as_uri()
    (tmp_path / "Dockerfile").write_text(text)
    service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=text))
    anywhere: list[int] = []

    def watch(phase, info):
        if phase == "start":
            anywhere.append(info["generation"])

    with collections_while_checking(service) as collections:
        gc.callbacks.append(watch)
        edits = 30
        for k in range(edits):
            line = run_lines[len(run_lines) // 4 + k // 2]
            insert = k % 2 == 0  # type a character into a RUN, then delete it
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, 4), lsp.Position(line, 4 if insert else 5)), text="x" if insert else "")
            service.change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=k + 2), [change]))
            server_collector.edited()  # as the didChange handler does (no loop here: no timers)
            assert gc.get_count()[0] == 0  # what the check left was frozen
        gc.callbacks.remove(watch)
    assert client.sent == list(range(1, edits + 2))  # every edit checked and published
    assert collections == [] and anywhere == []  # nothing walked, in a check or after it
    assert server_collector.checks == edits + 1  # one freeze after each publish

    # a pause: what came since the last check and survives is frozen too
    frozen_before = gc.get_freeze_count()
    since = [[] for _ in range(100)]
    server_collector.collect_idle()
    assert gc.get_freeze_count() >= frozen_before + len(since)
    assert server_collector.full == 0


class Node:
    pass


def garbage_cycle() -> weakref.ref:
    node = Node()
    node.itself = node
    return weakref.ref(node)


def test_cyclic_garbage_frozen_after_a_check_is_freed_once_the_frozen_objects_double(server_collector,
                                                                                      monkeypatch):
    monkeypatch.setattr(collector_mod, "FLOOR", 0)
    server_collector.kept = gc.get_freeze_count() // 2 + 5_000  # just below the bound
    cycle = garbage_cycle()
    server_collector.checked()  # frozen with what the check left
    server_collector.collect_idle()
    assert cycle() is not None and server_collector.full == 0  # a pause walks only what came since

    grown = [[] for _ in range(20_000)]  # the frozen objects pass twice what was kept
    server_collector.checked()
    server_collector.collect_idle()
    assert cycle() is None and server_collector.full == 1
    assert server_collector.kept >= len(grown)  # the new bound follows what is alive


def test_a_long_pause_frees_frozen_garbage(server_collector):
    cycle = garbage_cycle()
    server_collector.checked()
    server_collector.collect_all()
    assert cycle() is None


def test_loading_the_server_runs_few_collections_and_the_servers_thresholds_after(tmp_path):
    """`dockwise lsp` collects rarely while it loads the server (few of its objects are garbage:
    Python's thresholds collected 132 times) and sets the server's thresholds after."""
    import subprocess
    import sys
    script = (
        "import gc, sys\n"
        "from dockwise.lsp import early\n"
        "collections = []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and collections.append(info))\n"
        "with open(sys.argv[1], 'rb') as fh:\n"  # a file, not a pipe: nothing is answered early
        "    early.answer_initialize('0', stdin=fh.fileno())\n"
        "import dockwise.lsp.server\n"
        "from dockwise.lsp import collector\n"
        "loading = len(collections)\n"
        "collector.configure()\n"
        "print(loading, gc.isenabled(), gc.get_threshold() == collector.BACKSTOP)\n")
    (tmp_path / "input").write_bytes(b"")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "input")], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    loading, enabled, thresholds = done.stdout.split()
    assert int(loading) <= 20 and enabled == "True" and thresholds == "True", done.stdout


def test_pulled_diagnostics_are_followed_by_a_young_collection(monkeypatch, tmp_path):
    """A client that pulls diagnostics (no publish) gets the same: the check's young objects
    are collected once the answer is out, not left for a collection in a later check."""
    from dockwise.lsp import server as server_mod
    collector = collector_mod.Collector()
    monkeypatch.setattr(server_mod, "collector", collector)
    service = server_mod.service
    monkeypatch.setattr(service, "pull", True)
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN pip install flask\n")
    uri = (tmp_path / "Dockerfile").as_uri()
    service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1,
                                      text="FROM python:3.12\nRUN pip install flask\n"))
    try:
        report = server_mod.document_diagnostic(server_mod.server, lsp.DocumentDiagnosticParams(
            text_document=lsp.TextDocumentIdentifier(uri)))
        assert any(d["code"] == "DL3042" for d in report["items"])
        assert collector.checks == 1  # no loop here: at once
    finally:
        service.docs.pop(uri, None)


def test_what_a_check_replaces_is_freed_after_its_result_is_out(tmp_path):
    """The last checked model and its findings are freed once the new diagnostics are
    published, not inside the check (freeing them was ~10% of a check at 20,000 lines)."""
    text = "FROM python:3.12\n" + "".join(f"RUN pip install pkg{i}\n" for i in range(200))
    previous = None

    class Client(PublishedVersions):
        def publish_json(self, uri, items, version) -> None:
            super().publish_json(uri, items, version)
            self.alive_at_publish = previous is not None and previous() is not None

    client = Client()
    service = Service(client)
    uri = (tmp_path / "Dockerfile").as_uri()
    service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=text))
    doc = service.docs[uri]
    previous = weakref.ref(doc.model)
    change = lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(5, 4), lsp.Position(5, 4)), text="x")
    service.change(lsp.DidChangeTextDocumentParams(lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [change]))
    assert client.sent == [1, 2]
    assert client.alive_at_publish  # held through the check and the publish
    assert previous() is None and doc.retired is None  # freed right after
