import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM node:${NODE_VERSION}\n',
    'ARG VERSION=1\nFROM node:${VERSON}\n',
    'FROM --platform=$PLAT alpine\n',
]
PASSES = [
    # a dev container template: its tool fills ${templateOption:…} in before any build
    "FROM mcr.microsoft.com/devcontainers/go:2-${templateOption:imageVariant}\n",
    'ARG V=1\nFROM node:$V\n',
    'ARG V\nFROM node:$V\n',
    'FROM --platform=$BUILDPLATFORM alpine\n',
    'FROM alpine:${TAG:-3}\n',
    'FROM a AS b\nARG V\nFROM b\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW416', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW416', text)
