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


# --- with the build context: reviving a pattern must not silently drop source ---------------

from rules.context_trees import lint_ignore  # noqa: E402


def test_revived_pattern_that_takes_junk_stays_safe(tmp_path):
    (d,) = lint_ignore("DW501", tmp_path, {".dockerignore": "node_modules  # installed in the image\n",
                                           "node_modules/react/index.js": "x", "src/app.js": "x"})
    assert d.fix.applicability.value == "safe"


def test_revived_pattern_that_takes_source_is_unsafe_and_says_so(tmp_path):
    # `config  # local overrides` was dead; alive, it would drop the app's config package
    (d,) = lint_ignore("DW501", tmp_path, {".dockerignore": "config  # local overrides\n",
                                           "config/settings.py": "x", "manage.py": "x"})
    assert d.fix.applicability.value == "unsafe" and "`config/settings.py`" in d.message
