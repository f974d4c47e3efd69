import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = ["!\n", "node_modules\n! \n", "docs/[abc\n", "logs\\\n", "a/[\n"]
PASSES = ["node_modules\n!node_modules/keep\n", "# !\n", "\\!x\n", "docs/[abc]\n", "**/*.pyc\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW500", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW500", text, path=".dockerignore")


def test_lone_bang_message_says_build_fails():
    (d,) = assert_catches("DW500", "x\n!\n", path=".dockerignore")
    assert "lone `!`" in d.message and d.line == 1
