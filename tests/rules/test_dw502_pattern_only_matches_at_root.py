import pytest

from rules.context_trees import lint_ignore, make_tree
from dockwise.buildcontext import load_context
from rule_harness import fixed

# (ignore file, other files in the context)
CATCHES = [
    ("*.pyc\n", {"pkg/a.pyc": "x"}),
    ("__pycache__\n", {"pkg/__pycache__/a.pyc": "x"}),
    ("node_modules\n", {"node_modules/a": "x", "web/node_modules/b": "x"}),
    ("*.log\n", {"logs/app.log": "x"}),
]
PASSES = [
    ("**/*.pyc\n", {"pkg/a.pyc": "x"}),
    ("/node_modules\n", {"web/node_modules/b": "x"}),
    ("*.pyc\n", {"a.pyc": "x"}),
    ("docs\n", {"docs/x": "x", "web/docs/y": "x"}),          # root match, not a junk name
    ("*.pyc\npkg\n", {"pkg/a.pyc": "x"}),                    # nested ones excluded anyway
    ("src/*.pyc\n", {"src/a/b.pyc": "x"}),                   # has a slash: anchored on purpose
]


@pytest.mark.parametrize("ignore,files", CATCHES)
def test_catches(tmp_path, ignore, files):
    found = lint_ignore("DW502", tmp_path, {".dockerignore": ignore, **files})
    assert found and "in this build context" in found[0].message


@pytest.mark.parametrize("ignore,files", PASSES)
def test_passes(tmp_path, ignore, files):
    assert not lint_ignore("DW502", tmp_path, {".dockerignore": ignore, **files})


def test_fix_prefixes_double_star_unsafe(tmp_path):
    make_tree(tmp_path, {".dockerignore": "a\n*.pyc\n", "pkg/m.pyc": "x"})
    view = load_context(tmp_path)
    text = "a\n*.pyc\n"
    assert fixed("DW502", text, path=str(tmp_path / ".dockerignore"), context=view, unsafe=False) == text
    assert fixed("DW502", text, path=str(tmp_path / ".dockerignore"), context=view) == "a\n**/*.pyc\n"


def test_without_context_the_rule_does_not_run(tmp_path):
    from rule_harness import findings
    assert not findings("DW502", "*.pyc\n", path=".dockerignore")
