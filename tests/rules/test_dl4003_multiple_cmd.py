import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nCMD a\nCMD b\n',
]
PASSES = [
    'FROM x\nCMD a\nFROM y\nCMD b\n',
    'FROM x\nCMD a\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4003", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4003", text)
