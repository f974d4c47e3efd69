"""Protocol guards the LSP specification asks for and pygls 2.1 leaves out, kept apart from the
handlers (server.py): a mixin for the protocol class (pygls_compat.Protocol) and the stdio read loop.

- A null result (a client answering `workspace/configuration` with null) is taken as null,
  not logged as a message that cannot be read.
- A request before `initialize` is answered with -32002 (ServerNotInitialized); a notification
  before it is dropped (`exit` excepted).
- `shutdown` cancels the pending requests from a copy of their table: cancelling one runs its
  done-callback, which removes it from the table pygls was iterating (-32603 "dictionary changed
  size during iteration" when a notification handler was still waiting on the client).
- `exit` records the exit code the specification gives (0 after `shutdown`, else 1), for
  `serve()` to return; handlers the stopping loop cancels are not continued (no traceback).
- The read loop stops, with one log line, at a header block without a usable Content-Length
  (`Content-Length: -5`): past such a header the message boundaries are lost, and a server that
  kept reading would never answer again.
"""

from __future__ import annotations

import json
import logging
import re

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcServerNotInitialized
from pygls.protocol import JsonRPCResponseMessage
from pygls.protocol.language_server import lsp_method

log = logging.getLogger("dockwise.lsp")

BEFORE_INITIALIZE = frozenset({lsp.INITIALIZE, lsp.EXIT})


class ProtocolGuards:
    """Mixed in before pygls's LanguageServerProtocol."""

    initialize_seen = False
    exit_code: int | None = None
    input_ended = False  # the read loop is over (end of input, or framing lost)

    def structure_message(self, data):
        """A response with a null result (a client answering `workspace/configuration` with
        null) fits no typed response: pygls logged a traceback for it. It is taken as null."""
        if isinstance(data, dict) and "jsonrpc" in data and "id" in data and "method" not in data \
                and "error" not in data and data.get("result") is None:
            self._result_types.pop(data["id"], None)
            return self._converter.structure(data, JsonRPCResponseMessage)
        return super().structure_message(data)

    def handle_message(self, message):
        method = getattr(message, "method", None)
        if method is not None and not self.initialize_seen and method not in BEFORE_INITIALIZE:
            msg_id = getattr(message, "id", None)
            if msg_id is not None:
                self._send_response(msg_id, error=JsonRpcServerNotInitialized(
                    f"{method} before initialize").to_response_error())
            return
        if method == lsp.INITIALIZE:
            self.initialize_seen = True
        super().handle_message(message)

    @lsp_method(lsp.SHUTDOWN)
    def lsp_shutdown(self, *args):
        if (user_handler := self.fm.features.get(lsp.SHUTDOWN)) is not None:
            yield user_handler, args, None
        current = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current and not future.done():
                future.cancel()
        self._shutdown = True
        return None

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        def unless_stopping(future):
            # after `shutdown` or `exit` the loop cancels what still waits: nothing to answer,
            # and pygls's continuation would log the CancelledError as a traceback
            if future.cancelled() and (self._shutdown or self.exit_code is not None or self.input_ended):
                return
            callback(future)
        super()._execute_handler(msg_id, handler, unless_stopping, args, kwargs)

    @lsp_method(lsp.EXIT)
    def lsp_exit(self, *args):
        self.exit_code = 0 if self._shutdown else 1
        yield from super().lsp_exit(*args)


_HEADER = re.compile(rb"^([A-Za-z-]+):[ \t]*(.*?)\r?\n$")


async def read_messages(stop_event, reader, protocol, error_handler=None) -> None:
    """pygls's `run_async`, but a header block without a valid Content-Length ends the loop with
    a log line instead of reading the rest of the stream out of step."""
    try:
        await _read_messages(stop_event, reader, protocol, error_handler)
    finally:
        protocol.input_ended = True


async def _read_messages(stop_event, reader, protocol, error_handler) -> None:
    length = None
    while not stop_event.is_set():
        header = await reader.readline()
        if not header:
            break
        if header.strip():
            match = _HEADER.match(header)
            if match is None:
                log.error("dockwise: a malformed LSP header %r: the message framing is lost; stopping",
                          header[:80])
                protocol.exit_code = 1
                break
            if match.group(1).lower() == b"content-length":
                value = match.group(2).strip()
                length = int(value) if value.isdigit() else -1
            continue
        if length is None or length < 0:
            log.error("dockwise: an LSP message without a valid Content-Length: the message framing is "
                      "lost; stopping")
            protocol.exit_code = 1
            break
        body = await reader.readexactly(length)
        length = None
        try:
            message = json.loads(body, object_hook=protocol.structure_message)
            protocol.handle_message(message)
        except Exception as exc:  # noqa: BLE001 - reported to the client, the server goes on
            log.exception("Unable to handle message")
            if error_handler:
                error_handler(exc, JsonRpcException)
