import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\n',
    'FROM x AS a\nUSER 1\nFROM y\n',
    # hadolint's spec cases
    'FROM alpine:3\n',
]
PASSES = [
    'FROM x\nUSER 1000\n',
    'FROM x AS a\nUSER 1\nFROM a\n',
    # hadolint's spec cases
    'FROM alpine:3\nUSER nobody\n',
    'FROM alpine:3 AS builder\nFROM alpine:3\nUSER app\n',
    'FROM alpine:3\nUSER 1000\n',
    'FROM alpine:3\nUSER 1000:1000\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3063", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3063", text)
