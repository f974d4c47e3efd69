import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a AS b\nCOPY --from=b /x /y\n',
    'FROM a AS Build\nCOPY --from=build /x /y\n',
    'FROM a\nCOPY --from=0 /x /y\n',
]
PASSES = [
    'FROM a AS b\nFROM a AS c\nCOPY --from=b /x /y\n',
    'FROM a AS b\nCOPY /x /y\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3023', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3023', text)
