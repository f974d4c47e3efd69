import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nENTRYPOINT a\nENTRYPOINT b\n',
]
PASSES = [
    'FROM x\nENTRYPOINT a\nFROM y\nENTRYPOINT b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4004", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4004", text)
