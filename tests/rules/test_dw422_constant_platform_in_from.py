import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM --platform=linux/amd64 alpine\n',
    'FROM --platform=linux/arm64 alpine AS build\n',
]
PASSES = [
    'FROM --platform=$BUILDPLATFORM alpine\n',
    'FROM --platform=linux/amd64 alpine AS build-amd64\n',
    'FROM --platform=linux/arm64 alpine AS linux-build\n',
    'FROM alpine\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW422', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW422', text)
