import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'LABEL a=b\nFROM x\n',
    'RUN x\nFROM y\n',
]
PASSES = [
    'ARG A=1\nFROM x\n',
    '# comment\nFROM x\nLABEL a=b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3061", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3061", text)
