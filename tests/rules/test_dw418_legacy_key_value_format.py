import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine\nENV A 1\n',
    'FROM alpine\nLABEL maintainer me\n',
    'FROM alpine\nENV A b c\n',
]
PASSES = [
    'FROM alpine\nENV A=1\n',
    'FROM alpine\nENV A=1 B=2\n',
    'FROM alpine\nARG A\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW418', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW418', text)


FIXES = [
    ('FROM a\nENV A 1\n', 'FROM a\nENV A=1\n'),
    ('FROM a\nENV A b c\n', 'FROM a\nENV A="b c"\n'),
    ('FROM a\nENV A "b c"\n', 'FROM a\nENV A="b c"\n'),
    ('FROM a\nENV A say \\"hi\\"\n', 'FROM a\nENV A="say \\"hi\\""\n'),
    ('FROM a\nENV P $PATH:/x\n', 'FROM a\nENV P=$PATH:/x\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW418', before) == after
