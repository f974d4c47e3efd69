"""`dockwise lsp`: LSP handlers only. The work lives in service/actions/hover/convert."""

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
from pygls.lsp.server import LanguageServer
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.io_ import StdoutWriter
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from .. import __version__ as VERSION
from ..dockerfile.shell import compile_query_now
from . import actions, early
from . import collector as collect
from .collector import collector
from . import hover as hover_mod
from . import warmup
from .documents import uri_to_path
from .guards import ProtocolGuards, read_messages
from .service import Service

log = logging.getLogger("dockwise.lsp")

WATCHED = ("**/.dockerignore", "**/*.dockerignore", "**/.containerignore", "**/pyproject.toml",
           "**/.dockwise.toml", "**/.hadolint.yaml", "**/.hadolint.yml")
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

    # dockwise keeps its own copy of each open document (documents.py) and updates it in place;
    # pygls's built-in text sync would keep a second, unused copy and rebuild it line by line on
    # every keystroke (~1 ms at 300 lines, several at 5,000). These pass the notifications on
    # to our handlers without it.
    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams):
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams):
        yield from self._to_handler(lsp.TEXT_DOCUMENT_DID_CLOSE, params)

    _shutting_down = False

    @lsp_method(lsp.SHUTDOWN)
    def lsp_shutdown(self, *args):
        self._shutting_down = True
        return (yield from super().lsp_shutdown(*args))

    def _to_handler(self, method: str, params):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        def done(future, msg_id=msg_id):
            # not while pygls's shutdown walks the futures cancelling them (a cancelled
            # concurrent future calls this at once): "dictionary changed size during iteration"
            if self._request_futures.get(msg_id) is future and not self._shutting_down:
                del self._request_futures[msg_id]
            callback(future)
        super()._execute_handler(msg_id, handler, done, args, kwargs)


class Server(LanguageServer):
    def start_io(self, stdin=None, stdout=None) -> None:
        """pygls reads stdin in a worker thread, with three hand-offs to the event loop per
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
            service.input_waiting = lambda: _input_waiting(reader, stdin)
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
        """textDocument/publishDiagnostics from diagnostics already in JSON form: pygls would
        turn them into attrs objects and back through cattrs, which cost more than the check."""
        params = {"uri": uri, "diagnostics": items}
        if version is not None:
            params["version"] = version
        self.protocol._send_data({"jsonrpc": "2.0", "method": lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, "params": params})

    def report_server_error(self, error: Exception, source) -> None:
        """pygls only logs a message body that is not JSON; JSON-RPC wants a -32700 response
        (id null) so the client knows its message was lost."""
        if isinstance(error, json.JSONDecodeError):
            log.warning("dockwise: a message that is not JSON: %s", error)
            self.protocol._send_response(None, error=JsonRpcParseError(str(error)).to_response_error())
            return
        super().report_server_error(error, source)


server = Server("dockwise", VERSION, protocol_cls=Protocol)
service = Service(server)


@server.feature(lsp.INITIALIZE)
def initialize(ls: LanguageServer, params: lsp.InitializeParams) -> None:
    service.initialize(params)


@server.feature(lsp.INITIALIZED)
async def initialized(ls: LanguageServer, params: lsp.InitializedParams) -> None:
    await _register_watchers(ls)
    await _pull_configuration(ls)


# What a build context is chosen from (compose and its `.env`, bake, CI), and the Dockerfiles an
# open ignore file's findings follow from: changed in place, they are reported too.
WATCHED_INPUTS = ("**/*compose*.yml", "**/*compose*.yaml", "**/.env", "**/*bake*.hcl", "**/*bake*.json",
                  "**/.github/workflows/*.yml", "**/.github/workflows/*.yaml", "**/.gitlab-ci.yml",
                  "**/Dockerfile*", "**/Containerfile*", "**/*.Dockerfile", "**/*.dockerfile")


async def _register_watchers(ls: LanguageServer) -> None:
    ws = ls.client_capabilities.workspace
    watch = ws.did_change_watched_files if ws else None
    if not (watch and watch.dynamic_registration):
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED + WATCHED_INPUTS]
    if watch.relative_pattern_support:
        for folder in ls.workspace.folders.values():
            watchers.append(lsp.FileSystemWatcher(
                glob_pattern=lsp.RelativePattern(base_uri=folder.uri, pattern="**/*"),
                kind=lsp.WatchKind.Create | lsp.WatchKind.Delete))
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="dockwise-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as e:  # noqa: BLE001
        service.log(f"dockwise: could not register file watchers: {e!r}", lsp.MessageType.Warning)
        return
    # files and folders created or deleted anywhere are reported: folder listings can be kept
    service.project.listings_watched = bool(watch.relative_pattern_support)


async def _pull_configuration(ls: LanguageServer) -> None:
    ws = ls.client_capabilities.workspace
    if not (ws and ws.configuration):
        return
    try:
        got = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="dockwise")]))
    except Exception as e:  # noqa: BLE001
        service.log(f"dockwise: workspace/configuration failed: {e!r}", lsp.MessageType.Warning)
        return
    if got:
        service.apply_settings(got[0])


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: LanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
    ws = ls.client_capabilities.workspace
    if ws and ws.configuration:
        await _pull_configuration(ls)
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
    return


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: LanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    doc = service.docs.get(params.text_document.uri)
    if doc is None:
        return None
    return hover_mod.hover(service, doc, params.position)


@server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC, lsp.DiagnosticOptions(
    identifier="dockwise", inter_file_dependencies=True, workspace_diagnostics=True))
def document_diagnostic(ls: LanguageServer, params: lsp.DocumentDiagnosticParams):
    doc = service.docs.get(params.text_document.uri)
    if doc is None:
        return lsp.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = f"{doc.version}:{service.generation}"
    fresh = doc.checked_version == doc.version and doc.version is not None
    if fresh and params.previous_result_id == result_id:
        return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    collector.answered()
    return {"kind": "full", "resultId": result_id, "items": service.lint(doc)}  # JSON: see publish_json


@server.feature(lsp.WORKSPACE_DIAGNOSTIC)
def workspace_diagnostic(ls: LanguageServer, params: lsp.WorkspaceDiagnosticParams):
    folders = [p for p in (uri_to_path(f.uri) for f in ls.workspace.folders.values()) if p]
    if not folders and ls.workspace.root_path:
        folders = [ls.workspace.root_path]
    items = []
    for path in service.workspace_files(folders):
        doc = service.document_for_path(path)
        if doc is None:
            continue
        items.append({"kind": "full", "uri": doc.uri, "version": doc.version, "items": service.lint(doc)})
    collector.answered()
    return {"items": items}  # JSON: see publish_json


@server.feature("dockwise/documentText")
def document_text(ls: LanguageServer, params) -> dict | None:
    """For tests and debugging: the text the server holds for a document."""
    uri = params.uri if hasattr(params, "uri") else params["uri"]
    doc = service.docs.get(uri)
    return None if doc is None else {"text": doc.text, "version": doc.version}


@server.feature(lsp.SHUTDOWN)
def shutdown(ls: LanguageServer, *args) -> None:
    for doc in service.docs.values():
        service._cancel(doc)


class _Writer(StdoutWriter):
    """pygls's stdout writer, which drops the server's own answer to an `initialize` request
    already answered before the server was loaded (lsp/early.py)."""

    def __init__(self, stdout, answered_id) -> None:
        super().__init__(stdout)
        self.answered_id = answered_id

    def write(self, data: bytes) -> None:
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
