import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM nginx\n',
    'FROM a AS b\nHEALTHCHECK CMD true\nFROM c\n',
]
PASSES = [
    'FROM a\nHEALTHCHECK CMD true\n',
    'FROM a\nHEALTHCHECK NONE\n',
    'FROM a AS b\nHEALTHCHECK CMD true\nFROM b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW220', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW220', text)
