"""A finding may offer other fixes beside its own (a BuildKit cache mount beside deleting the
cache): `--fix` applies the finding's own fix, `--prefer-fix KIND` / `prefer-fixes` the
alternative of that kind, the editor offers each as its own quick fix, and every report format
shows them."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
from lsprotocol import types as lsp

from dockwise.config import Config, ConfigError, from_mapping
from dockwise.engine import check as engine_check
from dockwise.engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from dockwise.engine.fixer import fix_text
from dockwise.engine.incremental import IncrementalChecker
from dockwise.dockerfile import parse
from dockwise.engine.rule import Inputs, Rule

DOCKERFILE = "FROM alpine:3.20\nRUN apk add curl\n"
CLEANED = "FROM alpine:3.20\nRUN apk add --no-cache curl\n"
MOUNTED = "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n"


class ApkCache(Rule):
    """`apk add` keeps its cache: add `--no-cache` (safe), or cache it in a mount (an alternative)."""
    code, name = "DW980", "apk-cache-kept"
    inputs = Inputs(keywords={"RUN"})
    category, severity = Category.SIZE, Severity.INFO
    fix_availability = FixAvailability.ALWAYS

    def check(self, ctx):
        text = ctx.text
        at = text.find("apk add ")
        if at < 0 or "--no-cache" in text or "--mount" in text:
            return
        clean = self.make_fix([Edit.insert(at + len("apk add"), " --no-cache")], title="Add `--no-cache`")
        mount = self.make_fix([Edit.insert(at - 1, " --mount=type=cache,target=/var/cache/apk")], Applicability.UNSAFE,
                              title="Use a cache mount for apk's cache (needs BuildKit)", kind="cache-mount")
        yield self.report(at, at + len("apk add"), "apk keeps its cache", fix=clean, alternatives=(mount,))


class OnlyAlternatives(Rule):
    """Offers a suggestion of a kind only: the first alternative becomes the finding's fix."""
    code, name = "DW981", "only-alternatives"
    category, severity = Category.SIZE, Severity.INFO
    fix_availability = FixAvailability.SOMETIMES

    def check(self, ctx):
        at = ctx.text.find("curl")
        if at >= 0:
            bind = self.make_fix([Edit.insert(at, "")], Applicability.SUGGESTION, title="Bind it", kind="bind-mount")
            yield self.report(at, at + 4, "curl", alternatives=(bind,))


@pytest.fixture
def rules(monkeypatch):
    def use(*classes):
        monkeypatch.setattr(engine_check, "enabled_rules", lambda *a, **k: [c() for c in classes])
    return use


def test_the_findings_own_fix_is_applied_unless_an_alternative_is_preferred(rules):
    rules(ApkCache)
    assert fix_text(DOCKERFILE, "Dockerfile", Config()).text == CLEANED
    assert fix_text(DOCKERFILE, "Dockerfile", Config(), unsafe=True).text == CLEANED
    # naming the kind is the user's pick: the unsafe alternative applies without --unsafe-fixes
    preferred = fix_text(DOCKERFILE, "Dockerfile", Config(prefer_fixes=("cache-mount",)))
    assert preferred.text == MOUNTED
    assert preferred.applied == [("DW980", "Use a cache mount for apk's cache (needs BuildKit)")]
    # a preferred kind the finding does not offer leaves its own fix
    assert fix_text(DOCKERFILE, "Dockerfile", Config(prefer_fixes=("secret-mount",))).text == CLEANED


def test_alternatives_without_a_fix_make_the_first_one_the_fix_and_a_suggestion_is_never_applied(rules):
    rules(OnlyAlternatives)
    [d] = engine_check.run(DOCKERFILE, "Dockerfile", Config()).diagnostics
    assert d.fix.title == "Bind it" and d.alternatives == ()
    outcome = fix_text(DOCKERFILE, "Dockerfile", Config(prefer_fixes=("bind-mount",)), unsafe=True)
    assert outcome.text == DOCKERFILE and not outcome.applied


def test_prefer_fixes_in_the_configuration_is_checked():
    assert from_mapping({"prefer-fixes": ["cache-mount"]}, "pyproject.toml").prefer_fixes == ("cache-mount",)
    with pytest.raises(ConfigError) as bad:
        from_mapping({"prefer-fixes": ["cache-mounts"]}, "pyproject.toml")
    assert str(bad.value) == ("pyproject.toml: prefer-fixes: unknown fix kind 'cache-mounts'; did you mean "
                              "'cache-mount'? (known: cache-mount, secret-mount, bind-mount)")
    with pytest.raises(ConfigError, match="expected a list of strings"):
        from_mapping({"prefer-fixes": "cache-mount"}, "pyproject.toml")


def _cli(argv):
    from dockwise.cli import main
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:
            code = e.code
    return code, out.getvalue(), err.getvalue()


def test_cli_prefer_fix_and_every_report_format_show_the_alternative(rules, tmp_path, monkeypatch):
    rules(ApkCache)
    (tmp_path / ".git").mkdir()
    target = tmp_path / "Dockerfile"
    target.write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(["check", "Dockerfile"])
    assert " = fix: Add `--no-cache`" in out
    assert " = or (--prefer-fix cache-mount): Use a cache mount for apk's cache (needs BuildKit)" in out
    [finding] = json.loads(_cli(["check", "--format", "json", "Dockerfile"])[1])
    assert finding["fix"]["title"] == "Add `--no-cache`"
    assert [(a["kind"], a["applicability"], a["title"]) for a in finding["alternatives"]] == [
        ("cache-mount", "unsafe", "Use a cache mount for apk's cache (needs BuildKit)")]
    sarif = json.loads(_cli(["check", "--format", "sarif", "Dockerfile"])[1])
    [result] = sarif["runs"][0]["results"]
    assert [f["description"]["text"] for f in result["fixes"]] == [
        "Add `--no-cache` (safe)", "Use a cache mount for apk's cache (needs BuildKit) (unsafe)"]
    code, out, err = _cli(["check", "--fix", "--prefer-fix", "cache-mount", "Dockerfile"])
    assert target.read_text() == MOUNTED
    code, out, err = _cli(["check", "--fix", "--prefer-fix", "cache", "Dockerfile"])
    assert code == 2 and "--prefer-fix: unknown fix kind 'cache'" in err


def test_an_edit_above_moves_the_alternatives_edits_too(rules):
    """The editor keeps the finding of a rule whose inputs an edit did not touch, moved."""
    rules(ApkCache)
    checker = IncrementalChecker()
    model = parse(DOCKERFILE)
    checker.check(DOCKERFILE, "Dockerfile", Config(), model=model)
    at, added = len("FROM alpine:3.20\n"), "LABEL team=web\n"
    moved = DOCKERFILE[:at] + added + DOCKERFILE[at:]
    result = checker.check(moved, "Dockerfile", Config(), model=checker.reparse(model, moved, at, at, len(added)))
    assert "DW980" in checker.inputs.spared  # kept, not run again
    fresh = engine_check.run(moved, "Dockerfile", Config()).diagnostics
    assert [(d.fix, d.alternatives) for d in result.diagnostics] == [(d.fix, d.alternatives) for d in fresh]
    [alt] = result.diagnostics[0].alternatives
    assert moved[:alt.edits[0].start].endswith("RUN")


def test_the_editor_offers_each_fix_as_its_own_quick_fix(rules):
    from dockwise.lsp import actions, convert
    from dockwise.lsp.documents import Document
    from dockwise.lsp.settings import parse_settings

    rules(ApkCache)

    class Service:
        settings = parse_settings(None)[0]
        server = type("S", (), {"client_capabilities": lsp.ClientCapabilities()})()

        def lint(self, doc):
            doc.diagnostics = engine_check.run(doc.text, doc.path, Config()).diagnostics

        def setup_for(self, doc):
            return Config(), {}

    doc = Document("file:///repo/Dockerfile", "dockerfile", "")
    doc.set_text(DOCKERFILE, 3)
    Service().lint(doc)
    sent = convert.diagnostic_objects([convert.diagnostic_json(doc.index, d, 3, lambda p: doc.uri, lambda p: None)
                                       for d in doc.diagnostics])
    params = lsp.CodeActionParams(lsp.TextDocumentIdentifier(doc.uri), sent[0].range,
                                  lsp.CodeActionContext(diagnostics=sent, only=[lsp.CodeActionKind.QuickFix]))
    fixes = [a for a in actions.code_actions(Service(), doc, params) if "disable" not in a.title]
    assert [(a.title, a.is_preferred) for a in fixes] == [
        ("dockwise (DW980): Add `--no-cache`", True),
        ("dockwise (DW980): Use a cache mount for apk's cache (needs BuildKit)", False)]
    [edit] = fixes[1].edit.changes[doc.uri]
    start, end = doc.index.offset(edit.range.start), doc.index.offset(edit.range.end)
    assert DOCKERFILE[:start] + edit.new_text + DOCKERFILE[end:] == MOUNTED
    # fix-all applies the finding's own fix, or the preferred alternative when configured
    assert actions.fix_all(Service(), doc) is not None
