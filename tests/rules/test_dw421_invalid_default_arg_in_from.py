import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'ARG TAG\nFROM busybox:${TAG}\n',
    'ARG BASE\nFROM $BASE\n',
    'ARG R=Foo\nFROM $R/x\n',
]
PASSES = [
    # a dev container template: its tool fills ${templateOption:…} in before any build
    "ARG VARIANT=${templateOption:imageVariant}\nFROM swift:${VARIANT}\n",
    'ARG TAG=1\nFROM busybox:${TAG}\n',
    'FROM alpine AS base-amd64\nFROM base-${TARGETARCH}\n',
    'ARG TAG\nFROM busybox:${TAG:-latest}\n',
    'FROM busybox:${UNDECLARED}\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW421', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW421', text)
