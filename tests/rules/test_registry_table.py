"""The literal registry (dockwise/rules/registry.py) held to the rule classes: every rule class is
registered once, codes are unique and never reused, a code loads its class lazily, and a rule's
status, since and default are declared there only."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.version import Version

import dockwise
from dockwise.engine.rule import Rule, Status
from dockwise.rules import registry
from dockwise.rules.registry import CODES, ENTRIES, REMOVED, RENAMED, Entry, Redirect, Removed

RULES_DIR = Path(registry.__file__).parent
RULE_PACKAGES = ("dockwise.rules.dockerfile", "dockwise.rules.dockerignore")


def rule_classes_defined() -> list[str]:
    """Every rule class a module under rules/ defines, as "module:Class" relative to dockwise.rules."""
    found = []
    for package in RULE_PACKAGES:
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            module = importlib.import_module(f"{package}.{info.name}")
            for name, cls in vars(module).items():
                if inspect.isclass(cls) and issubclass(cls, Rule) and cls.__module__ == module.__name__ \
                        and "code" in vars(cls):
                    found.append(f"{module.__name__.removeprefix('dockwise.rules.')}:{name}")
    return found


def test_every_rule_class_is_registered_exactly_once():
    defined = rule_classes_defined()
    registered = [e.where for e in ENTRIES.values()]
    assert len(registered) == len(set(registered)), "a class is registered under two codes"
    assert sorted(set(defined) - set(registered)) == [], "rule classes missing from rules/registry.py"
    assert sorted(set(registered) - set(defined)) == [], "registry lines naming no rule class"
    assert len(defined) == len(ENTRIES) > 100


def test_codes_are_unique_across_rules_removed_codes_and_redirects():
    codes = [e.code for e in CODES]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes, key=registry._code_key), "keep the table in code order"
    assert not (set(REMOVED) | set(RENAMED)) & set(ENTRIES)


@pytest.mark.parametrize("code", list(ENTRIES))
def test_loading_a_code_gives_the_class_with_that_code_and_its_declared_lifecycle(code):
    entry = ENTRIES[code]
    cls = registry.load(code.lower())
    assert cls.code == code
    assert (cls.status, cls.since, cls.default_enabled) == (entry.status, entry.since, entry.default)
    assert cls.preview == (entry.status is Status.PREVIEW)
    assert registry.all_rules()[code].__class__ is cls


def test_lifecycle_is_declared_in_the_registry_only():
    """No rule module sets status, since, preview or default_enabled itself (declared twice, they drift)."""
    declared = []
    for path in sorted(RULES_DIR.glob("docker*/d[lw][0-9]*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    targets = stmt.targets if isinstance(stmt, ast.Assign) else \
                        [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
                    declared += [f"{path.name}: {node.name}.{t.id}" for t in targets if isinstance(t, ast.Name)
                                 and t.id in ("status", "since", "preview", "default_enabled")]
    assert declared == []


def test_since_is_a_released_or_current_version():
    current = Version(dockwise.__version__)
    for entry in CODES:
        assert Version(entry.since) <= current, entry
        if isinstance(entry, Removed):
            assert Version(entry.since) <= Version(entry.removed_in) <= current, entry


def test_status_of_live_rules_is_never_removed_and_retired_codes_load_nothing():
    assert {e.status for e in ENTRIES.values()} <= {Status.STABLE, Status.PREVIEW, Status.DEPRECATED}
    for entry in CODES:
        if isinstance(entry, Redirect):
            assert entry.target in ENTRIES, entry
            assert registry.resolve(entry.code) == [entry.target] and registry.canonical(entry.code) == entry.target
        if isinstance(entry, (Removed, Redirect)):
            with pytest.raises(KeyError):
                registry.load(entry.code)
        if isinstance(entry, Removed):
            assert registry.resolve(entry.code) == [] and registry.is_known(entry.code)
            assert registry.removed(entry.code.lower()) == entry.reason


def test_a_misplaced_registry_line_is_caught(monkeypatch):
    """A line whose class has another code fails loudly instead of running the wrong rule."""
    wrong = Entry("DL3007", Status.STABLE, "0.1.0", True, ENTRIES["DL3006"].where)
    monkeypatch.setitem(ENTRIES, "DL3007", wrong)
    registry._load.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="DL3007 names .*UntaggedBaseImage, whose code is DL3006"):
            registry.load("DL3007")
    finally:
        registry._load.cache_clear()


PROBE = """
import json, sys
def rule_modules():
    return sorted(m for m in sys.modules if m.startswith(("dockwise.rules.dockerfile.", "dockwise.rules.dockerignore.")))
import dockwise.engine.check, dockwise.engine.fixer
after_engine = rule_modules()
from dockwise.rules import registry
registry.resolve("DL30"); registry.resolve("DW420"); registry.resolve("dw508"); registry.is_known("ALL")
after_codes = rule_modules()
cls = registry.load("DL3002")
print(json.dumps({"engine": after_engine, "codes": after_codes, "load": rule_modules(), "code": cls.code}))
"""


def test_codes_resolve_without_importing_rules_and_load_imports_only_the_one_asked_for():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout)
    assert seen["engine"] == [] and seen["codes"] == []
    assert seen["load"] == ["dockwise.rules.dockerfile.dl3002_last_user_root"] and seen["code"] == "DL3002"


def test_names_resolve_too():
    assert registry.resolve("last-user-root") == ["DL3002"]
    assert registry.resolve("RedundantTargetPlatform") == ["DL3065"]
    assert registry.resolve("MultipleInstructionsDisallowed") == ["DL4003", "DL4004"]
    assert registry.resolve("DW50") == [f"DW50{i}" for i in range(8)]  # DW508 is removed: not selected
