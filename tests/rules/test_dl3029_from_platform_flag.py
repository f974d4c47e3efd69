import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM --platform=linux/arm64 a\n',
    'FROM --platform=$FOO a\n',
    'FROM --platform=linux/$ARCH a\n',
]
PASSES = [
    'FROM a\n',
    'FROM --platform=$BUILDPLATFORM a\n',
    'FROM --platform=${TARGETPLATFORM} a\n',
    'FROM --platform=$TARGETPLATFORM a\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3029', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3029', text)
