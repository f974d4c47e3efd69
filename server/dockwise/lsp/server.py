"""`dockwise lsp`: LSP handlers only. The work lives in service/actions/hover/convert."""

from __future__ import annotations

import asyncio
import logging
import sys

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from .. import __version__ as VERSION
from ..dockerfile.shell import compile_query_now
from . import actions, client_requests
from . import collector as collect
from .collector import collector
from . import hover as hover_mod
from . import warmup
from .pygls_compat import Protocol, Server
from .service import Service


server = Server("dockwise", VERSION, protocol_cls=Protocol)
service = Service(server)
service.input_waiting = lambda: server.input_waiting()  # set when stdin is a pipe (pygls_compat.Server)


@server.feature(lsp.INITIALIZE)
def initialize(ls: LanguageServer, params: lsp.InitializeParams) -> None:
    service.initialize(params)


@server.feature(lsp.INITIALIZED)
async def initialized(ls: LanguageServer, params: lsp.InitializedParams) -> None:
    await client_requests.register_watchers(ls, service)
    await client_requests.pull_configuration(ls, service)


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: LanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
    ws = ls.client_capabilities.workspace
    if ws and ws.configuration:
        await client_requests.pull_configuration(ls, service)
    elif isinstance(params.settings, dict):
        service.apply_settings(params.settings.get("dockwise", params.settings))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: LanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    service.open(params.text_document)
    warmup.soon(ls.protocol)  # the first keystroke, light bulb and hover without codegen


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: LanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    service.change(params)
    collector.edited()


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: LanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    service.close(params.text_document.uri)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: LanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    service.files_changed(params)


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, actions.FIX_ALL, lsp.CodeActionKind.RefactorRewrite],
    resolve_provider=True))
def code_action(ls: LanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    doc = service.docs.get(params.text_document.uri)
    if doc is None:
        return None
    return actions.code_actions(service, doc, params) or None


@server.feature(lsp.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: LanguageServer, action: lsp.CodeAction) -> lsp.CodeAction:
    return actions.resolve(service, action)


@server.command(actions.PIN_DIGEST_COMMAND)
async def pin_digest(ls: LanguageServer, *args) -> None:
    args = args[0] if len(args) == 1 and isinstance(args[0], (list, tuple)) else args
    try:
        edit = await asyncio.get_running_loop().run_in_executor(None, actions.pin_digest_edit, service, list(args))
    except Exception as e:  # noqa: BLE001 - a registry error is a message, not a crash
        service.warn(f"dockwise: cannot pin the digest: {e}")
        return
    if edit is not None:
        await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit, label="Pin digest"))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = service.docs.get(params.text_document.uri)
    if doc is None:
        return None
    return hover_mod.hover(service, doc, params.position)


@server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC, lsp.DiagnosticOptions(
    identifier="dockwise", inter_file_dependencies=True, workspace_diagnostics=True))
def document_diagnostic(ls: LanguageServer, params: lsp.DocumentDiagnosticParams):
    report = service.document_report(params.text_document.uri, params.previous_result_id)
    if isinstance(report, dict):  # a check ran: collect what it left once the answer is out
        collector.answered()
    return report


@server.feature(lsp.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostic(ls: LanguageServer, params: lsp.WorkspaceDiagnosticParams):
    report = service.workspace_report()
    collector.answered()
    return report


@server.feature("dockwise/documentText")
def document_text(ls: LanguageServer, params) -> dict | None:
    """For tests and debugging: the text the server holds for a document."""
    uri = params.uri if hasattr(params, "uri") else params["uri"]
    doc = service.docs.get(uri)
    return None if doc is None else {"text": doc.text, "version": doc.version}


@server.feature(lsp.SHUTDOWN)
def shutdown(ls: LanguageServer, *args) -> None:
    service.cancel_all()


def serve(tcp: str | None = None) -> int:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
    compile_query_now()
    collect.configure()  # garbage collection off the path of a keystroke (lsp/collector.py)
    if tcp:
        host, _, port = tcp.rpartition(":")
        try:
            server.start_tcp(host or "127.0.0.1", int(port))
        except ValueError:
            print(f"dockwise lsp: --tcp expects HOST:PORT, got {tcp!r}", file=sys.stderr)
            return 2
        return 0
    server.start_io()
    return server.protocol.exit_code or 0  # 1 after `exit` without `shutdown`
