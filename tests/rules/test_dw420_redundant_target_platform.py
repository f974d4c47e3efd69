import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM --platform=$TARGETPLATFORM alpine\n',
    'FROM --platform=${TARGETPLATFORM} alpine AS b\n',
]
PASSES = [
    'FROM --platform=$BUILDPLATFORM alpine\n',
    'FROM alpine\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW420', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW420', text)


FIXES = [
    ('FROM --platform=$TARGETPLATFORM  alpine\n', 'FROM alpine\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW420', before) == after
