import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = ["!README.md\n*.md\n", "!x\n", "docs\n!docs/a.md\ndocs\n", "!a/*.md\n**\n", "tmp\n!keep\n"]
PASSES = ["*.md\n!README.md\n", "docs\n!docs/a.md\n", "*\n!src\n", "docs/a\n!docs\n",
          "ab\n!a?\n", "*.md\n!a*.md\n", "**/*.pyc\n!x/y.pyc\n", "node_modules\n!node_modules/keep.js\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW507", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW507", text, path=".dockerignore")
