"""The first keystroke, code action and hover of a session, made cheap before they come.

pygls decodes each message and encodes each answer with cattrs, which writes and compiles the
code for a message type the first time it meets one: 20-60 ms for a code-action request and
its answer, paid by the user's first light-bulb, hover or keystroke. Once the first diagnostics
are out (the user is reading them), `soon()` has the server meet each of those types once.
"""

from __future__ import annotations

import asyncio
import json

from lsprotocol import types as lsp

_URI = "file:///warm-up/Dockerfile"
_RANGE = {"start": {"line": 1, "character": 4}, "end": {"line": 1, "character": 21}}
_DIAGNOSTIC = {"range": _RANGE, "message": "m", "severity": 2, "code": "DL3042", "source": "dockwise",
               "codeDescription": {"href": "https://example.invalid/DL3042"}, "tags": [1],
               "relatedInformation": [{"location": {"uri": _URI, "range": _RANGE}, "message": "m"}],
               "data": {"code": "DL3042", "version": 2}}
MESSAGES = [
    {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": _URI, "version": 2},
        "contentChanges": [{"range": _RANGE, "text": "x"}, {"text": "FROM alpine\n"}]}},
    {"jsonrpc": "2.0", "id": 0, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": _URI}, "range": _RANGE,
        "context": {"diagnostics": [_DIAGNOSTIC], "only": ["quickfix"], "triggerKind": 1}}},
    {"jsonrpc": "2.0", "id": 0, "method": "codeAction/resolve", "params": {
        "title": "t", "kind": "source.fixAll.dockwise", "data": {"uri": _URI, "version": 2}}},
    {"jsonrpc": "2.0", "id": 0, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": _URI}, "position": {"line": 1, "character": 4}}},
    {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 0}},
]


def _answers() -> list:
    edit = lsp.TextEdit(lsp.Range(lsp.Position(1, 4), lsp.Position(1, 4)), "x")
    action = lsp.CodeAction(
        title="t", kind=lsp.CodeActionKind.QuickFix, is_preferred=True,
        diagnostics=[lsp.Diagnostic(lsp.Range(lsp.Position(1, 4), lsp.Position(1, 21)), "m", code="DL3042")],
        edit=lsp.WorkspaceEdit(
            changes={_URI: [edit]},
            document_changes=[lsp.TextDocumentEdit(lsp.OptionalVersionedTextDocumentIdentifier(_URI, 2), [edit]),
                              lsp.CreateFile(_URI)]),
        data={"uri": _URI})
    hover = lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "m"), lsp.Range(lsp.Position(1, 4), lsp.Position(1, 21)))
    return [lsp.CodeActionResponse(id=0, result=[action]), lsp.CodeActionResolveResponse(id=0, result=action),
            lsp.HoverResponse(id=0, result=hover)]


def warm_up(protocol) -> None:
    """Decode and encode one message of each type the editing session will send and get."""
    try:
        for message in MESSAGES:
            protocol.structure_message(message)
        for answer in _answers():
            json.dumps(answer, default=protocol._serialize_message)
    except Exception:  # noqa: BLE001 - only a head start: the real messages work without it
        return


_scheduled = False


def soon(protocol) -> None:
    """`warm_up` once per process, after the messages being handled."""
    global _scheduled
    if _scheduled:
        return
    _scheduled = True
    try:
        asyncio.get_running_loop().call_soon(warm_up, protocol)
    except RuntimeError:  # no running loop (a handler called directly): not worth it
        return
