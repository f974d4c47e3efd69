"""Random incremental edits: the server's text tracks the client's, and every so often (and at
the end) its diagnostics equal a fresh `check()` of the text. Two documents: a small corpus
file (2,000 edits), and several multi-stage corpus files end to end, where the server's
per-stage memo re-checks only the stages an edit touched (600 edits, compared every 25)."""

from __future__ import annotations

import random

import pytest

from dockwise.engine.check import check
from dockwise.rules.registry import all_rules
from lsp_harness import start, to_position
from shared_data import corpus_dockerfiles

PIECES = ["RUN pip install flask\n", "\\\n", "\n", "# dockwise: ignore=DL3042\n", "😀", "é", "\r\n", " ",
          "COPY <<EOF /x\nhello\nEOF\n", "FROM python:3.8 AS b\n", "EOF\n", "ENV A=1\n", "x", "--no-cache-dir ",
          "FROM b\n", "RUN apt-get install -y gcc\n", "SHELL [\"pwsh\", \"-c\"]\n", "ARG BASE=alpine\n"]


def small_file(rnd: random.Random) -> str:
    files = [p for p in corpus_dockerfiles() if p.stat().st_size < 4000 and b"\x00" not in p.read_bytes()]
    return rnd.choice(files).read_bytes().decode("utf-8", "replace")


def many_stages(rnd: random.Random) -> str:
    files = [p for p in corpus_dockerfiles() if 800 < p.stat().st_size < 4000 and b"\x00" not in p.read_bytes()]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    multi = [t for t in texts if t.count("\nFROM ") >= 2]
    return "\n".join(rnd.sample(multi, 4))


@pytest.mark.parametrize("make_text, edits, every", [(small_file, 2000, 50), (many_stages, 600, 25)],
                         ids=["small-file", "many-stages"])
async def test_random_edits(workspace, make_text, edits, every):
    rnd = random.Random(2024)
    text = make_text(rnd)
    async with start(workspace, settings={"debounceMs": 0}) as s:
        await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        for n in range(edits):
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
            wait = n % every == every - 1
            await s.change(uri, [(sl, sc, el, ec, new)], wait=wait)
            if wait:
                await agrees_with_a_fresh_check(s, uri, workspace)
        await agrees_with_a_fresh_check(s, uri, workspace)
        assert s.texts[uri].count("FROM") >= 2 or make_text is small_file  # still many stages to re-use


CONTEXT_RULES = {code for code, rule in all_rules().items() if rule.needs_context}


async def agrees_with_a_fresh_check(s, uri, workspace):
    """Context rules aside: the server reads the (empty) build context, `check()` is not given one."""
    diags = await s.wait_diagnostics(uri, s._versions[uri])
    assert await s.server_text(uri) == s.texts[uri]
    want = check(s.texts[uri], str(workspace / "Dockerfile"))
    got = sorted((str(d.code), d.message, d.range.start.line, d.range.end.line) for d in diags
                 if str(d.code) not in CONTEXT_RULES)
    expected = sorted((d.code, d.message, d.line, d.end_line) for d in want)
    assert got == expected
