"""Garbage collection happens off the path from a keystroke to its diagnostics (lsp/collector.py).

Counted, not timed: with the server's collector settings, edits of a 5,000-line Dockerfile made
of corpus files run no collection while they are checked (Python's own thresholds ran one every
few edits, in the middle of a check, walking the model's new objects), each published check is
followed by one young collection, and a pause freezes the survivors (the open models), so later
collections never walk them again.
"""

from __future__ import annotations

import gc

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
    with collections_while_checking(service) as collections:
        edits = 30
        for k in range(edits):
            line = run_lines[len(run_lines) // 4 + k // 2]
            insert = k % 2 == 0  # type a character into a RUN, then delete it
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, 4), lsp.Position(line, 4 if insert else 5)), text="x" if insert else "")
            service.change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=k + 2), [change]))
            server_collector.edited()  # as the didChange handler does (no loop here: no timers)
    assert client.sent == list(range(1, edits + 2))  # every edit checked and published
    assert collections == []
    assert server_collector.young == edits + 1  # one young collection after each publish

    # a pause: the survivors (the model) are frozen, out of every later collection's way
    frozen_before = gc.get_freeze_count()
    server_collector.collect_idle()
    assert gc.get_freeze_count() > frozen_before
    assert gc.get_count()[0] == 0


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
        assert collector.young == 1  # no loop here: at once
    finally:
        service.docs.pop(uri, None)
