"""The generated table of what each rule reads (rules/inputs_table.py) and the registry's use of
it: a check imports only the rule modules whose inputs occur in the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dockwise.rules import registry
from dockwise.rules.inputs_table import STATIC

ROOT = Path(__file__).resolve().parents[2]


def test_the_table_says_what_the_classes_declare():
    rules = registry.all_rules()
    assert set(STATIC) == set(rules), "run python3 scripts/gen_rule_inputs.py"
    for code, rule in rules.items():
        static = STATIC[code]
        declared = (rule.file_kind, rule.needs_context, rule.uses_context, rule.inputs)
        assert tuple(static) == declared, f"{code}: the table is stale: run python3 scripts/gen_rule_inputs.py"


def test_the_generator_writes_the_table_as_it_is():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_inputs.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_engine_sees_the_registry_facts_without_importing_a_rule():
    lazy = registry.lazy_rules()
    assert list(lazy) == list(registry.all_rules())
    for code, rule in lazy.items():
        real = registry.all_rules()[code]
        assert (rule.status, rule.since, rule.preview, rule.default_enabled, rule.inputs) == \
            (real.status, real.since, real.preview, real.default_enabled, real.inputs), code
        assert rule.name == real.name and rule.check == real.check  # anything else: the rule itself


SMALL_APP = """\
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""

PROBE = """\
import json, sys
sys.argv = ["dockwise", "check", "--exit-zero", "--quiet", sys.argv[1]]
from dockwise.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m.rsplit(".", 1)[-1].split("_", 1)[0].upper() for m in sys.modules
                        if m.startswith("dockwise.rules.dockerfile."))))
"""


def test_a_check_imports_only_the_rules_whose_inputs_occur(tmp_path):
    path = tmp_path / "Dockerfile"
    path.write_text(SMALL_APP)
    done = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, cwd=tmp_path)
    imported = set(json.loads(done.stdout.strip().splitlines()[-1]))
    # what the file has: apt-get, pip, WORKDIR, COPY, CMD
    assert {"DL3014", "DL3015", "DL3042", "DL3000", "DL3021"} <= imported
    # what it has not: LABEL, yum, zypper, npm, HEALTHCHECK counts, EXPOSE, MAINTAINER, ADD
    assert not imported & {"DL3048", "DL3033", "DL3037", "DL3016", "DL3012", "DL3011", "DL4000", "DL3020"}
    every = [c for c, r in registry.all_rules().items() if r.file_kind == "dockerfile"]
    assert len(imported) < 0.7 * len(every)


def test_a_rule_added_since_the_table_was_generated_still_runs(monkeypatch):
    """A newcomer's rule works before `gen_docs.py` writes its line: the stand-in asks the rule."""
    monkeypatch.delitem(registry.STATIC, "DL3019")
    rule = registry.LazyRule(registry.ENTRIES["DL3019"])
    assert rule.inputs == registry.all_rules()["DL3019"].inputs and rule.file_kind == "dockerfile"
