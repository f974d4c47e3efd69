"""Every rule's fixture folder renders exactly as its snapshot (diagnostics and fix diff)."""

from __future__ import annotations

import pytest

from dockwise.rules.registry import all_rules
from rule_harness import FIXTURES, snapshot

CONTEXT_RULES = {code for code, rule in all_rules().items() if rule.needs_context}


@pytest.mark.parametrize("code", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_fixture_matches_snapshot(code):
    if code in CONTEXT_RULES:
        return  # context rules snapshot their own trees in their test modules
    expected, actual = snapshot(code)
    assert actual == expected


def test_every_rule_has_a_fixture_folder():
    missing = [code for code in all_rules() if not (FIXTURES / code).is_dir()]
    assert not missing, f"rules without fixtures: {missing}"
