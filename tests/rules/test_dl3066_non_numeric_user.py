import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nUSER app\n',
    'FROM x\nUSER app:app\n',
]
PASSES = [
    'FROM x\nUSER 1000\n',
    'FROM x\nUSER 1000:app\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3066", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3066", text)
