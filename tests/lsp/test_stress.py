"""2,000 random incremental edits: the server's text tracks the client's and its diagnostics
equal a fresh `check()` of the final text."""

from __future__ import annotations

import random

from dockwise.engine.check import check
from lsp_harness import start, to_position
from shared_data import corpus_dockerfiles

PIECES = ["RUN pip install flask\n", "\\\n", "\n", "# dockwise: ignore=DL3042\n", "😀", "é", "\r\n", " ",
          "COPY <<EOF /x\nhello\nEOF\n", "FROM python:3.8 AS b\n", "EOF\n", "ENV A=1\n", "x", "--no-cache-dir "]


async def test_two_thousand_random_edits(workspace):
    rnd = random.Random(2024)
    files = [p for p in corpus_dockerfiles() if p.stat().st_size < 4000 and b"\x00" not in p.read_bytes()]
    text = rnd.choice(files).read_bytes().decode("utf-8", "replace")
    async with start(workspace, settings={"debounceMs": 0}) as s:
        await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        for n in range(2000):
            cur = s.texts[uri]
            a = rnd.randint(0, len(cur))
            b = min(len(cur), a + rnd.choice((0, 0, 1, 3, 10, 40)))
            if a < len(cur) and cur[a - 1:a + 1] == "\r\n":
                a -= 1  # LSP cannot address between \r and \n
            if b < len(cur) and cur[b - 1:b + 1] == "\r\n":
                b += 1
            b = max(a, min(b, len(cur)))
            new = rnd.choice(PIECES) if rnd.random() < 0.6 else ""
            sl, sc = to_position(cur, a)
            el, ec = to_position(cur, b)
            wait = n % 50 == 49
            await s.change(uri, [(sl, sc, el, ec, new)], wait=wait)
            if wait:
                assert await s.server_text(uri) == s.texts[uri]
        diags = await s.wait_diagnostics(uri, s._versions[uri])
        assert await s.server_text(uri) == s.texts[uri]
        final = s.texts[uri]
        want = check(final, str(workspace / "Dockerfile"))
        got = sorted((str(d.code), d.message, d.range.start.line) for d in diags)
        expected = sorted((d.code, d.message, d.line) for d in want)
        assert got == expected
