"""Stage-local rules and the language server's per-stage memo of their findings.

A rule whose inputs have `Scope.STAGE` must find on the whole file exactly what it finds on each unit
(the preamble; each stage with the stages it is built FROM) checked alone. Held over every
corpus file and over concatenations of corpus files (many stages, unrelated names, stages
built FROM stages of other files), with default settings and with the settings that wake the
configurable rules. Then: checks with a memo, through random edits, equal fresh checks."""

from __future__ import annotations

import random

import pytest

from dockwise.dockerfile import parse
from dockwise.engine.check import enabled_rules, run
from dockwise.engine.diagnostic import Category, Severity
from dockwise.engine.incremental import IncrementalChecker
from dockwise.engine.incremental.stages import LAST, MIDDLE, PREAMBLE, StageMemo, check_unit, units
from dockwise.engine.rule import Inputs, Rule, RuleContext, RuleSettings, Scope, inputs_of
from memo_cases import CONFIGS, as_tuple, concatenations, corpus_texts, edit, in_order


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = corpus_texts()
    return found + concatenations(found, 80, seed=5)


@pytest.mark.parametrize("config_name", sorted(CONFIGS))
def test_stage_local_rules_find_on_the_file_what_they_find_on_each_unit(texts, config_name):
    config = CONFIGS[config_name]
    local = [r for r in enabled_rules(config, "dockerfile", "Dockerfile") if inputs_of(r).scope is Scope.STAGE]
    assert len(local) > 80  # the declarations are there
    wrong: dict[str, int] = {}
    for text in texts:
        df = parse(text)
        df.stages  # noqa: B018
        ctx = RuleContext(path="Dockerfile", settings=config.settings, df=df, text=text)
        spans = units(df)
        preamble_end = spans[0].end if spans[0].kind == PREAMBLE else 0
        found = [check_unit(text, preamble_end, u, local, "Dockerfile", config.settings) for u in spans]
        for rule in local:
            try:
                whole = list(rule.check(ctx))
            except Exception:  # noqa: BLE001 - a crash is other tests' business; both must agree on it
                whole = None
            parts = [d for f in found for d in f.diagnostics if d.code == rule.code]
            undecided = any(rule.code in f.undecided for f in found)
            if whole is None or undecided or in_order(whole) != in_order(parts):
                wrong[rule.code] = wrong.get(rule.code, 0) + 1
    assert wrong == {}, f"not stage-local on this many files: {wrong}"


def test_units_cover_the_file_and_carry_the_stages_built_on():
    text = ("# syntax=docker/dockerfile:1\nARG V=1\n"
            "FROM alpine:3.20 AS base\nRUN echo a\n\n"
            "# the builder\nFROM base AS build\nRUN echo b\n"
            "FROM debian:12 AS other\nRUN echo c\n"
            "FROM build\nRUN echo d\n")
    spans = units(parse(text))
    assert [u.kind for u in spans] == [PREAMBLE, MIDDLE, MIDDLE, MIDDLE, LAST]
    assert [text[u.start:u.end].splitlines()[0] for u in spans] == [
        "# syntax=docker/dockerfile:1", "FROM alpine:3.20 AS base", "FROM base AS build", "FROM debian:12 AS other", "FROM build"]
    assert spans[0].start == 0 and spans[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    # the last stage is built FROM build, which is built FROM base: the preamble and both come along
    last = spans[-1]
    assert [text[a:b].splitlines()[0] for a, b in last.parts] == [
        "# syntax=docker/dockerfile:1", "FROM alpine:3.20 AS base", "FROM base AS build", "FROM build"]
    assert units(parse("RUN echo no stage\n"))[0].kind == LAST


def test_checks_with_the_memo_equal_fresh_checks_through_random_edits(texts):
    rng = random.Random(11)
    candidates = [t for t in texts if t.count("FROM ") >= 3 and len(t) < 20_000]
    config = CONFIGS["configured"]
    memo_checks = 0
    for text in rng.sample(candidates, 12):
        checker = IncrementalChecker(input_memo=False)
        model = parse(text)
        for _ in range(25):
            start, old_end, new = edit(text, rng)
            text = text[:start] + new + text[old_end:]
            model = parse(text, resume_from=model, edit=(start, old_end, len(new)))
            got = checker.check(text, "Dockerfile", config, model=model).diagnostics
            want = run(text, "Dockerfile", config).diagnostics
            assert [as_tuple(d) for d in got] == [as_tuple(d) for d in want]
            memo_checks += 1
    assert memo_checks == 300


class _Picky(Rule):
    """Raises on any file without the word `whole`: only the whole file can judge it."""

    code = "DW998"
    name = "picky"
    category = Category.CORRECTNESS
    severity = Severity.INFO
    inputs = Inputs(scope=Scope.STAGE)

    def check(self, ctx):
        if "whole" not in ctx.text:
            raise RuntimeError("needs the whole file")
        for ins in ctx.df.instructions:
            if ins.keyword == "RUN":
                yield self.report(ins.start, ins.end)


def test_a_rule_that_cannot_judge_a_unit_alone_is_judged_on_the_whole_file():
    rule = _Picky()
    calls = []

    def check(text):
        df = parse(text)

        def whole_file(rules):  # as the engine's: a rule that raises is left out
            calls.append(len(rules))
            try:
                return {rule.code: list(rule.check(RuleContext(path="Dockerfile", settings=RuleSettings(), df=df, text=text)))}
            except RuntimeError:
                return {}
        return memo.findings(df, [rule], "Dockerfile", RuleSettings(), "same settings", whole_file)

    memo = StageMemo()
    text = "FROM alpine AS a\nRUN whole\nFROM debian\nRUN two\nFROM busybox\nRUN three\n"
    assert len(check(text)) == 3 and calls == [1]          # on open: the whole file, shared out
    text = text.replace("RUN three", "RUN three!")
    assert len(check(text)) == 3 and calls == [1, 1]       # the edited stage alone raises: whole file
    text = text.replace("RUN whole", "RUN hole")
    assert check(text) == [] and calls == [1, 1, 1]        # raises on the whole file too: nothing kept


def test_a_failing_memo_never_costs_a_check(monkeypatch, caplog):
    text = "FROM alpine:3.20 AS a\nRUN pip install flask\nFROM a\nRUN apt-get install gcc\n"
    want = [as_tuple(d) for d in run(text, "Dockerfile", CONFIGS["default"]).diagnostics]

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the memo")

    checker = IncrementalChecker(input_memo=False)
    memo = checker.stages
    memo.entries = {("stale",): None}
    monkeypatch.setattr(StageMemo, "findings", broken)
    got = checker.check(text, "Dockerfile", CONFIGS["default"]).diagnostics
    assert [as_tuple(d) for d in got] == want and want
    assert memo.entries == {} and "stage memo failed" in caplog.text
