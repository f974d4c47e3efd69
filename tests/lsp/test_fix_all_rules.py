"""Fix-all's passes after the first run only the rules that can fix (lsp/actions.fixing_config):
the fixed text must be exactly what the CLI's `--fix` (every enabled rule in every pass) makes,
over the whole corpus, with the default rules and with all of them, safe and unsafe fixes."""

from __future__ import annotations

import pytest
from shared_data import corpus_dockerfiles

from dockwise.config import Config
from dockwise.engine.check import enabled_rules, run
from dockwise.engine.fixer import fix_text
from dockwise.lsp.actions import fixing_config

CONFIGS = {"default": Config(), "all rules": Config(select=["ALL"])}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_fixing_rules_alone_fix_the_corpus_as_every_rule_does(name):
    cfg = CONFIGS[name]
    fixing = fixing_config(cfg, "dockerfile", "Dockerfile")
    chosen = {r.code for r in enabled_rules(fixing, "dockerfile", "Dockerfile")}
    every = {r.code for r in enabled_rules(cfg, "dockerfile", "Dockerfile")}
    assert chosen < every  # a real subset
    compared = fixed = 0
    for path in corpus_dockerfiles():
        data = path.read_bytes()
        if b"\x00" in data:
            continue
        text = data.decode("utf-8", "replace")
        first = run(text, "Dockerfile", cfg).diagnostics
        for unsafe in (False, True):
            want = fix_text(text, "Dockerfile", cfg, unsafe=unsafe, first=first).text
            got = fix_text(text, "Dockerfile", fixing, unsafe=unsafe, first=first).text
            assert got == want, (path, unsafe)
            compared += 1
            fixed += want != text
    assert compared > 1000 and fixed > 300, (compared, fixed)
