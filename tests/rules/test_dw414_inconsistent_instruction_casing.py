import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine\nrun true\nCOPY a b\n',
    'from alpine\nrun true\nCOPY a b\n',
    'FROM alpine\nRun true\n',
]
PASSES = [
    'FROM alpine\nRUN true\n',
    'from alpine\nrun true\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW414', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW414', text)


FIXES = [
    ('from alpine\nrun true\nCOPY a b\n', 'from alpine\nrun true\ncopy a b\n'),
    ('FROM a\nrun x\n', 'FROM a\nRUN x\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW414', before) == after
