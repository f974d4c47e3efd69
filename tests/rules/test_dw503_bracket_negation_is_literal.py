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
