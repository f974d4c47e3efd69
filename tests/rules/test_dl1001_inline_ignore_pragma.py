import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM alpine\n# hadolint ignore=DL3018\nRUN apk add curl\n',
    'FROM alpine\n# dockwise: ignore=DL3018\nRUN apk add curl\n',
]
PASSES = [
    'FROM alpine\n# just a comment\nRUN apk add curl\n',
    '# hadolint global ignore=DL3018\nFROM alpine\nRUN apk add curl\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL1001', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL1001', text)
