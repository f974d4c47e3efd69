"""The first keystroke, code action and hover of a session do not pay for pygls's converter
writing and compiling its code for their message types (lsp/warmup.py): counted in compiles."""

from __future__ import annotations

import builtins
import json

from lsprotocol import types as lsp
from pygls.protocol import default_converter

from dockwise.lsp import server as server_mod
from dockwise.lsp import warmup


def compiles_while(monkeypatch, work) -> int:
    count = [0]
    real = builtins.compile

    def spy(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(builtins, "compile", spy)
    try:
        work()
    finally:
        monkeypatch.setattr(builtins, "compile", real)
    return count[0]


def test_after_the_warm_up_a_sessions_messages_compile_nothing_new(monkeypatch):
    def session(protocol):
        def run():
            for message in warmup.MESSAGES:
                protocol.structure_message(message)
        return run

    cold = server_mod.Protocol(server_mod.server, default_converter())
    assert compiles_while(monkeypatch, session(cold)) > 10  # what a first keystroke, light bulb, hover paid

    warm = server_mod.Protocol(server_mod.server, default_converter())
    assert compiles_while(monkeypatch, lambda: warmup.warm_up(warm)) > 10
    assert compiles_while(monkeypatch, session(warm)) == 0
    answers = compiles_while(monkeypatch, lambda: [json.dumps(a, default=warm._serialize_message)
                                                   for a in warmup._answers()])
    assert answers <= 2  # cattrs makes the code-action answer's again each time; not ours to fix


async def test_the_first_open_schedules_the_warm_up(monkeypatch, tmp_path):
    scheduled = []
    monkeypatch.setattr(warmup, "soon", scheduled.append)
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\n")
    uri = (tmp_path / "Dockerfile").as_uri()
    try:
        server_mod.did_open(server_mod.server, lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text="FROM alpine:3.20\n")))
    finally:
        server_mod.service.docs.pop(uri, None)
    assert scheduled == [server_mod.server.protocol]
