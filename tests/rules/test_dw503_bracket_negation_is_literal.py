import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["docs/[!_]*\n", "*.[!m]d\n", "![!a]b\n"]
PASSES = ["docs/[^_]*\n", "\\[!x]\n", "!docs\n", "[a!]\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW503", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW503", text, path=".dockerignore")


def test_fix_is_unsafe_and_rewrites_class():
    assert fixed("DW503", "a/[!x]y\n", path=".dockerignore", unsafe=False) == "a/[!x]y\n"
    assert fixed("DW503", "a/[!x]y\n", path=".dockerignore") == "a/[^x]y\n"


from rules.context_trees import lint_ignore  # noqa: E402


def test_negated_class_that_would_take_source_is_only_suggested(tmp_path):
    # `*.[!m]d` meant "not .md"; as `[^m]` it would also exclude the `.sd` schema files the app loads
    (d,) = lint_ignore("DW503", tmp_path, {".dockerignore": "*.[!m]d\n", "types.sd": "x", "README.md": "x"})
    assert d.fix.applicability.value == "suggestion" and "`types.sd`" in d.message


def test_negated_class_over_junk_keeps_its_unsafe_fix(tmp_path):
    (d,) = lint_ignore("DW503", tmp_path, {".dockerignore": "*.py[!d]\n", "cache.pyc": "x", "app.py": "x"})
    assert d.fix.applicability.value == "unsafe"
