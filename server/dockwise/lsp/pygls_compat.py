"""Where dockwise works around pygls: each class or function below says which behaviour of
which version it changes and why. Written against and tested with **pygls 2.1.1** and
**lsprotocol 2025.0.0** (`TESTED_WITH`; pyproject.toml accepts any pygls 2.x): they reach into
pygls internals (`_request_futures`, `_send_data`, `_send_response`, `_execute_handler`,
`fm.features`), so on a pygls upgrade read each one again, drop those the new version no longer
needs and update `TESTED_WITH` (tests/lsp/test_pygls_compat.py fails until then). The
handlers themselves are in `server.py`; nothing here knows dockwise's features.

The workarounds, each tested in tests/lsp:
  * pygls 2.1.1 logs a warning for every late `$/cancelRequest` (logging filter below);
  * pygls 2.1.1 never answers a request it cannot decode (`Protocol.structure_message`);
  * pygls 2.1.1 keeps a second copy of each document, rebuilt on every keystroke (the
    text-sync methods of `Protocol`);
  * pygls 2.1.1 leaks one Future per notification (`Protocol._execute_handler`);
  * pygls 2.1.1 reads stdin in a thread, three hand-offs per message (`Server.start_io`);
  * pygls 2.1.1 converts outgoing diagnostics through attrs and cattrs (`Server.publish_json`);
  * pygls 2.1.1 only logs a body that is not JSON (`Server.report_server_error`);
  * the `initialize` answered before pygls loaded (lsp/early.py) must not go out twice
    (`_Writer`, on pygls 2.1.1's `StdoutWriter`).
The guards the LSP specification asks for and pygls 2.1.1 leaves out (requests before
`initialize`, `shutdown` with pending requests, `exit` codes, a bad Content-Length) are in
guards.py, mixed into `Protocol` here.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import select
import stat
import sys
import threading

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from . import early
from .guards import ProtocolGuards, read_messages

log = logging.getLogger("dockwise.lsp")

TESTED_WITH = {"pygls": "2.1.1", "lsprotocol": "2025.0.0"}

# pygls 2.1.1 (pygls.protocol.json_rpc):
# Editors cancel requests they no longer need, often just after the answer went out: pygls
# then warns on stderr, and VS Code showed a line of it in the server's log every few moves.
logging.getLogger("pygls.protocol.json_rpc").addFilter(
    lambda record: not record.getMessage().startswith("Cancel notification for unknown message id"))


class _Answered:
    """A message already answered with an error; `handle_message` ignores it (not JSON-RPC 2.0)."""
    jsonrpc = None


_ANSWERED = _Answered()


class Protocol(ProtocolGuards, LanguageServerProtocol):
    """pygls 2.1.1's protocol, minus a leak: it files the future of every notification handled
    by a generator, coroutine or thread handler (didOpen/didChange/didClose/... all are, via its
    built-in workspace handlers) in `_request_futures` under a fresh uuid and never removes it,
    so each notification kept a Future alive forever: +20 MB of RSS per 1,000 edits in the
    load test (tests/trust/test_lsp_load.py). Requests were unaffected (their callback pops)."""

    def structure_message(self, data):
        """pygls 2.1.1 never answers a request it cannot decode: one with params of the wrong
        shape raised out of the reader (the client waited forever), one without a method was
        taken for a response. Answer both with the JSON-RPC error (-32602 / -32600)."""
        if not (isinstance(data, dict) and "jsonrpc" in data and "id" in data):
            return super().structure_message(data)
        msg_id = data["id"]
        answerable = isinstance(msg_id, (int, str)) and not isinstance(msg_id, bool)
        if "result" not in data and "error" not in data and not isinstance(data.get("method"), str):
            if answerable:
                self._send_response(msg_id, error=JsonRpcInvalidRequest(
                    'a request needs a string "method"').to_response_error())
            return _ANSWERED
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" not in data or not answerable:
                raise
            self._send_response(msg_id, error=exc.to_response_error())
            return _ANSWERED

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams):
        """pygls 2.1.1's built-in text sync keeps a second copy of each open document and
        rebuilds it line by line on every keystroke (~1 ms at 300 lines, several at 5,000);
        dockwise keeps its own (documents.py) and updates it in place, so didOpen, didChange
        and didClose go straight to our handlers without it."""
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        """pygls 2.1.1's text sync skipped: see `lsp_text_document__did_open`."""
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams):
        """pygls 2.1.1's text sync skipped: see `lsp_text_document__did_open`."""
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_CLOSE, params)

    _shutting_down = False

    @lsp_method(lsp.SHUTDOWN)
    def lsp_shutdown(self, *args):
        """pygls 2.1.1's shutdown cancels the pending futures while walking their table: noted,
        so that `_execute_handler`'s callback leaves the table alone meanwhile."""
        self._shutting_down = True
        return (yield from super().lsp_shutdown(*args))

    def _to_handler(self, method: str, params):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        """pygls 2.1.1 files every notification's future and never removes it (the leak in the
        class docstring): removed here once the handler is done."""
        def done(future, msg_id=msg_id):
            # not while pygls's shutdown walks the futures cancelling them (a cancelled
            # concurrent future calls this at once): "dictionary changed size during iteration"
            if self._request_futures.get(msg_id) is future and not self._shutting_down:
                del self._request_futures[msg_id]
            callback(future)
        super()._execute_handler(msg_id, handler, done, args, kwargs)


class Server(LanguageServer):
    """pygls 2.1.1's LanguageServer with a faster stdin, diagnostics sent as JSON and an answer
    to a body that is not JSON."""

    def input_waiting(self) -> bool:
        """Whether client messages wait to be handled (known only when reading a pipe)."""
        return False

    def start_io(self, stdin=None, stdout=None) -> None:
        """pygls 2.1.1 reads stdin in a worker thread, with three hand-offs to the event loop per
        message (two header lines, the body): when stdin is a pipe, read it in the loop itself
        (about 0.25 ms less per keystroke). A terminal, a file or Windows keep pygls's way
        (making a terminal non-blocking would upset the shell it belongs to)."""
        stdin = stdin or sys.stdin.buffer
        if os.name != "posix" or not _is_pipe(stdin):
            super().start_io(stdin, stdout)
            return
        self._stop_event = threading.Event()
        self.protocol.set_writer(_Writer(stdout or sys.stdout.buffer, early.answered_id))

        async def serve_pipe() -> None:
            reader = asyncio.StreamReader()
            if early.consumed:  # read before the server was loaded (lsp/early.py)
                reader.feed_data(early.consumed)
            await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stdin)
            self.input_waiting = lambda: _input_waiting(reader, stdin)
            await read_messages(self._stop_event, reader, self.protocol, self.report_server_error)

        try:
            asyncio.run(serve_pipe())
        except BrokenPipeError:
            log.error("dockwise: the connection to the client is lost; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    def publish_json(self, uri: str, items: list[dict], version: int | None) -> None:
        """textDocument/publishDiagnostics from diagnostics already in JSON form: pygls 2.1.1 would
        turn them into lsprotocol 2025.0.0's attrs objects and back through cattrs, which cost more than the check."""
        params = {"uri": uri, "diagnostics": items}
        if version is not None:
            params["version"] = version
        self.protocol._send_data({"jsonrpc": "2.0", "method": lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, "params": params})

    def report_server_error(self, error: Exception, source) -> None:
        """pygls 2.1.1 only logs a message body that is not JSON; JSON-RPC wants a -32700 response
        (id null) so the client knows its message was lost."""
        if isinstance(error, json.JSONDecodeError):
            log.warning("dockwise: a message that is not JSON: %s", error)
            self.protocol._send_response(None, error=JsonRpcParseError(str(error)).to_response_error())
            return
        super().report_server_error(error, source)


class _Writer(StdoutWriter):
    """pygls 2.1.1's stdout writer, which drops the server's own answer to an `initialize` request
    already answered before the server was loaded (lsp/early.py)."""

    def __init__(self, stdout, answered_id) -> None:
        super().__init__(stdout)
        self.answered_id = answered_id

    def write(self, data: bytes) -> None:
        """pygls 2.1.1's `StdoutWriter.write`, less the one answer lsp/early.py already sent."""
        if self.answered_id is not None:
            try:
                message = json.loads(data.partition(b"\r\n\r\n")[2])
            except ValueError:
                message = None
            if isinstance(message, dict) and message.get("id") == self.answered_id and "method" not in message:
                self.answered_id = None
                return
        super().write(data)


def _input_waiting(reader: asyncio.StreamReader, stdin) -> bool:
    """Whether messages wait to be handled: read but not handled yet, or still in the pipe."""
    if getattr(reader, "_buffer", None):
        return True
    try:
        return bool(select.select([stdin], [], [], 0)[0])
    except (OSError, ValueError):
        return False


def _is_pipe(stream) -> bool:
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # no descriptor (a test's BytesIO)
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
