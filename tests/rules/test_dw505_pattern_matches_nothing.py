import pytest

from rules.context_trees import lint_ignore

CATCHES = [
    ("test/fixture\n", {"test/fixtures/a": "x"}),
    ("src/*.bak\n", {"app/a.bak": "x"}),
    ("docs\n!docs/missing.md\n", {"docs/a.md": "x"}),
]
PASSES = [
    ("test/fixtures\n", {"test/fixtures/a": "x"}),
    ("node_modules\ndist\n*.log\n.env\n", {"a": "x"}),          # defensive patterns
    ("docs\n!docs/a.md\n", {"docs/a.md": "x"}),
    ("**/*.tmp\n", {"app/a.tmp": "x"}),
]


@pytest.mark.parametrize("ignore,files", CATCHES)
def test_catches(tmp_path, ignore, files):
    found = lint_ignore("DW505", tmp_path, {".dockerignore": ignore, **files})
    assert found and found[0].unnecessary and "build context" in found[0].message


@pytest.mark.parametrize("ignore,files", PASSES)
def test_passes(tmp_path, ignore, files):
    assert not lint_ignore("DW505", tmp_path, {".dockerignore": ignore, **files})
