"""`check()` is pure and gives frozen findings; `IncrementalChecker` (the language server's, one
per document) gives the same findings through edits while running only the rules an edit can
have changed the findings of, through the same `run_rules`."""

from __future__ import annotations

import dataclasses

import pytest

import dockwise.engine.incremental as incremental
from dockwise.dockerfile import parse
from dockwise.engine.check import enabled_rules, run, run_rules
from dockwise.engine.diagnostic import Diagnostic, Severity
from dockwise.engine.incremental import IncrementalChecker
from dockwise.engine.rule import RuleContext, RuleSettings
from dockwise.engine.settings import Config
from memo_cases import as_tuple

SERVICE = """\
FROM python:3.12-slim AS build
WORKDIR /src
ADD requirements.txt /src/
RUN apt-get update && apt-get install -y gcc
RUN pip install -r requirements.txt
FROM python:3.12-slim
COPY --from=build /src /app
ADD app.tar.gz /app/
EXPOSE 8000
CMD python -m app
"""


def test_findings_are_frozen_and_positioned():
    found = run(SERVICE, "services/api/Dockerfile").diagnostics
    assert found and all(type(d) is Diagnostic for d in found)
    for d in found:
        before = SERVICE[:d.start]
        assert d.path == "services/api/Dockerfile"
        assert (d.line, d.column) == (before.count("\n"), len(before) - (before.rfind("\n") + 1))
    d = found[0]
    for field, value in (("line", 99), ("severity", Severity.ERROR), ("start", 0), ("path", "x")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(d, field, value)
    changed = dataclasses.replace(d, severity=Severity.ERROR)  # a caller wanting another makes a copy
    assert changed.severity is Severity.ERROR and changed is not d


def test_severity_overrides_apply_to_the_final_findings_only():
    config = Config(severity={"DL3020": Severity.ERROR})
    checker = IncrementalChecker()
    first = checker.check(SERVICE, "Dockerfile", config, model=parse(SERVICE)).diagnostics
    assert {d.severity for d in first if d.code == "DL3020"} == {Severity.ERROR}
    # the memo kept the rule's own findings: a check without the override does not see it
    plain = checker.check(SERVICE, "Dockerfile", Config(), model=parse(SERVICE)).diagnostics
    assert [as_tuple(d) for d in plain] == [as_tuple(d) for d in run(SERVICE, "Dockerfile", Config()).diagnostics]


def test_an_edit_in_a_run_reruns_only_the_rules_it_can_concern(monkeypatch):
    ran: list[list[str]] = []
    real = incremental.run_rules

    def counting(model, rules, ctx):
        ran.append([r.code for r in rules if not (r.needs_context and ctx.context is None)])
        return real(model, rules, ctx)

    monkeypatch.setattr(incremental, "run_rules", counting)
    monkeypatch.setattr(incremental.stages, "run_rules", counting)  # stage-local rules, per stage
    config = Config()
    checker = IncrementalChecker()
    model = parse(SERVICE)
    first = checker.check(SERVICE, "Dockerfile", config, model=model).diagnostics
    opened = sum(map(len, ran))
    ran.clear()
    at = SERVICE.index("gcc") + len("gcc")
    text = SERVICE[:at] + " make" + SERVICE[at:]
    model = checker.reparse(model, text, at, at, len(" make"))
    again = checker.check(text, "Dockerfile", config, model=model).diagnostics
    rerun = {code for codes in ran for code in codes}
    assert [as_tuple(d) for d in again] == [as_tuple(d) for d in run(text, "Dockerfile", config).diagnostics]
    assert "DL3020" not in rerun and "DL3020" in checker.inputs.spared  # reads ADD, not RUN
    assert {"DL3009", "DL3015"} <= rerun  # apt lists left, recommended packages: read this RUN
    assert 0 < sum(map(len, ran)) < opened // 2, (sum(map(len, ran)), opened)
    # findings kept from the last check after the edit moved with the text (and equal a fresh check's)
    kept_after = [(d.code, d.start) for d in again if d.code in checker.inputs.spared and d.start > at]
    assert kept_after and all((code, start - len(" make")) in {(d.code, d.start) for d in first}
                              for code, start in kept_after)


def test_forgetting_inputs_runs_every_rule_again():
    config = Config()
    checker = IncrementalChecker()
    checker.check(SERVICE, "Dockerfile", config, model=parse(SERVICE))
    text = SERVICE.replace("EXPOSE 8000", "EXPOSE 8001")
    checker.check(text, "Dockerfile", config, model=parse(text))
    assert checker.inputs.spared
    checker.forget_inputs()
    got = checker.check(text, "Dockerfile", config, model=parse(text)).diagnostics
    assert checker.inputs.spared == []
    parts = checker.stages.parts  # nor are findings kept stage by stage (`per_stage`)
    assert parts.asked and parts.computed == parts.asked
    assert [as_tuple(d) for d in got] == [as_tuple(d) for d in run(text, "Dockerfile", config).diagnostics]


def test_an_ignore_file_is_checked_as_by_check():
    text = "node_modules\n*.pyc\n!keep.pyc\nnode_modules\n"
    got = IncrementalChecker().check(text, ".dockerignore").diagnostics
    assert [as_tuple(d) for d in got] == [as_tuple(d) for d in run(text, ".dockerignore").diagnostics]
    assert got


def test_run_rules_reports_a_crashing_rule_and_keeps_the_others():
    rules = enabled_rules(Config(), "dockerfile", "Dockerfile")
    df = parse(SERVICE)
    ctx = RuleContext(path="Dockerfile", settings=RuleSettings(), df=df, text=SERVICE)

    from dockwise.engine.diagnostic import Category
    from dockwise.engine.rule import Rule

    class Broken(Rule):
        code, name, category = "DW997", "broken", Category.CORRECTNESS

        def check(self, ctx):
            raise ValueError("a bug")

    ran = run_rules(df, [Broken(), *rules[:5]], ctx)
    assert set(ran.crashed) == {"DW997"} and isinstance(ran.crashed["DW997"], ValueError)
    assert list(ran.found) == [r.code for r in rules[:5] if not r.needs_context]
