"""The fixer refuses, and reports with the rule's code, a fix that would make BuildKit's parser
refuse the file or that does not converge; the CLI (`--fix`: a warning line, a SARIF
notification) and the language server's fix-all (a window/logMessage) pass the report on."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
from lsprotocol import types as lsp

from dockwise.config import Config
from dockwise.engine import check as engine_check
from dockwise.engine import fixer
from dockwise.engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from dockwise.engine.rule import Rule


class FixingRule(Rule):
    category, severity = Category.MAINTAINABILITY, Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def fix_at(self, start: int, end: int, message: str, new: str, title: str):
        return self.report(start, end, message, fix=self.make_fix([Edit(start, end, new)], Applicability.SAFE, title=title))


class Replacing(FixingRule):
    """Reports the first `old` in the file, with a fix titled `title` that writes `new` there."""
    old: str
    new: str
    title: str

    def check(self, ctx):
        at = ctx.text.find(self.old)
        if at >= 0:
            yield self.fix_at(at, at + len(self.old), self.title, self.new, self.title)


class EnvWithoutValue(Replacing):
    """Breaks the file: `ENV NODE_ENV=production` -> `ENV NODE_ENV` (BuildKit: ENV needs two arguments)."""
    code, name = "DW990", "env-drop-value"
    old, new, title = "NODE_ENV=production", "NODE_ENV", "Drop the value"


class PinAlpine(Replacing):
    """A sound fix beside the broken one: `alpine:latest` -> `alpine:3.20`."""
    code, name = "DW991", "pin-alpine"
    old, new, title = "alpine:latest", "alpine:3.20", "Pin alpine"


class CommentNeverCures(FixingRule):
    """Its fix appends to a trailing comment, which never removes its finding."""
    code, name = "DW992", "comment-never-cures"

    def check(self, ctx):
        at = ctx.text.find("# build")
        if at >= 0:
            end = ctx.text.index("\n", at)
            yield self.fix_at(end, end, "comment", " tag", "Tag the comment")


class LabelToV2(Replacing):
    code, name = "DW993", "label-to-v2"
    old, new, title = 'version="1"', 'version="2"', "Use version 2"


class LabelToV1(Replacing):
    code, name = "DW994", "label-to-v1"
    old, new, title = 'version="2"', 'version="1"', "Use version 1"


class GrowsForever(FixingRule):
    """Each fix adds a line it then reports again one line lower: never stable."""
    code, name = "DW995", "grows-forever"

    def check(self, ctx):
        end = len(ctx.text)
        yield self.report(max(end - 1, 0), end, "grow", fix=self.make_fix(
            [Edit.insert(end, "# more\n")], Applicability.SAFE, title="Add a line"))


@pytest.fixture
def rules(monkeypatch):
    def use(*classes):
        monkeypatch.setattr(engine_check, "enabled_rules", lambda *a, **k: [c() for c in classes])
    return use


DOCKERFILE = "FROM alpine:latest\nENV NODE_ENV=production\nRUN apk add --no-cache curl\n"


def test_a_fix_that_breaks_parsing_is_refused_and_reported_while_others_apply(rules):
    rules(EnvWithoutValue, PinAlpine)
    out = fixer.fix_text(DOCKERFILE, "Dockerfile", Config())
    assert out.text == "FROM alpine:3.20\nENV NODE_ENV=production\nRUN apk add --no-cache curl\n"
    assert out.applied == [("DW991", "Pin alpine")]
    assert [(p.code, p.kind) for p in out.problems] == [("DW990", fixer.BREAKS_PARSING)]
    assert "ENV must have two arguments" in out.problems[0].detail
    line = out.problems[0].describe("services/api/Dockerfile")
    assert line.startswith('services/api/Dockerfile: DW990 fix "Drop the value" not applied: it would make the file fail to parse')


def test_a_file_already_broken_elsewhere_still_gets_its_sound_fixes(rules):
    rules(PinAlpine)
    text = "FROM alpine:latest\nENV ONLYNAME\n"  # BuildKit refuses it before any fix
    out = fixer.fix_text(text, "Dockerfile", Config())
    assert out.text == "FROM alpine:3.20\nENV ONLYNAME\n" and out.problems == []


def test_a_fix_that_does_not_cure_its_finding_is_reported_once(rules):
    rules(CommentNeverCures)
    out = fixer.fix_text("FROM alpine:3.20\nRUN make # build\n", "Dockerfile", Config())
    assert out.text == "FROM alpine:3.20\nRUN make # build tag\n"  # applied once, as before
    assert [(p.code, p.kind) for p in out.problems] == [("DW992", fixer.NO_CONVERGENCE)]
    assert "offered again" in out.problems[0].detail


def test_fixes_that_undo_each_other_are_reported(rules):
    rules(LabelToV2, LabelToV1)
    out = fixer.fix_text('FROM alpine:3.20\nLABEL version="1"\n', "Dockerfile", Config())
    assert out.text == 'FROM alpine:3.20\nLABEL version="2"\n'
    assert [(p.code, p.kind) for p in out.problems] == [("DW994", fixer.NO_CONVERGENCE)]
    assert "earlier state" in out.problems[0].detail


def test_a_fix_still_offered_when_the_passes_run_out_is_reported(rules):
    rules(GrowsForever)
    out = fixer.fix_text("FROM alpine:3.20\n", "Dockerfile", Config())
    assert out.passes == fixer.MAX_PASSES
    assert [(p.code, p.kind) for p in out.problems] == [("DW995", fixer.NO_CONVERGENCE)]
    assert f"after {fixer.MAX_PASSES} passes" in out.problems[0].detail


def test_an_ignore_fix_that_makes_docker_reject_the_file_is_refused(rules):
    class BangOnly(Replacing):
        code, name, file_kind = "DW996", "bang-only", "dockerignore"
        old, new, title = "!keep.txt", "!", "Shorten"

    rules(BangOnly)
    out = fixer.fix_text("node_modules\n!keep.txt\n", ".dockerignore", Config())
    assert out.text == "node_modules\n!keep.txt\n"
    assert [(p.code, p.kind) for p in out.problems] == [("DW996", fixer.BREAKS_PARSING)]


def test_sound_rules_report_nothing():
    out = fixer.fix_text("FROM python:3.12\nRUN pip install flask\n", "Dockerfile", Config(select=["DL3042"]))
    assert out.applied and out.problems == []


def _cli(args, tmp_path):
    from dockwise.cli import main
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:
            code = e.code
    return code, out.getvalue(), err.getvalue()


def test_cli_fix_prints_one_warning_per_refused_fix_and_sarif_carries_it(rules, tmp_path, monkeypatch):
    rules(EnvWithoutValue, PinAlpine)
    (tmp_path / ".git").mkdir()
    target = tmp_path / "Dockerfile"
    target.write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(["check", "--fix", "--format", "sarif", "Dockerfile"], tmp_path)
    assert target.read_text() == "FROM alpine:3.20\nENV NODE_ENV=production\nRUN apk add --no-cache curl\n"
    warnings = [line for line in err.splitlines() if "DW990" in line]
    assert warnings == ['warning: Dockerfile: DW990 fix "Drop the value" not applied: it would make the file fail to '
                        "parse (ENV must have two arguments); please report this dockwise bug"], err
    notes = json.loads(out)["runs"][0]["invocations"][0]
    assert [(n["level"], n["associatedRule"]["id"]) for n in notes["toolExecutionNotifications"]] == [("warning", "DW990")]
    assert notes["executionSuccessful"] is True


def test_language_server_fix_all_logs_the_refused_fix_and_leaves_it_out(rules):
    from dockwise.lsp import actions
    from dockwise.lsp.documents import Document
    from dockwise.lsp.settings import parse_settings

    rules(EnvWithoutValue, PinAlpine)

    class Service:
        settings = parse_settings(None)[0]
        logged: list = []
        server = type("S", (), {"client_capabilities": lsp.ClientCapabilities()})()

        def lint(self, doc):
            doc.diagnostics = engine_check.run(doc.text, doc.path, Config()).diagnostics

        def setup_for(self, doc):
            return Config(), {}

        def log(self, message, kind=lsp.MessageType.Log):
            self.logged.append((message, kind))

    service = Service()
    doc = Document("file:///repo/Dockerfile", "dockerfile", "")
    doc.set_text(DOCKERFILE, 3)
    action = actions.fix_all(service, doc)
    [edit] = action.edit.changes["file:///repo/Dockerfile"]
    start, end = doc.index.offset(edit.range.start), doc.index.offset(edit.range.end)
    assert DOCKERFILE[:start] + edit.new_text + DOCKERFILE[end:] == (
        "FROM alpine:3.20\nENV NODE_ENV=production\nRUN apk add --no-cache curl\n")
    assert service.logged == [('dockwise: /repo/Dockerfile: DW990 fix "Drop the value" not applied: it would make '
                               "the file fail to parse (ENV must have two arguments); please report this dockwise bug",
                               lsp.MessageType.Warning)]


def test_the_rule_harness_fails_a_rule_whose_fix_breaks_parsing(rules):
    from rule_harness import fixed, sound_fix

    rules(EnvWithoutValue)
    with pytest.raises(AssertionError, match='DW990 fix "Drop the value" not applied'):
        fixed("DW990", DOCKERFILE)
    rules(CommentNeverCures)
    with pytest.raises(AssertionError, match="does not converge"):
        sound_fix("FROM alpine:3.20\nRUN make # build\n", "Dockerfile", Config())
    rules(PinAlpine)
    assert fixed("DW991", DOCKERFILE).startswith("FROM alpine:3.20\n")


def test_the_parse_check_costs_no_parse_beyond_one_per_text(monkeypatch):
    """Each text the fixer makes is parsed once: its parse serves the check for new errors and
    the next pass's rules alike (bounded work, not time)."""
    import random

    import dockwise.dockerfile as dockerfile_pkg
    from shared_data import corpus_dockerfiles

    calls = []
    real = dockerfile_pkg.parse
    monkeypatch.setattr(dockerfile_pkg, "parse", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(engine_check, "parse", dockerfile_pkg.parse)
    files = [p for p in corpus_dockerfiles() if b"\x00" not in p.read_bytes()]
    passes = 0
    for path in random.Random(5).sample(files, 40):
        out = fixer.fix_text(path.read_bytes().decode("utf-8", "replace"), "Dockerfile", Config(select=["ALL"]), unsafe=True)
        assert out.problems == [], path
        passes += out.passes
    assert passes >= 10  # the sample has work to do
    assert len(calls) == 40 + passes, (len(calls), passes)
