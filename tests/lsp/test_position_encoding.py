"""Columns in the position encoding agreed in `initialize`, end to end.

The server announces the client's first offered encoding it supports (as pygls chooses it,
UTF-16 when the client offers none), and then every column it sends or reads is in that
encoding's code units: diagnostics, quick-fix and fix-all edits, incremental didChange ranges
and hover positions. A line with non-ASCII text before a finding tells them apart: `ü` is one
UTF-16 unit and two UTF-8 bytes, `😀` two UTF-16 units and four UTF-8 bytes.
"""

from __future__ import annotations

import pytest
from lsp_harness import apply_text_edits, start, to_position
from lsprotocol import types as lsp

FAST = {"debounceMs": 0}
TEXT = ('FROM python:3.12-slim\n'
        'LABEL maintainer="Jürgen 😀"\n'
        'RUN echo "Jürgen 😀" && pip install flask\n'
        'CMD ["python", "app.py"]\n')

OFFERS = {
    "utf-8 first": (["utf-8", "utf-16"], "utf-8"),
    "utf-16 only": (["utf-16"], "utf-16"),
    "utf-32 only": (["utf-32"], "utf-32"),
    "nothing said": (None, "utf-16"),
}


def span(text: str, start: int, end: int, encoding: str) -> lsp.Range:
    return lsp.Range(lsp.Position(*to_position(text, start, encoding)), lsp.Position(*to_position(text, end, encoding)))


@pytest.mark.parametrize("offer", list(OFFERS))
async def test_columns_follow_the_agreed_encoding(workspace, offer):
    offered, expected = OFFERS[offer]
    async with start(workspace, settings=FAST, encodings=offered) as s:
        assert s.encoding == expected
        diags = await s.open("Dockerfile", TEXT)
        uri = s.uri("Dockerfile")
        pip = TEXT.index("pip install flask")
        d = next(x for x in diags if x.code == "DL3042")
        assert d.range == span(TEXT, pip, pip + len("pip install flask"), expected)

        # the quick fix's edit lands after `install`, not three columns off
        actions = await s.code_actions(uri, d.range, [d])
        quick = next(a for a in actions if a.title.startswith("dockwise (DL3042)"))
        fixed = apply_text_edits(TEXT, quick.edit.changes[uri], expected)
        assert 'RUN echo "Jürgen 😀" && pip install --no-cache-dir flask\n' in fixed
        fix_all = await s.code_actions(uri, d.range, [], only=["source.fixAll.dockwise"])
        change = fix_all[0].edit.document_changes[0]
        assert "pip install --no-cache-dir flask" in apply_text_edits(TEXT, change.edits, expected)

        # a hover on the finding's last character (read in UTF-16, a UTF-8 column would be past it)
        h = await s.hover(uri, *to_position(TEXT, pip + len("pip install flask") - 1, expected))
        assert h is not None and "DL3042" in h.contents.value

        # typing right after the emoji of the RUN line, in the agreed encoding's columns
        line, col = to_position(TEXT, TEXT.index('😀" &&') + 1, expected)
        diags = await s.change(uri, [(line, col, line, col, " ok")])
        assert await s.server_text(uri) == s.texts[uri] == TEXT.replace('😀" &&', '😀 ok" &&')
        text = s.texts[uri]
        d = next(x for x in diags if x.code == "DL3042")
        pip = text.index("pip install flask")
        assert d.range == span(text, pip, pip + len("pip install flask"), expected)
        # and a range spanning the LABEL's non-ASCII value, replaced
        value = text.index("Jürgen 😀")
        start_, end_ = span(text, value, value + len("Jürgen 😀"), expected).start, \
            span(text, value, value + len("Jürgen 😀"), expected).end
        await s.change(uri, [(start_.line, start_.character, end_.line, end_.character, "Jörg 🐳")])
        assert await s.server_text(uri) == s.texts[uri] == text.replace('"Jürgen 😀"\n', '"Jörg 🐳"\n', 1)
