import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine AS scratch\n',
    'FROM alpine AS Context\n',
]
PASSES = [
    'FROM scratch\n',
    'FROM alpine AS build\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW415', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW415', text)
