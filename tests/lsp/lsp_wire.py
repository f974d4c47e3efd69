"""LSP base-protocol framing for the hand-written JSON-RPC clients (the load test and the
latency benchmark), so both read and write messages the same way."""

from __future__ import annotations

import json


async def read_message(stream) -> dict | None:
    """The next `Content-Length`-framed JSON message from an asyncio stream; None at its end."""
    header = b""
    while not header.endswith(b"\r\n\r\n"):
        line = await stream.readline()
        if not line:
            return None
        header += line
    length = next(int(h.split(b":")[1]) for h in header.split(b"\r\n")
                  if h.lower().startswith(b"content-length:"))
    return json.loads(await stream.readexactly(length))


def frame(body: bytes) -> bytes:
    """A message body with its base-protocol header."""
    return b"Content-Length: %d\r\n\r\n" % len(body) + body
