"""Suppression pragmas are read from a model's comments once, however often they are asked
for (DL3009 asks once per finding whose lists a later RUN installs from), and each caller
gets its own copies to mark as used."""

from __future__ import annotations

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine import suppression
from dockwise.engine.check import run
from dockwise.rules.registry import resolve

# Builders that update in one RUN and install in the next (the lists are read later: DL3009
# reports at the install), one of them accepted by a pragma on the update, as hadolint places it.
STAGE = """\
FROM debian:12 AS build{k}
# dockwise: ignore=DL3009
RUN apt-get update
RUN apt-get install -y --no-install-recommends build-essential
COPY . /src
RUN make -C /src
"""


def test_a_check_reads_the_pragmas_once_and_each_caller_marks_its_own(monkeypatch):
    text = "".join(STAGE.format(k=k) for k in range(4)) + "FROM debian:12\nCOPY --from=build3 /src/out /app\n"
    calls = []
    real = suppression._collect
    monkeypatch.setattr(suppression, "_collect", lambda df, resolve: calls.append(resolve) or real(df, resolve))
    result = run(text, "Dockerfile", Config(select=["ALL"]))
    # once per resolver (DL3009's own code, the registry's at the end), not once per finding
    assert len(calls) == len(set(calls)) <= 2
    # the pragmas accept every finding about those lists
    assert not [d for d in result.diagnostics if d.code == "DL3009"], result.diagnostics
    without = run(text.replace("# dockwise: ignore=DL3009\n", ""), "Dockerfile", Config(select=["ALL"]))
    assert len([d for d in without.diagnostics if d.code == "DL3009"]) >= 3

    df = parse(text)
    first = suppression.collect(df, resolve)
    assert len(first) == 4
    assert suppression.is_suppressed(first, "DL3009", df.instructions[1].start)
    assert any(p.used for p in first)
    again = suppression.collect(df, resolve)
    assert all(not p.used for p in again)  # what one caller marked is not another's
    assert [(p.start, p.applies_to) for p in again] == [(p.start, p.applies_to) for p in first]
