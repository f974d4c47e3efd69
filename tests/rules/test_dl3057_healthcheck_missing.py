import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\n',
    'FROM x AS a\nHEALTHCHECK NONE\nFROM y\n',
]
PASSES = [
    'FROM x\nHEALTHCHECK CMD true\n',
    'FROM x AS a\nHEALTHCHECK CMD true\nFROM a\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3057", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3057", text)
