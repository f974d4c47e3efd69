import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM alpine\n# hadolint ignore=DL3018\nRUN apk add curl\n',
    'FROM alpine\n# dockwise: ignore=DL3018\nRUN apk add curl\n',
    # hadolint's spec cases
    'FROM debian:12\n# hadolint ignore=DL3003\nRUN foo bar\n',
]
PASSES = [
    'FROM alpine\n# just a comment\nRUN apk add curl\n',
    '# hadolint global ignore=DL3018\nFROM alpine\nRUN apk add curl\n',
    # hadolint's spec cases
    'FROM debian:12\n# hadolint shell=powershell\nRUN foo bar\n',
    'FROM debian:12\n# foobar\nRUN foo bar\n',
    'FROM debian\nRUN foo bar\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL1001', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL1001', text)
