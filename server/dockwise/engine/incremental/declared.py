"""What a rule says it reads, as the editor's memos use it: the one place they look at a rule's
`inputs` (see docs/writing-rules.md), so that the declaration's shape can change here alone."""

from __future__ import annotations

from typing import NamedTuple

from ..rule import Rule, Scope, inputs_of


class Reads(NamedTuple):
    stage_local: bool                  # its findings on a stage follow from that stage's unit alone
    keywords: frozenset[str] | None    # the instruction keywords it reads besides the skeleton (None: anything)
    programs: frozenset[str] | None    # with RUN: only RUNs running one of these (None: any)
    needs_context: bool                # reads the build context (whose changes no edit shows)


_last: tuple[list[Rule] | None, dict[str, Reads]] = (None, {})


def declarations(rules: list[Rule]) -> dict[str, Reads]:
    """Each rule's `Reads` by code (once per list of rules: `enabled_rules` shares one per
    configuration)."""
    global _last
    if _last[0] is not rules:
        _last = (rules, {r.code: _reads(r) for r in rules})
    return _last[1]


def _reads(rule: Rule) -> Reads:
    inputs = inputs_of(rule)
    return Reads(inputs.scope is Scope.STAGE, inputs.keywords, inputs.programs, bool(rule.needs_context))
