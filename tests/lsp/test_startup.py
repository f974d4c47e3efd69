"""`initialize` is answered before the server is loaded (lsp/early.py), with exactly what the
loaded server would have answered, and the server then goes on from the same message."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dockwise.lsp import early


def framed(msg: dict) -> bytes:
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def messages(out: bytes) -> list[dict]:
    found = []
    while out:
        header, _, rest = out.partition(b"\r\n\r\n")
        length = next(int(h.split(b":")[1]) for h in header.split(b"\r\n") if h.lower().startswith(b"content-length"))
        found.append(json.loads(rest[:length]))
        out = rest[length:]
    return found


def session(capabilities: dict, tmp_path, how: str) -> list[dict]:
    """Every message the server sends for: initialize, initialized, didOpen of a Dockerfile,
    shutdown, exit; stdin a pipe (answered early) or a file (the server's own answer)."""
    uri = (tmp_path / "Dockerfile").as_uri()
    sent = [{"jsonrpc": "2.0", "id": 1, "method": "initialize",
             "params": {"capabilities": capabilities, "rootUri": tmp_path.as_uri(),
                        "initializationOptions": {"settings": {"debounceMs": 0}}}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM python:3.12\nRUN pip install flask\n"}}},
            {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
            {"jsonrpc": "2.0", "method": "exit"}]
    data = b"".join(framed(m) for m in sent)
    if how == "pipe":
        done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], input=data, capture_output=True, timeout=120)
    else:
        requests = tmp_path / "requests"
        requests.write_bytes(data)
        with open(requests, "rb") as fh:
            done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], stdin=fh, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return messages(done.stdout)


CLIENTS = {
    "nothing": {},
    "utf-8 first": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
    "utf-32 only": {"general": {"positionEncodings": ["utf-32"]}},
    "unknown encoding": {"general": {"positionEncodings": ["ebcdic"]}},
    "neovim-like": {"textDocument": {"synchronization": {"willSave": True, "willSaveWaitUntil": True, "didSave": True},
                                     "publishDiagnostics": {"versionSupport": True}},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": False}, "configuration": True},
                    "notebookDocument": {"synchronization": {}}},
}


@pytest.mark.parametrize("client", list(CLIENTS))
def test_the_early_answer_is_the_servers_own(client, tmp_path):
    early_run = session(CLIENTS[client], tmp_path, "pipe")
    loaded_run = session(CLIENTS[client], tmp_path, "file")
    for run in (early_run, loaded_run):
        answers = [m for m in run if m.get("id") == 1]
        assert len(answers) == 1, answers  # answered once, not twice
        published = [m for m in run if m.get("method") == "textDocument/publishDiagnostics"]
        assert any(d["code"] == "DL3042" for d in published[-1]["params"]["diagnostics"])
        assert any(m.get("id") == 2 for m in run)
    assert [m for m in early_run if m.get("id") == 1] == [m for m in loaded_run if m.get("id") == 1]


def test_the_first_message_is_answered_early_only_when_it_is_initialize(tmp_path):
    assert early.is_lsp_command(["/usr/bin/dockwise", "lsp"]) and early.is_lsp_command(["-m", "lsp", "--stdio"])
    assert not early.is_lsp_command(["/usr/bin/dockwise", "lsp", "--tcp", "127.0.0.1:2087"])
    assert not early.is_lsp_command(["/usr/bin/dockwise", "check", "Dockerfile"])
    assert not early.is_lsp_command(["/usr/bin/pytest", "lsp"])
    # a request before initialize goes to the server (which refuses it), never answered early
    sent = [{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///x/Dockerfile"}, "position": {"line": 0, "character": 0}}},
        {"jsonrpc": "2.0", "id": 8, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "id": 9, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]
    done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], input=b"".join(framed(m) for m in sent),
                          capture_output=True, timeout=120)
    got = messages(done.stdout)
    assert [m.get("id") for m in got if "id" in m].count(8) == 1
    assert any(m.get("id") == 9 for m in got)


def test_garbage_first_is_left_to_the_server(tmp_path):
    data = b"Content-Length: 5\r\n\r\n{oops" + framed({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                                       "params": {"capabilities": {}}}) + \
        framed({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) + framed({"jsonrpc": "2.0", "method": "exit"})
    done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], input=data, capture_output=True, timeout=120)
    got = messages(done.stdout)
    assert [m.get("id") for m in got].count(1) == 1 and any(m.get("id") == 2 for m in got)
