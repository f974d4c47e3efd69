import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = ["FROM a\nCOPY ../x /y\n", "FROM a\nADD src/../../x /y\n", "FROM a\nCOPY [\"../x\", \"/y\"]\n",
           "FROM a\nCOPY ok ../up /d/\n"]
PASSES = ["FROM a\nCOPY x /y\n", "FROM a\nCOPY --from=b ../x /y\n", "FROM a\nCOPY a/../b /y\n",
          "FROM a\nCOPY x ../dest\n", "FROM a\nCOPY <<EOF /y\nhi\nEOF\n", "FROM a\nADD https://e.com/../x /y\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW521", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW521", text)
