"""The one place where core offsets meet LSP: positions, ranges and LSP types.

LSP lines end at `\\n`, `\\r\\n` or a lone `\\r`; columns count code units of the position
encoding agreed in `initialize` (UTF-16 unless the client offered another: `ENCODINGS`). The
core counts characters (code points) from the start of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types as lsp

from ..engine.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from ..source import common_prefix, common_suffix

_BREAK = re.compile(r"\r\n|\r|\n")

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.STYLE: lsp.DiagnosticSeverity.Hint,
}


UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
# The position encodings a client may offer that columns can be given in, in the order pygls
# prefers them when the client does not say (`ServerCapabilitiesBuilder.choose_position_encoding`).
ENCODINGS = (UTF8, UTF16, UTF32)


def _units(ch: str, encoding: str) -> int:
    """How many code units of `encoding` one character takes."""
    code = ord(ch)
    if encoding == UTF16:
        return 2 if code > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 1


class LineIndex:
    """Offsets <-> LSP positions for one text, with columns in `encoding`'s code units."""

    __slots__ = ("encoding", "starts", "text")

    def __init__(self, text: str, starts: list[int] | None = None, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        if starts is None or "\r" in text:  # given starts count "\n" only: LSP also breaks at "\r"
            starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self.starts = starts

    def _line_end(self, line: int) -> int:
        """End of a line's content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        text = self.text
        if end > self.starts[line] and line + 1 < len(self.starts):
            end -= 1
            if text[end] == "\n" and end > self.starts[line] and text[end - 1] == "\r":
                end -= 1
        return end

    def offset(self, pos: lsp.Position) -> int:
        line = pos.line
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self._line_end(line)
        col = pos.character
        seg = self.text[start:end]
        if seg.isascii():
            return start + min(col, end - start)
        if self.encoding == UTF32:
            return start + min(col, end - start)
        units, encoding = 0, self.encoding
        for k, ch in enumerate(seg):
            if units >= col:
                return start + k
            units += _units(ch, encoding)
        return end

    def position(self, offset: int) -> lsp.Position:
        return lsp.Position(*self.line_character(offset))

    def line_character(self, offset: int) -> tuple[int, int]:
        """(line, column in the encoding's code units) of an offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        seg = self.text[start:offset]
        if seg.isascii() or self.encoding == UTF32:
            return line, offset - start
        if self.encoding == UTF8:
            return line, len(seg.encode("utf-8", "surrogatepass"))
        return line, len(seg) + sum(1 for ch in seg if ord(ch) > 0xFFFF)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(self.position(start), self.position(end))


def text_edit(index: LineIndex, e: Edit) -> lsp.TextEdit:
    return lsp.TextEdit(index.range(e.start, e.end), e.text)


def fix_data(index: LineIndex, d: Diagnostic, version: int | None, other_texts) -> dict:
    """A diagnostic's fix (and the alternatives offered beside it), serialised into `data` so
    code actions need no re-lint."""
    data: dict = {"code": d.code, "version": version}
    if d.fix is None:
        return data
    data["fix"] = _fix_json(index, d.fix, other_texts)
    if d.alternatives:
        data["alternatives"] = [_fix_json(index, alt, other_texts) for alt in d.alternatives]
    return data


def _fix_json(index: LineIndex, fix: Fix, other_texts) -> dict:
    return {
        "title": fix.title,
        "applicability": fix.applicability.value,
        "edits": [_edit_json(index, e) for e in fix.edits],
        "otherFiles": [
            {"path": fe.path, "create": fe.create,
             "edits": [_edit_json(LineIndex(other_texts(fe.path) or "", encoding=index.encoding), e)
                       for e in fe.edits]}
            for fe in fix.other_files
        ],
    }


def _edit_json(index: LineIndex, e: Edit) -> dict:
    return {"range": [*index.line_character(e.start), *index.line_character(e.end)], "newText": e.text}


def edit_from_json(obj: dict) -> lsp.TextEdit:
    a, b, c, d = obj["range"]
    return lsp.TextEdit(lsp.Range(lsp.Position(a, b), lsp.Position(c, d)), obj["newText"])


SEVERITY_JSON = {k: int(v) for k, v in SEVERITY.items()}
UNNECESSARY, DEPRECATED = int(lsp.DiagnosticTag.Unnecessary), int(lsp.DiagnosticTag.Deprecated)


def _range_json(index: LineIndex, start: int, end: int) -> dict:
    (a, b), (c, d) = index.line_character(start), index.line_character(end)
    return {"start": {"line": a, "character": b}, "end": {"line": c, "character": d}}


def diagnostic_json(index: LineIndex, d: Diagnostic, version: int | None, uri_of, other_texts) -> dict:
    """A diagnostic as LSP's JSON (what lsprotocol's converter makes of an `lsp.Diagnostic`).
    Built directly: publishing hundreds of them through attrs objects and cattrs cost more than
    checking the file."""
    out = {"range": _range_json(index, d.start, d.end), "message": d.message,
           "severity": SEVERITY_JSON.get(d.severity, 2), "code": d.code}
    if d.url:
        out["codeDescription"] = {"href": d.url}
    out["source"] = "dockwise"
    if d.unnecessary or d.deprecated:
        out["tags"] = [t for t, on in ((UNNECESSARY, d.unnecessary), (DEPRECATED, d.deprecated)) if on]
    if d.related:
        related = []
        for r in d.related:
            where = index if r.path is None else LineIndex(other_texts(r.path) or "", encoding=index.encoding)
            related.append({"location": {"uri": uri_of(r.path), "range": _range_json(where, r.start, r.end)},
                            "message": r.message})
        out["relatedInformation"] = related
    out["data"] = fix_data(index, d, version, other_texts)
    return out


_converter = None


def diagnostic_objects(items: list[dict]) -> list[lsp.Diagnostic]:
    """`diagnostic_json`'s output as lsprotocol objects (for hover and code actions)."""
    global _converter
    if _converter is None:
        from lsprotocol.converters import get_converter
        _converter = get_converter()
    return [_converter.structure(item, lsp.Diagnostic) for item in items]


def minimal_edit(index: LineIndex, old: str, new: str) -> lsp.TextEdit | None:
    """One TextEdit turning `old` into `new`: the span between their common prefix and suffix."""
    if old == new:
        return None
    p = common_prefix(old, new)
    s = common_suffix(old, new, min(len(old), len(new)) - p)
    # never split a CRLF pair
    if 0 < p < len(old) and old[p - 1] == "\r" and old[p] == "\n":
        p -= 1
    if 0 < s < len(old) and old[len(old) - s] == "\n" and old[len(old) - s - 1] == "\r" and len(old) - s - 1 >= p:
        s -= 1
    return lsp.TextEdit(index.range(p, len(old) - s), new[p:len(new) - s])


def applicability(name: str) -> Applicability:
    try:
        return Applicability(name)
    except ValueError:
        return Applicability.SUGGESTION


__all__ = ["Fix", "LineIndex", "diagnostic_json", "diagnostic_objects", "edit_from_json", "fix_data", "minimal_edit", "text_edit"]
