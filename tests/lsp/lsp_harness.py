"""End-to-end helpers: a pytest-lsp client talking to `python -m dockwise lsp` over stdio."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp.client import make_test_lsp_client

SERVER = [sys.executable, "-m", "dockwise", "lsp"]


def capabilities(pull: bool = False, config: bool = True, relative: bool = False,
                 resolve: bool = False, encodings: list[str] | None = None) -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=lsp.WorkspaceClientCapabilities(
            configuration=config,
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True, relative_pattern_support=relative),
            workspace_edit=lsp.WorkspaceEditClientCapabilities(
                document_changes=True, resource_operations=[lsp.ResourceOperationKind.Create]),
            diagnostics=lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True) if pull else None,
        ),
        text_document=lsp.TextDocumentClientCapabilities(
            synchronization=lsp.TextDocumentSyncClientCapabilities(),
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(
                related_information=True, version_support=True, code_description_support=True,
                data_support=True, tag_support=lsp.ClientDiagnosticsTagOptions(
                    value_set=[lsp.DiagnosticTag.Unnecessary, lsp.DiagnosticTag.Deprecated])),
            diagnostic=lsp.DiagnosticClientCapabilities(dynamic_registration=False) if pull else None,
            code_action=lsp.CodeActionClientCapabilities(
                code_action_literal_support=lsp.ClientCodeActionLiteralOptions(
                    code_action_kind=lsp.ClientCodeActionKindOptions(value_set=[
                        lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll,
                        lsp.CodeActionKind.RefactorRewrite])),
                is_preferred_support=True, data_support=True,
                resolve_support=lsp.ClientCodeActionResolveOptions(properties=["edit"]) if resolve else None),
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown]),
        ),
        window=lsp.WindowClientCapabilities(),
    )


class Session:
    def __init__(self, client, root: Path) -> None:
        self.client = client
        self.root = root
        self.registrations: list[lsp.RegistrationParams] = []
        self._versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.encoding = "utf-16"  # the position encoding the server chose in `initialize`

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    async def open(self, name: str, text: str, language_id: str = "dockerfile", wait: bool = True):
        uri = self.uri(name)
        self._versions[uri] = 1
        self.texts[uri] = text
        self.client.diagnostics.pop(uri, None)
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)))
        if wait:
            return await self.wait_diagnostics(uri, 1)
        return uri

    async def change(self, uri: str, changes: list, wait: bool = True):
        """changes: (start_line, start_char, end_line, end_char, text), columns in the
        position encoding agreed (UTF-16 units unless the client offered another)."""
        self._versions[uri] += 1
        version = self._versions[uri]
        events = []
        for sl, sc, el, ec, new in changes:
            events.append(lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec)), text=new))
            self.texts[uri] = apply_utf16(self.texts[uri], sl, sc, el, ec, new, self.encoding)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), events))
        if wait:
            return await self.wait_diagnostics(uri, version)
        return version

    async def wait_diagnostics(self, uri: str, version: int, timeout: float = 10):
        async def until():
            while True:
                await self.client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
                if self.published_version.get(uri) == version:
                    return self.client.diagnostics[uri]
        if self.published_version.get(uri) == version:
            return self.client.diagnostics[uri]
        return await asyncio.wait_for(until(), timeout)

    published_version: dict

    async def server_text(self, uri: str) -> str:
        got = await self.client.protocol.send_request_async("dockwise/documentText", {"uri": uri})
        if got is None:
            return None
        return got.text if hasattr(got, "text") else got["text"]

    async def code_actions(self, uri: str, rng: lsp.Range, diagnostics, only=None):
        return await self.client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri), range=rng,
            context=lsp.CodeActionContext(diagnostics=list(diagnostics), only=only))) or []

    async def hover(self, uri: str, line: int, character: int):
        return await self.client.text_document_hover_async(lsp.HoverParams(
            lsp.TextDocumentIdentifier(uri), lsp.Position(line, character)))


def line_starts(text: str) -> list[int]:
    import re
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def _units(ch: str, encoding: str) -> int:
    return len(ch.encode(encoding + "-le" if encoding != "utf-8" else encoding)) // {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]


def to_offset(text: str, line: int, char: int, encoding: str = "utf-16") -> int:
    starts = line_starts(text)
    if line >= len(starts):
        return len(text)
    s = starts[line]
    e = starts[line + 1] if line + 1 < len(starts) else len(text)
    while e > s and text[e - 1] in "\r\n":
        e -= 1
    units = 0
    k = s
    while k < e and units < char:
        units += _units(text[k], encoding)
        k += 1
    return k


def to_position(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """(line, column) of an offset, the column in `encoding`'s code units."""
    starts = line_starts(text)
    import bisect
    line = bisect.bisect_right(starts, offset) - 1
    seg = text[starts[line]:offset]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    return line, len(seg.encode(encoding + "-le" if width > 1 else encoding)) // width


def apply_utf16(text: str, sl: int, sc: int, el: int, ec: int, new: str, encoding: str = "utf-16") -> str:
    a = to_offset(text, sl, sc, encoding)
    b = max(a, to_offset(text, el, ec, encoding))
    return text[:a] + new + text[b:]


def apply_text_edits(text: str, edits, encoding: str = "utf-16") -> str:
    spans = sorted(((to_offset(text, e.range.start.line, e.range.start.character, encoding),
                     to_offset(text, e.range.end.line, e.range.end.character, encoding), e.new_text) for e in edits),
                   reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


@contextlib.asynccontextmanager
async def start(root: Path, *, pull: bool = False, settings: dict | None = None, init_settings: dict | None = None,
                relative: bool = False, config: bool = True, resolve: bool = False,
                encodings: list[str] | None = None):
    client = make_test_lsp_client()
    session = Session(client, root)
    session.published_version = {}

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams):
        session.registrations.append(params)

    def publish(params: lsp.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        session.published_version[params.uri] = params.version

    # pytest-lsp's own handler keeps no version: replace it (pygls refuses a second one)
    client.protocol.fm._features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish

    if settings is not None:
        client.set_configuration(settings, section="dockwise")
    env = dict(os.environ)
    await client.start_io(*SERVER, env=env, cwd=str(root))
    session.initialized = await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities(pull=pull, config=config, relative=relative, resolve=resolve,
                                  encodings=encodings),
        root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="ws")],
        initialization_options={"settings": init_settings} if init_settings is not None else None,
    ))
    chosen = session.initialized.capabilities.position_encoding
    session.encoding = str(getattr(chosen, "value", chosen or "utf-16"))
    try:
        # let `initialized` (watchers, configuration) finish before the test talks
        for _ in range(200):
            if session.registrations or not config:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        yield session
    finally:
        await client.shutdown_session()
        await client.stop()

