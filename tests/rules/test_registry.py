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
