"""Rules that look at the disk outside the build context declare what they look at
(`Rule.disk_inputs`): the language server stats those paths before each check and checks again
when one changed, so a finding never outlives the folder it came from.

Held over the shared contexts (real repositories with their folders): while each rule that
uses the context checks each Dockerfile, every folder it lists and every file it asks about
outside the context must be among its declared inputs."""

from __future__ import annotations

import os

import pytest

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.rules.registry import all_rules
from dockwise.engine.rule import Rule, Scope, inputs_of
from dockwise.files import discover, is_dockerfile_name
from dockwise.project import ProjectView
from shared_data import SHARED

CONTEXTS = SHARED / "contexts"


def _disk_rules() -> list[Rule]:
    """Dockerfile rules that may look at the disk: those that use the context, and those that
    declare inputs of their own."""
    return [r for r in all_rules().values() if r.file_kind == "dockerfile"
            and (r.uses_context or type(r).disk_inputs is not Rule.disk_inputs)]


def _repositories() -> list[str]:
    if not CONTEXTS.is_dir():
        raise RuntimeError(f"the shared contexts are missing: expected them at {CONTEXTS}")
    return sorted(p.name for p in CONTEXTS.iterdir() if p.is_dir())


def test_disk_rules_are_found():
    assert "DW150" in {r.code for r in _disk_rules()}


@pytest.mark.parametrize("repo", _repositories())
def test_what_a_rule_looks_at_outside_the_context_is_declared(repo, monkeypatch):
    looked: list[tuple[str, str]] = []
    real_listdir, real_isfile, real_scandir = os.listdir, os.path.isfile, os.scandir

    def listdir(path="."):
        looked.append(("list", os.path.abspath(path)))
        return real_listdir(path)

    def isfile(path):
        looked.append(("file", os.path.abspath(path)))
        return real_isfile(path)

    def scandir(path="."):
        looked.append(("list", os.path.abspath(path)))
        return real_scandir(path)

    rules = _disk_rules()
    project = ProjectView(trees=[str(CONTEXTS / repo)])
    checked = 0
    for path in (str(p) for p in discover(CONTEXTS / repo) if is_dockerfile_name(p.name)):
        text = open(path, encoding="utf-8", errors="replace").read()
        for rule in rules:
            cfg = Config(select=[rule.code])
            kw = project.for_file(path, text, cfg)
            view = kw.get("context")
            declared = set(rule.disk_inputs(path, view))
            root = os.path.abspath(view.root) if view is not None else None
            looked.clear()
            with monkeypatch.context() as m:
                m.setattr(os, "listdir", listdir)
                m.setattr(os.path, "isfile", isfile)
                m.setattr(os, "scandir", scandir)
                check(text, path, cfg, **kw)
            outside = [(how, p) for how, p in looked
                       if root is None or not (p == root or p.startswith(root + os.sep))]
            undeclared = [(how, p) for how, p in outside if p not in declared]
            assert not undeclared, (rule.code, path, undeclared[:5])
            checked += 1
    assert checked or repo in ("README.md",)


def test_rules_that_use_the_context_are_not_stage_local():
    """The stage memo keeps a stage-local rule's findings while the stage's text stays (rules
    that need the context it leaves out): it knows nothing of the context or the disk, and the
    language server drops only the input memo when they change."""
    assert not [r.code for r in all_rules().values() if r.uses_context and inputs_of(r).scope is Scope.STAGE]
