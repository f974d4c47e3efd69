"""Answer `initialize` before the language server is loaded.

Loading the server (pygls, lsprotocol's types, the rules) takes most of a second on an idle
machine and several under load, and an editor waits for the `initialize` answer before it
sends anything else. The answer is known in advance: the server's capabilities (kept in
`CAPABILITIES`, held equal to what pygls computes by tests/lsp/test_startup.py) with the
position encoding pygls would choose for this client. So, when stdin is a pipe, the first
message is read and answered here, with nothing but the standard library imported; the
server then loads, handles the same message as usual (settings, client capabilities) and
drops its own answer, and reads on from where this left off.

`dockwise/__init__.py` calls `answer_initialize()` for `dockwise lsp` and `python -m dockwise
lsp` only.
"""

from __future__ import annotations

import gc
import json
import os
import stat

# pygls's order of preference when the client offers several encodings
ENCODINGS = ("utf-8", "utf-16", "utf-32")
# The server's capabilities as pygls announces them, less the position encoding (tests/lsp/
# test_startup.py holds them equal to pygls's: a feature added to the server fails it).
CAPABILITIES = {
    "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.dockwise", "refactor.rewrite"],
                           "resolveProvider": True},
    "diagnosticProvider": {"identifier": "dockwise", "interFileDependencies": True, "workspaceDiagnostics": True},
    "executeCommandProvider": {"commands": ["dockwise.pinDigest"]},
    "hoverProvider": True,
    "textDocumentSync": {"change": 2, "openClose": True, "save": False},
    "workspace": {"fileOperations": {}, "workspaceFolders": {"changeNotifications": True, "supported": True}},
}

LOADING_THRESHOLDS = (20_000, 10, 10)
answered_id: object = None  # the id of the initialize request answered here
consumed = b""              # what was read from stdin: the server reads it first


def is_lsp_command(argv: list[str]) -> bool:
    """`dockwise lsp [--stdio]` or `python -m dockwise lsp [--stdio]`."""
    if len(argv) < 2 or argv[1] != "lsp" or any(a != "--stdio" for a in argv[2:]):
        return False
    name = os.path.basename(argv[0]).lower()
    return argv[0] == "-m" or name in ("dockwise", "dockwise.exe", "__main__.py")


def position_encoding(params: dict) -> str:
    """The encoding pygls chooses: the client's first known one, else UTF-16."""
    general = (params.get("capabilities") or {}).get("general") or {}
    for encoding in general.get("positionEncodings") or ():
        if encoding in ENCODINGS:
            return encoding
    return "utf-16"


def result(params: dict, version: str) -> dict:
    capabilities = dict(CAPABILITIES, positionEncoding=position_encoding(params))
    # pygls names willSave and willSaveWaitUntil (false: the server has neither) when the
    # client says anything of them
    sync = ((params["capabilities"].get("textDocument") or {}).get("synchronization") or {})
    said = {key: False for key in ("willSave", "willSaveWaitUntil") if sync.get(key) is not None}
    if said:
        capabilities["textDocumentSync"] = dict(capabilities["textDocumentSync"], **said)
    return {"capabilities": capabilities, "serverInfo": {"name": "dockwise", "version": version}}


def _read_message(fd: int) -> tuple[bytes, dict | None]:
    """(every byte read, the first message) from a pipe; the message is None when the input
    ends first or is not a JSON-RPC message."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = os.read(fd, 65536)
        if not chunk:
            return data, None
        data += chunk
    header, _, rest = data.partition(b"\r\n\r\n")
    length = None
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            length = int(value.strip())
    if length is None:
        return data, None
    while len(rest) < length:
        chunk = os.read(fd, 65536)
        if not chunk:
            return data, None
        data += chunk
        rest += chunk
    try:
        message = json.loads(rest[:length])
    except ValueError:
        return data, None
    return data, message if isinstance(message, dict) else None


def answer_initialize(version: str, stdin: int = 0, stdout: int = 1) -> None:
    """Read the first message; if it is `initialize`, answer it. Never raises: anything odd
    leaves the message to the server, as if this had not run."""
    global answered_id, consumed
    # Loading the server makes hundreds of thousands of objects, few of them garbage: Python's
    # thresholds collected 132 times while it loaded (~7% of its CPU). Rarer collections while it
    # loads (4), not none: the garbage of the load kept would be ~10 MB of RSS. The server's own
    # thresholds follow once it has loaded (lsp/collector.configure).
    gc.set_threshold(*LOADING_THRESHOLDS)
    try:
        if os.name != "posix" or not stat.S_ISFIFO(os.fstat(stdin).st_mode):
            return
        consumed, message = _read_message(stdin)
        if message is None or message.get("method") != "initialize" or message.get("jsonrpc") != "2.0":
            return
        msg_id, params = message.get("id"), message.get("params")
        if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool) or not isinstance(params, dict) \
                or not isinstance(params.get("capabilities"), dict):
            return
        body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "result": result(params, version)}).encode()
        out = b"Content-Length: %d\r\n\r\n" % len(body) + body
        while out:
            out = out[os.write(stdout, out):]
        answered_id = msg_id
    except Exception:  # noqa: BLE001 - the server answers instead
        return
