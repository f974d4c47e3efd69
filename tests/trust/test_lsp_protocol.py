"""The base protocol over stdio, as the specification asks: -32002 before `initialize`, a clean
`shutdown` while handlers wait on the client, exit code 1 for `exit` without `shutdown`, and a
clean stop with a log line when a header loses the message framing."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

TIMEOUT = 60
DOC = "file:///tmp/dockwise-protocol/Dockerfile"


class Client:
    """A raw client over the server's pipes: answers `workspace/configuration` with null (as
    some clients do) and every other server request with null too."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "dockwise", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=dict(os.environ, NO_COLOR="1"))
        self.inbox: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            msg = json.loads(out.read(length))
            if "method" in msg and "id" in msg:  # the server asks: null for everything
                try:
                    self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                except (ValueError, OSError):
                    pass  # the test already closed the server's input (it is stopping it)
            self.inbox.put(msg)

    def send_raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def response(self, msg_id) -> dict:
        while True:
            msg = self.inbox.get(timeout=TIMEOUT)
            assert msg is not None, "the server closed its output"
            if msg.get("id") == msg_id and "method" not in msg:
                return msg

    def initialize(self) -> None:
        self.send({"jsonrpc": "2.0", "id": "init", "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {
                       "workspace": {"configuration": True}}}})
        assert "result" in self.response("init")
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def finish(self) -> tuple[int, str]:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        code = self.proc.wait(timeout=TIMEOUT)
        return code, self.proc.stderr.read().decode(errors="replace")


def test_a_request_before_initialize_gets_server_not_initialized():
    c = Client()
    c.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": DOC}, "position": {"line": 0, "character": 0}}})
    assert c.response(1)["error"]["code"] == -32002
    c.initialize()  # and the server still starts normally
    c.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert c.response(2)["result"] is None
    c.send({"jsonrpc": "2.0", "method": "exit"})
    code, err = c.finish()
    assert code == 0 and "Traceback" not in err, err


def test_exit_without_shutdown_exits_1():
    c = Client()
    c.initialize()
    c.send({"jsonrpc": "2.0", "method": "exit"})
    code, err = c.finish()
    assert code == 1, err
    assert "Traceback" not in err, err


def test_shutdown_while_a_handler_waits_on_the_client_is_answered():
    for attempt in range(4):
        c = Client()
        c.initialize()
        c.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": DOC, "languageId": "dockerfile", "version": 1, "text": "FROM alpine\nRUN a\nRUN b\n"}}})
        c.send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": None}})
        c.send({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"})
        answer = c.response("bye")
        assert "error" not in answer and answer["result"] is None, (attempt, answer)
        c.send({"jsonrpc": "2.0", "method": "exit"})
        code, err = c.finish()
        assert code == 0 and "Traceback" not in err, err


def test_a_negative_content_length_stops_the_server_with_a_log_line():
    c = Client()
    c.initialize()
    c.send_raw(b'Content-Length: -5\r\n\r\n{"jsonrpc": "2.0", "id": 9, "method": "shutdown"}')
    code, err = c.finish()
    assert "framing is lost" in err, err
    assert "Traceback" not in err, err
    assert code == 1  # stopped without shutdown


async def test_a_broken_configuration_is_a_diagnostic_on_it_and_linting_goes_on(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lsp"))
    from lsp_harness import start
    root = tmp_path.resolve()
    (root / ".dockwise.toml").write_text("tool = 1\n")
    async with start(root, settings={"debounceMs": 0}) as s:
        diags = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install flask\n")
        assert "DL3042" in {str(d.code) for d in diags}  # linted with the defaults
        config_uri = s.uri(".dockwise.toml")
        for _ in range(200):
            if s.client.diagnostics.get(config_uri):
                break
            await asyncio.sleep(0.05)
        (problem,) = s.client.diagnostics[config_uri]
        assert "tool: expected a table" in problem.message and problem.source == "dockwise"
        shown = [*s.client.log_messages, *s.client.messages]
        assert not [m for m in shown if "Error in server" in m.message], shown
