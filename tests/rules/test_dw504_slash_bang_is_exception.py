import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["docs\n/!docs/README.md\n", "./!x\n"]
PASSES = ["!x\n", "\\!x\n", "/x!\n", "docs\n!docs/README.md\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW504", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW504", text, path=".dockerignore")


def test_fix_keeps_docker_meaning():
    from dockwise.ignorefile import parse_ignore_file
    before = "docs\n/!docs/README.md\n"
    after = fixed("DW504", before, path=".dockerignore")
    assert after == "docs\n!docs/README.md\n"
    for path in ("docs/README.md", "docs/x", "!docs/README.md"):
        assert parse_ignore_file(before).verdict(path).excluded == parse_ignore_file(after).verdict(path).excluded
