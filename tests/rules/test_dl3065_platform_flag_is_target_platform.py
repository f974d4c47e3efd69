import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM --platform=$TARGETPLATFORM x\n',
    'FROM --platform=${TARGETPLATFORM} x\n',
    # hadolint's spec cases
    'FROM --platform=$TARGETPLATFORM alpine:3.24\n',
    'FROM --platform=${TARGETPLATFORM} alpine:3.24\n',
]
PASSES = [
    'FROM --platform=$BUILDPLATFORM x\n',
    'FROM x\n',
    # hadolint's spec cases
    'FROM alpine:3.24\n',
    'FROM --platform=$FOOBAR alpine:3.24\n',
    'FROM --platform=foobar alpine:3.24\n',
    'FROM --platform=foobar/arm64 alpine:3.24\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3065", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3065", text)


def test_fix():
    assert fixed("DL3065", 'FROM --platform=$TARGETPLATFORM x AS a\n') == 'FROM x AS a\n'
