import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nENV A=1 B=$A\n',
    'FROM x\nENV A=1 B=${A}/x\n',
    'FROM x\nENV B=$A A=1\n',
]
PASSES = [
    'FROM x\nENV A=1\nENV B=$A\n',
    'FROM x\nENV A=1 B=$AB\n',
    'FROM x\nARG A\nENV A=${A} B=$A\n',
    'FROM x\nENV PATH=/x:$PATH\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3044", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3044", text)
