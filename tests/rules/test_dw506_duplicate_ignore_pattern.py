import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = ["a\na\n", "dist\n/dist\n", "node_modules/\n./node_modules\n", "!x\nb\n!x\n", "a\n!a/b\na\n"]
PASSES = ["a\n!a\n", "a\nb\n", "a/b\na\n", "*.md\n**/*.md\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW506", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW506", text, path=".dockerignore")


@pytest.mark.parametrize("text", CATCHES)
def test_fix_keeps_every_verdict(text):
    from dockwise.ignorefile import parse_ignore_file
    after = fixed("DW506", text, path=".dockerignore")
    assert len(parse_ignore_file(after).patterns) < len(parse_ignore_file(text).patterns)
    for path in ("a", "a/b", "a/c", "x", "b", "dist", "node_modules/q"):
        assert parse_ignore_file(text).verdict(path).excluded == parse_ignore_file(after).verdict(path).excluded


def test_later_copy_removed():
    assert fixed("DW506", "a\nb\na\n", path=".dockerignore") == "a\nb\n"
