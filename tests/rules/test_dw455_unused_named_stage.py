import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine AS test\nRUN x\nFROM alpine\nRUN y\n",
    "FROM alpine AS a\nFROM a AS b\nFROM alpine\n",
]
PASSES = [
    "FROM alpine AS deps\nFROM alpine\nCOPY --from=deps /x /x\n",
    "FROM alpine AS base\nFROM base AS mid\nFROM mid\n",
    "FROM alpine\nRUN x\nFROM alpine\n",  # unnamed: DW453
    "ARG T=x\nFROM alpine AS x\nFROM alpine\nARG T\nCOPY --from=$T /a /a\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW455", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW455", text)
