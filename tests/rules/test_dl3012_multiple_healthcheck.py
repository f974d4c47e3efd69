import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM debian:12\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n',
]
PASSES = [
    'FROM debian:12\nHEALTHCHECK CMD true\nFROM debian:12\nHEALTHCHECK CMD true\n',
    'FROM debian:12\nHEALTHCHECK CMD true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3012', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3012', text)
