import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a AS b\nFROM c AS b\n',
    'FROM a AS b\nFROM c AS B\n',
    # hadolint's spec cases
    'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n',
]
PASSES = [
    'FROM a AS b\nFROM c AS d\n',
    'FROM a\nFROM a\n',
    # hadolint's spec cases
    'FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3024', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3024', text)


def test_names_differing_in_case_are_duplicates():
    # hadolint misses this; BuildKit rejects it (stage names are case-insensitive)
    assert_catches("DL3024", "FROM a AS build\nFROM b AS Build\n", count=1)
