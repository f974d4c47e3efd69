import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine as build\n',
    'from alpine AS build\n',
    'FROM alpine As build\n',
]
PASSES = [
    'FROM alpine AS build\n',
    'from alpine as build\n',
    'From alpine as build\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW412', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW412', text)


FIXES = [
    ('from alpine AS b\n', 'from alpine as b\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW412', before) == after
