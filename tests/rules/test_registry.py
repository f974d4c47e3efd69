"""Meta-tests over the registry: codes, names, docs, modules and declared fix availability."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from dockwise.engine.diagnostic import FixAvailability
from dockwise.rules.registry import all_rules
from rule_harness import FIXTURES, findings, fixture_config

RULES = all_rules()
TESTS = Path(__file__).parent


def test_codes_are_unique_and_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names)), "rule names must be unique"
    for code in RULES:
        assert re.fullmatch(r"(DL|DW|SC)\d{4}|DW\d{3}", code), code


@pytest.mark.parametrize("code", list(RULES))
def test_rule_docs_have_required_sections(code):
    doc = RULES[code].docs()
    for section in ("## What it does", "## Why is this bad?", "## Example"):
        assert section in doc, f"{code} docs lack {section!r}"
    if RULES[code].fix_availability is not FixAvailability.NEVER:
        assert "## Fix safety" in doc, f"{code} can fix but does not document its fix safety"


# How a Dockerfile rule's docs say which stages it looks at (docs/writing-rules.md, "Which stages ship").
STAGES_PARAGRAPH = re.compile(r"^Stages: .*?(?=\n\n|\Z)", re.M | re.S)
STAGES_KINDS = re.compile(r"Stages: (all|shipped only|the final stage only|final only|file-wide)\b")
ASKS_SHIPPING = re.compile(r"\b(shipping|shipped_stages)\(")


def stages_problem(doc: str, source: str) -> str | None:
    """What is wrong with the `Stages:` paragraph of a rule whose docstring is `doc` and whose
    module's source is `source`, or None."""
    found = STAGES_PARAGRAPH.findall(doc)
    if len(found) != 1:
        return f"has {len(found)} `Stages:` paragraphs, wants one"
    paragraph = found[0]
    what = doc.split("## What it does", 1)[-1].split("## Why is this bad?", 1)[0]
    if "## What it does" not in doc or paragraph not in what:
        return "has its `Stages:` paragraph outside `## What it does`"
    if not STAGES_KINDS.match(paragraph):
        return f"starts its `Stages:` paragraph with none of the known kinds: {paragraph[:60]!r}"
    asks = ASKS_SHIPPING.search(source) is not None
    if asks and "ship" not in paragraph:
        return "asks which stages ship, and its `Stages:` paragraph does not say how"
    if paragraph.startswith("Stages: shipped only") and not asks:
        return "says `shipped only` but never asks which stages ship"
    return None


DOCKERFILE_RULES = [code for code, rule in RULES.items() if rule.file_kind == "dockerfile"]


@pytest.mark.parametrize("code", DOCKERFILE_RULES)
def test_dockerfile_rule_docs_say_which_stages_it_looks_at(code):
    rule = type(RULES[code])
    problem = stages_problem(rule.docs(), inspect.getsource(inspect.getmodule(rule)))
    assert problem is None, f"{code} {problem}"


SHIPPING_RULE = '''
answer = shipping(ctx.df, ctx.settings.target)
'''


def _doc(stages: str) -> str:
    return ("Caches left in the image.\n\n## What it does\nFlags `RUN npm ci` that keeps its cache.\n\n"
            f"{stages}\n\n## Why is this bad?\nThe cache ships.\n\n## Example\n")


def test_stages_check_fails_on_missing_misplaced_or_untrue_paragraphs():
    assert stages_problem(_doc("Stages: shipped only — a builder's cache costs nothing."), SHIPPING_RULE) is None
    assert stages_problem(_doc("Stages: all (`ONBUILD RUN` too)."), "for ins in runs(df): ...") is None
    assert "0 `Stages:`" in stages_problem(_doc("Flags it in every stage."), "")
    assert "2 `Stages:`" in stages_problem(_doc("Stages: all.\n\nStages: file-wide."), "")
    outside = _doc("").replace("## Example\n", "## Example\n\nStages: all.\n")
    assert "outside" in stages_problem(outside, "")
    assert "known kinds" in stages_problem(_doc("Stages: most of them."), "")
    assert "does not say how" in stages_problem(_doc("Stages: all."), SHIPPING_RULE)
    assert "never asks" in stages_problem(_doc("Stages: shipped only."), "for ins in runs(df): ...")


@pytest.mark.parametrize("code", list(RULES))
def test_rule_module_is_named_after_its_code(code):
    module = Path(inspect.getfile(type(RULES[code]))).stem
    assert module.startswith(code.lower() + "_"), f"{code} lives in {module}.py"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_has_a_catches_passes_table(code):
    assert list(TESTS.rglob(f"test_{code.lower()}*.py")), f"{code} has no tests/rules/**/test_{code.lower()}_*.py"


@pytest.mark.parametrize("code", [c for c, r in RULES.items() if not r.needs_context])
def test_declared_fix_availability_matches_fixture(code):
    rule = RULES[code]
    folder = FIXTURES / code
    for inp in sorted(folder.glob("input*")):
        path = "Dockerfile" if inp.suffix == ".Dockerfile" else ".dockerignore"
        found = findings(code, inp.read_text(encoding="utf-8"), path=path, config=fixture_config(code))
        assert found, f"{code}'s fixture {inp.name} must trigger the rule"
        with_fix = [d for d in found if d.fix is not None]
        if rule.fix_availability is FixAvailability.NEVER:
            assert not with_fix, f"{code} declares no fix but emitted one"
        elif rule.fix_availability is FixAvailability.ALWAYS:
            assert len(with_fix) == len(found), f"{code} declares a fix always, but some findings lack one"
        else:
            assert with_fix, f"{code} declares fixes sometimes; its fixture should show one"


def test_renamed_codes_redirect():
    from dockwise.rules.registry import resolve
    assert resolve("DW420") == ["DL3065"]
    assert "DL3065" in resolve("RedundantTargetPlatform")


def test_no_two_default_rules_share_a_buildkit_name_unless_they_split_one_check():
    by_name: dict[str, list[str]] = {}
    for code, rule in RULES.items():
        if rule.buildkit_name and rule.default_enabled:
            by_name.setdefault(rule.buildkit_name, []).append(code)
    shared = {k: v for k, v in by_name.items() if len(v) > 1}
    assert shared == {"MultipleInstructionsDisallowed": ["DL4003", "DL4004"]}
