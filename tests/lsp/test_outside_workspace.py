"""A document outside the workspace folders: the server reads and writes nothing outside them.

The real server runs under a Python audit hook that records every file it opens (for reading
or writing), every folder it lists and every file it renames, removes or creates. A project
next to the workspace (`outside/`, with a `.dockerignore`, a configuration, build files and
sources a context lookup would read) has its Dockerfile opened in the editor; the test asks
for diagnostics, every code action, fix-all and workspace diagnostics, and then checks the
record: outside the workspace only that document may be read (the editor sent it), nothing
is listed or written, and nothing above the workspace is listed either.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import lsp_harness
import pytest
from lsp_harness import start
from lsprotocol import types as lsp

# Installed before dockwise is imported; writes with os.write to a descriptor opened first,
# so that recording never records itself.
AUDITED_SERVER = r"""
import os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
CHANGES = {"os.rename": 2, "os.replace": 2, "os.remove": 1, "os.rmdir": 1, "os.mkdir": 1, "os.chmod": 1,
           "os.chown": 1, "os.truncate": 1, "os.utime": 1, "os.link": 2, "os.symlink": 2, "shutil.copyfile": 2,
           "shutil.move": 2, "shutil.rmtree": 1}

def record(kind, path):
    if isinstance(path, int) or path is None:
        return
    try:
        path = os.path.abspath(os.fsdecode(path))
    except (TypeError, ValueError):
        return
    os.write(log, f"{kind}\t{path}\n".encode("utf-8", "surrogateescape"))

def hook(event, args):
    if event == "open":
        path, mode, flags = args
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) and mode else bool((flags or 0) & WRITE_FLAGS)
        record("write" if writes else "read", path)
    elif event in ("os.listdir", "os.scandir"):
        record("list", args[0] if args else ".")
    elif event in CHANGES:
        for path in args[:CHANGES[event]]:
            record("write", path)

sys.addaudithook(hook)
sys.argv = ["dockwise", "lsp"]
from dockwise.cli import main
sys.exit(main(["lsp"]))
"""

OUTSIDE_DOCKERFILE = ("FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      "RUN apt-get update\nRUN apt-get install -y curl\nCMD [\"python\", \"app.py\"]\n")


def _project(root: Path) -> None:
    """A small Python service with its build files, as a context lookup would want to read them."""
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("print('hi')\n")
    (root / "requirements.txt").write_text("flask==3.0.0\n")
    (root / ".dockerignore").write_text(".git\n*.pyc\n")
    (root / "docker-compose.yml").write_text("services:\n  web:\n    build: .\n")
    (root / ".dockwise.toml").write_text('[tool.dockwise]\nignore = ["DW200"]\n')
    (root / "Dockerfile").write_text(OUTSIDE_DOCKERFILE)


def _inside(path: str, folder: Path) -> bool:
    return path == str(folder) or path.startswith(str(folder) + os.sep)


async def test_a_document_outside_the_workspace_reads_and_writes_nothing_outside(tmp_path, monkeypatch):
    base = tmp_path.resolve()
    ws, outside = base / "ws", base / "outside"
    ws.mkdir()
    (ws / "Dockerfile").write_text("FROM alpine:3.20\nRUN pip install flask\n")
    (ws / "requirements.txt").write_text("flask\n")
    _project(outside)
    before = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    log = base / "audit.log"
    monkeypatch.setattr(lsp_harness, "SERVER", [sys.executable, "-c", AUDITED_SERVER, str(log)])

    async with start(ws, pull=True) as s:
        uri = (outside / "Dockerfile").as_uri()
        s.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=OUTSIDE_DOCKERFILE)))
        report = await s.client.text_document_diagnostic_async(
            lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri)))
        codes = {d.code for d in report.items}
        assert "DL3042" in codes and "DL3009" in codes  # the document itself is checked
        whole = lsp.Range(lsp.Position(0, 0), lsp.Position(len(OUTSIDE_DOCKERFILE.splitlines()), 0))
        actions = await s.code_actions(uri, whole, report.items)
        assert actions, "the outside document still gets its quick fixes"
        fix_all = await s.code_actions(uri, whole, report.items, only=["source.fixAll.dockwise"])
        assert fix_all and all(a.kind == "source.fixAll.dockwise" for a in fix_all)
        for action in list(actions) + list(fix_all):
            if action.edit is None and action.data is not None:
                await s.client.code_action_resolve_async(action)
        for line in range(len(OUTSIDE_DOCKERFILE.splitlines())):
            await s.hover(uri, line, 1)
        scan = await s.client.workspace_diagnostic_async(lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
        scanned = {item.uri for item in scan.items}
        assert (ws / "Dockerfile").as_uri() in scanned  # the workspace itself is scanned
        assert not any(u.startswith(outside.as_uri()) for u in scanned - {uri})

    events = [line.split("\t", 1) for line in log.read_text("utf-8", "surrogateescape").splitlines()]
    assert any(kind == "list" and _inside(path, ws) for kind, path in events), "the audit hook recorded nothing"
    document = str(outside / "Dockerfile")
    beyond = sorted({(kind, path) for kind, path in events
                     if _inside(path, outside) and not (kind == "read" and path == document)})
    assert not beyond, f"the server touched files outside the workspace: {beyond}"
    above = sorted({(kind, path) for kind, path in events
                    if _inside(path, base) and not _inside(path, ws) and not _inside(path, outside)
                    and kind != "read" and path != str(log)})
    assert not above, f"the server listed or wrote above the workspace: {above}"
    assert {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} == before
