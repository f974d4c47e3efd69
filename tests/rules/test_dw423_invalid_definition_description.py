import pytest

from rule_harness import assert_catches, assert_passes, fixed
from dockwise.config import Config

CATCHES = [
    '# the version\nARG VERSION=1\n',
    '# Build stage\nFROM alpine AS build\n',
]
PASSES = [
    '# VERSION of the thing\nARG VERSION=1\n',
    'ARG VERSION=1\n',
    '# hadolint ignore=DL3006\nFROM alpine AS build\n',
    '# base image\nFROM alpine\n',
    '# build compiles it\nFROM alpine AS build\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW423', text, config=Config(select=['DW423'], preview=True))


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW423', text, config=Config(select=['DW423'], preview=True))
