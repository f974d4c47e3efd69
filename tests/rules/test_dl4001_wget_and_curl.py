import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN curl a && wget b\n',
    'FROM x\nRUN curl a\nRUN wget b\n',
]
PASSES = [
    'FROM x\nRUN curl a\nFROM y\nRUN wget b\n',
    'FROM x\nRUN curl a && curl b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL4001", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL4001", text)
