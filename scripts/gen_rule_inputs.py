#!/usr/bin/env python3
"""Generate `server/dockwise/rules/inputs_table.py`: what each rule code reads (its `inputs`) and
the other facts the engine asks before running it (file kind, build context), so that the
registry can choose rules without importing their modules and import only those whose inputs
occur in the file. `--check` fails when the table is stale (tests/rules/test_inputs_table.py
runs it).

    python3 scripts/gen_rule_inputs.py [--check]
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

from dockwise.engine.rule import Inputs, Scope  # noqa: E402
from dockwise.rules.registry import all_rules  # noqa: E402

TABLE = ROOT / "server" / "dockwise" / "rules" / "inputs_table.py"
HEADER = '''"""What each rule reads, by code: generated from the rule classes by scripts/gen_rule_inputs.py
(do not edit; tests/rules/test_inputs_table.py fails when it is stale). The registry reads it to
choose rules without importing them: `Static(file_kind, needs_context, uses_context, inputs)`."""

from __future__ import annotations

from typing import NamedTuple

from ..engine.rule import Inputs, Scope

STAGE = Scope.STAGE


class Static(NamedTuple):
    file_kind: str
    needs_context: bool
    uses_context: bool
    inputs: Inputs | None


def _i(keywords=None, programs=None, scope=Scope.FILE, reports_missing=False) -> Inputs:
    return Inputs(None if keywords is None else frozenset(keywords),
                  None if programs is None else frozenset(programs), scope, reports_missing)


STATIC: dict[str, Static] = {
'''


def names(values: frozenset[str] | None) -> str:
    if values is None:
        return "None"
    quoted = [f'"{v}"' for v in sorted(values)]
    return "(" + ", ".join(quoted) + ("," if len(quoted) == 1 else "") + ")"


def inputs_literal(inputs: Inputs | None) -> str:
    if inputs is None:
        return "None"
    args = [names(inputs.keywords)]
    if inputs.programs is not None or inputs.scope is not Scope.FILE or inputs.reports_missing:
        args.append(names(inputs.programs))
    if inputs.scope is not Scope.FILE or inputs.reports_missing:
        args.append("STAGE" if inputs.scope is Scope.STAGE else "Scope.FILE")
    if inputs.reports_missing:
        args.append("True")
    return f"_i({', '.join(args)})"


def render() -> str:
    lines = [HEADER]
    for code, rule in all_rules().items():
        line = (f'    "{code}": Static("{rule.file_kind}", {rule.needs_context}, {rule.uses_context}, '
                f"{inputs_literal(rule.inputs)}),")
        # long program lists: one line per 100 characters or so
        lines.append("\n".join(textwrap.wrap(line, 110, subsequent_indent=" " * 8, break_long_words=False,
                                              break_on_hyphens=False)) + "\n")
    lines.append("}\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TABLE.exists() or TABLE.read_text() != text:
            print(f"{TABLE.relative_to(ROOT)} is stale: run python3 scripts/gen_rule_inputs.py")
            return 1
        return 0
    TABLE.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
