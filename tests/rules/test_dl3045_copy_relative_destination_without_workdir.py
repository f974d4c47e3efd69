import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nCOPY a b\n',
    'FROM x\nCOPY a .\n',
    'FROM x\nCOPY ["a", "b"]\n',
]
PASSES = [
    'FROM x\nCOPY a /b\n',
    'FROM x\nWORKDIR /w\nCOPY a b\n',
    'FROM x\nCOPY a $DEST\n',
    'FROM x AS a\nWORKDIR /w\nFROM a\nCOPY a b\n',
    'FROM x\nCOPY a C:\\\\app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3045", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3045", text)
