"""A minimal hand-written LSP client over a server process's pipes, shared by the load test and
the latency benchmark so that both frame, send and dispatch messages the same way (raw pipes:
the load test also sends bytes no well-behaved client library would send)."""

from __future__ import annotations

import asyncio
import json
import time


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


class JsonRpcClient:
    """JSON-RPC over a server's stdin/stdout. Answers the server's own requests
    (`workspace/configuration` from `settings`, a mapping of section to value; anything else
    with null), resolves each request's future with `response_value(msg, arrival time)` and
    hands notifications to `on_notification(msg, arrival time)`."""

    def __init__(self, proc: asyncio.subprocess.Process, settings: dict) -> None:
        self.proc = proc
        self.settings = settings
        self.next_id = 0
        self.pending: dict[object, asyncio.Future] = {}
        self.orphans: list[dict] = []          # responses with an id nobody waits for (e.g. null)
        self.server_requests: list[str] = []
        self.reader = asyncio.create_task(self._read())

    def on_notification(self, msg: dict, arrived: float) -> None:
        pass

    def response_value(self, msg: dict, arrived: float):
        return msg

    async def _read(self) -> None:
        while True:
            msg = await read_message(self.proc.stdout)
            if msg is None:
                return
            arrived = time.perf_counter()
            if "method" in msg and "id" in msg:  # a request from the server
                self.server_requests.append(msg["method"])
                result = None
                if msg["method"] == "workspace/configuration":
                    result = [self.settings.get(i.get("section", "")) for i in msg["params"]["items"]]
                self.send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
            elif "method" in msg:
                self.on_notification(msg, arrived)
            else:
                fut = self.pending.pop(msg.get("id"), None)
                if fut is None:
                    self.orphans.append(msg)
                elif not fut.done():
                    fut.set_result(self.response_value(msg, arrived))

    def send_raw(self, body: bytes) -> None:
        self.proc.stdin.write(frame(body))

    def send(self, msg: dict) -> None:
        self.send_raw(json.dumps(msg).encode())

    def start_request(self, method: str, params, msg_id=None) -> tuple[object, asyncio.Future]:
        if msg_id is None:
            self.next_id += 1
            msg_id = self.next_id
        fut = asyncio.get_running_loop().create_future()
        self.pending[msg_id] = fut
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return msg_id, fut

    async def request(self, method: str, params, timeout: float = 20):
        _, fut = self.start_request(method, params)
        await self.proc.stdin.drain()
        return await asyncio.wait_for(fut, timeout)

    async def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})
        await self.proc.stdin.drain()
