"""Per-document state: the text the client holds, its model, and the last diagnostics.

Each incremental change is applied to our own copy of the text (LSP's line rules, columns in
the position encoding agreed in `initialize`) and to the model through the document's
`IncrementalChecker` (which resumes the parse), so the parser only re-tokenises the
instructions an edit touches; the same checker keeps findings between the document's checks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from ..classify import document_kind
from ..dockerfile import Dockerfile, parse
from ..engine.incremental import IncrementalChecker
from .convert import UTF16, LineIndex

MAX_SIZE = 1_000_000



def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]
    return path


def path_to_uri(path: str) -> str:
    from pathlib import Path
    return Path(os.path.abspath(path)).as_uri()


def kind_of(uri: str, language_id: str | None = None) -> str | None:
    """'dockerfile', 'dockerignore', or None for a document dockwise does not check: by its
    name, or by a language id the user chose when the name is not conclusive (`document_kind`)."""
    name = os.path.basename(urlparse(uri).path.rstrip("/")) or uri
    return document_kind(unquote(name), language_id, on_disk=uri_to_path(uri) is not None)


@dataclass(eq=False)
class Document:
    uri: str
    kind: str
    text: str
    version: int | None = None
    language_id: str = ""
    model: Dockerfile | None = None
    diagnostics: list = field(default_factory=list)      # core Diagnostics of the last check
    lsp_diagnostics: list = field(default_factory=list)  # their LSP JSON form (what is published)
    lsp_objects: list | None = None  # the same as lsprotocol objects, made on demand
    checked_version: int | None = -1
    published_version: int | None = None  # the newest version whose diagnostics were published
    dirty_since: float | None = None  # when the first change not yet checked arrived (monotonic)
    check_s: float | None = None  # how long its last check took (seconds)
    timer: object = None
    fixed: tuple | None = None  # fix-all: (the diagnostics it was computed from, unsafe?, its edit)
    problem: str | None = None
    setup: tuple | None = None  # (service generation, Config, context arguments) for checks
    checker: IncrementalChecker = field(default_factory=IncrementalChecker)  # its checks, and what they keep
    encoding: str = UTF16  # of the columns the client sends and gets (`positionEncoding`)
    # What a check replaces (the last checked model, its findings), held until its result is
    # out: freeing a 20,000-line model and its findings took ~10% of a check.
    retired: tuple | None = None
    _index: LineIndex | None = None

    @property
    def path(self) -> str:
        """The path the engine sees (a name for unsaved documents, so file kind still works)."""
        p = uri_to_path(self.uri)
        if p:
            return p
        name = unquote(os.path.basename(urlparse(self.uri).path)) or ""
        if self.kind == "dockerignore":
            return name if kind_of(name) == "dockerignore" else ".dockerignore"
        return name or "Dockerfile"

    @property
    def on_disk(self) -> bool:
        return uri_to_path(self.uri) is not None

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            starts = None
            if self.model is not None and self.model.text is self.text:
                starts = self.model.source.line_starts
            self._index = LineIndex(self.text, starts, self.encoding)
        return self._index

    def set_text(self, text: str, version: int | None) -> None:
        self.text = text
        self.version = version
        self._index = None
        self.problem = _problem(text)
        self.model = parse(text) if self.kind == "dockerfile" and self.problem is None else None

    def apply(self, change, version: int | None) -> None:
        """One content change from didChange (ranged, or the whole text)."""
        self.version = version
        if isinstance(change, lsp.TextDocumentContentChangePartial) or getattr(change, "range", None) is not None:
            index = self.index
            start = index.offset(change.range.start)
            end = max(start, index.offset(change.range.end))
            new = change.text
            text = self.text[:start] + new + self.text[end:]
            self.text = text
            self._index = None
            problem = _problem_after(self.problem, text, start, len(new))
            if self.kind != "dockerfile":
                self.problem = problem
                return
            if problem is None and self.model is not None and self.problem is None:
                self.model = self.checker.reparse(self.model, text, start, end, len(new))
            elif problem is None:
                self.model = parse(text)
            else:
                self.model = None
            self.problem = problem
        else:
            self.set_text(change.text, version)


def _problem_after(before: str | None, text: str, start: int, new_len: int) -> str | None:
    """`_problem(text)` after an edit put `new_len` characters at `start` of a text that had
    `before`: when that was none, only the new characters and their neighbours (a surrogate
    split by the edit) can bring one, so a keystroke does not scan the whole document."""
    if before is not None or len(text) > MAX_SIZE:
        return _problem(text)
    return _problem(text[max(0, start - 1):start + new_len + 1])


def _problem(text: str) -> str | None:
    if len(text) > MAX_SIZE:
        return f"not checked: the document is larger than {MAX_SIZE // 1_000_000} MB"
    if "\x00" in text:
        return "not checked: the document looks binary (it contains NUL characters)"
    try:
        text.isascii() or text.encode("utf-8")  # lone surrogates cannot be encoded
    except UnicodeEncodeError:
        return "not checked: the document is not valid UTF-8"
    return None
