import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM alpine AS Builder\n',
    'FROM alpine AS BUILD\nFROM BUILD\n',
]
PASSES = [
    'FROM alpine AS builder\n',
    'FROM alpine\n',
    'ARG N=x\nFROM alpine AS ${N}\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW410', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW410', text)


FIXES = [
    ('FROM golang AS Builder\nRUN --mount=type=cache,from=Builder,target=/x true\nFROM Builder AS t\nCOPY --from=BUILDER /a /b\n', 'FROM golang AS builder\nRUN --mount=type=cache,from=builder,target=/x true\nFROM builder AS t\nCOPY --from=builder /a /b\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW410', before) == after
