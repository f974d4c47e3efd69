import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a AS b\nCOPY --from=b /x /y\n',
    'FROM a AS Build\nCOPY --from=build /x /y\n',
    'FROM a\nCOPY --from=0 /x /y\n',
    # hadolint's spec cases
    'FROM node as foo\nCOPY --from=foo bar .\n',
]
PASSES = [
    'FROM a AS b\nFROM a AS c\nCOPY --from=b /x /y\n',
    'FROM a AS b\nCOPY /x /y\n',
    # hadolint's spec cases
    'FROM scratch as build\nRUN foo\nFROM node as run\nCOPY --from=build foo .\nRUN baz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3023', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3023', text)
