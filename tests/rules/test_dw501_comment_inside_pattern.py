import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["node_modules # deps\n", "dist\t# out\n", "  # indented comment\n", "!keep # why\n"]
PASSES = ["# comment\nnode_modules\n", "foo#bar\n", "#no space\n", "a\n\n# x\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW501", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW501", text, path=".dockerignore")


def test_fix_moves_comment_above_and_keeps_crlf():
    out = fixed("DW501", "a\r\nnode_modules  # deps\r\nb\r\n", path=".dockerignore")
    assert out == "a\r\n# deps\r\nnode_modules\r\nb\r\n"


def test_fix_dedents_indented_comment():
    assert fixed("DW501", "  # x\ndist\n", path=".dockerignore") == "# x\ndist\n"


def test_fix_keeps_exception():
    assert fixed("DW501", "!keep # why\n", path=".dockerignore") == "# why\n!keep\n"
