"""Diagnostics are published as JSON built by hand (convert.diagnostic_json); it must be exactly
what lsprotocol's own converter makes of the same `lsp.Diagnostic`, for every kind of finding
the corpus produces (fixes, related information, tags, non-ASCII positions)."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from lsprotocol.converters import get_converter

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.lsp.convert import LineIndex, diagnostic_json, diagnostic_objects
from shared_data import corpus_dockerfiles


def test_diagnostic_json_is_lsprotocols_own_form():
    converter = get_converter()
    config = Config(select=["ALL"])
    seen_keys: set[str] = set()
    checked = 0
    texts = [p.read_bytes().decode("utf-8", "replace") for p in corpus_dockerfiles()[::4]]
    texts.append("FROM alpine:3.20\nRUN echo 'héllo 🐳' | grep h\nRUN pip install flask\n")
    for text in texts:
        index = LineIndex(text)
        for d in check(text, "Dockerfile", config):
            item = diagnostic_json(index, d, 7, lambda p: "file:///x" if p is None else "file:///" + p,
                                   lambda path: "")
            as_object = converter.structure(item, lsp.Diagnostic)
            assert converter.unstructure(as_object) == item
            assert as_object.range.start.line == d.line and as_object.code == d.code
            seen_keys |= item.keys()
            checked += 1
    assert checked > 1000
    assert {"codeDescription", "tags", "relatedInformation", "data"} <= seen_keys


def test_objects_made_on_demand_match_the_json():
    item = {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 5}},
            "message": "m", "severity": 2, "code": "DL3042", "source": "dockwise", "tags": [1],
            "data": {"code": "DL3042", "version": 3}}
    [obj] = diagnostic_objects([item])
    assert obj.range.end.character == 5 and list(obj.tags) == [lsp.DiagnosticTag.Unnecessary] and obj.data["version"] == 3


@pytest.mark.parametrize("encoding,width", [("utf-8", 1), ("utf-16", 2), ("utf-32", 4)])
def test_columns_count_the_code_units_of_each_encoding(encoding, width):
    text = 'FROM alpine\r\nLABEL a="Jürgen 😀 ß€"\nRUN echo 😀😀 && pip install x\rCMD ["sh"]\n'
    index = LineIndex(text, encoding=encoding)
    codec = encoding if width == 1 else encoding + "-le"
    for offset in range(len(text) + 1):
        if text[offset - 1:offset + 1] == "\r\n":
            continue  # inside a line break: no position names it
        line, col = index.line_character(offset)
        line_start = index.starts[line]
        assert col == len(text[line_start:offset].encode(codec)) // width
        assert index.offset(lsp.Position(line, col)) == offset
